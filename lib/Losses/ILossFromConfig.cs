namespace NotebookCourse.Losses;

/// <summary>
/// A loss that knows its names and rebuilds itself from its <see cref="Loss.Config"/>. Every loss of the
/// library implements it, so <c>Compile("categorical_crossentropy", ...)</c> and model files find it.
/// </summary>
/// <typeparam name="TSelf">The loss type itself: <c>class MeanSquaredError : Loss, ILossFromConfig&lt;MeanSquaredError&gt;</c>.</typeparam>
public interface ILossFromConfig<TSelf> where TSelf : Loss, ILossFromConfig<TSelf>
{
    /// <summary>The names Compile accepts for it, written with underscores: its own name (the one files keep) first, then other spellings.</summary>
    static abstract IReadOnlyList<string> Names { get; }

    /// <summary>The loss with the config's settings.</summary>
    static abstract TSelf FromConfig(LossConfig config);
}
