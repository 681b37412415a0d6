namespace NotebookCourse.Optimizers;

/// <summary>
/// An optimizer that knows its own name and rebuilds itself from its <see cref="Optimizer.Config"/>, as Keras's
/// <c>from_config</c> does. Every optimizer of the library implements it, so <c>Compile("adam", ...)</c> and
/// model files find it; one of your own does too once you call <see cref="Optimizer.Register{TOptimizer}"/>.
/// </summary>
/// <typeparam name="TSelf">The optimizer type itself: <c>class Adam : Optimizer, IOptimizerFromConfig&lt;Adam&gt;</c>.</typeparam>
public interface IOptimizerFromConfig<TSelf> where TSelf : Optimizer, IOptimizerFromConfig<TSelf>
{
    /// <summary>The name Compile and model files know the optimizer by, e.g. "adam".</summary>
    static abstract string KerasName { get; }

    /// <summary>A new optimizer, not yet bound to parameters, with the config's hyper-parameters; those it leaves out take their defaults.</summary>
    static abstract TSelf FromConfig(OptimizerConfig config);
}
