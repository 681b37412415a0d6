using NotebookCourse.Serialization;

namespace NotebookCourse.Layers;

/// <summary>Loading a whole model, Keras's <c>load_model</c>: <c>var model = Sequential.Load(path)</c>.</summary>
/// <remarks>This part of the class lives with the model files (lib/Serialization); see <see cref="ModelFile"/> for the format.</remarks>
public partial class Sequential
{
    /// <summary>
    /// Loads a model saved with <c>model.Save(path)</c>: layers, weights and, when it was compiled, the
    /// optimizer with its state, loss and metrics, so <c>Fit</c> continues where it stopped.
    /// </summary>
    /// <exception cref="ModelFileException">The file is missing, damaged or not a whole-model file.</exception>
    /// <example><code>var model = Sequential.Load("softmax_mnist_model.safetensors");</code></example>
    public static Sequential Load(string path) => ModelFile.Load(path);
}
