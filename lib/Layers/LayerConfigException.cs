namespace NotebookCourse.Layers;

/// <summary>A layer config that cannot be rebuilt; the message names the layer (where it was read from) and the reason.</summary>
internal sealed class LayerConfigException(string message, Exception? inner = null) : ArgumentException(message, inner);
