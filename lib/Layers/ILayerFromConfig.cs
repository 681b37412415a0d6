namespace NotebookCourse.Layers;

/// <summary>
/// A layer that rebuilds itself from its <see cref="Layer.Config"/>, as Keras's <c>from_config</c> does.
/// Every layer of the library implements it, so a model file can name it; a layer of your own does too
/// once you implement it and call <see cref="Layer.Register{TLayer}"/>.
/// </summary>
/// <typeparam name="TSelf">The layer type itself: <c>class Dense : Layer, ILayerFromConfig&lt;Dense&gt;</c>.</typeparam>
public interface ILayerFromConfig<TSelf> where TSelf : Layer, ILayerFromConfig<TSelf>
{
    /// <summary>A new layer with the config's arguments and name, and fresh parameters (a model file then overwrites them).</summary>
    /// <exception cref="ArgumentException">An argument is missing or malformed; the message says which.</exception>
    static abstract TSelf FromConfig(LayerConfig config);
}
