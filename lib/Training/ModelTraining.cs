using System.Runtime.CompilerServices;
using NotebookCourse.Layers;

namespace NotebookCourse.Training;

/// <summary>
/// Keras-style training for any <see cref="Module"/> (a <see cref="Sequential"/> or your own):
/// <c>model.Compile("adam", "categorical_crossentropy", ["accuracy"])</c>, then
/// <c>model.Fit(x, y, epochs: 15)</c>, <c>model.Evaluate(x, y)</c>, <c>model.Predict(x)</c>, <c>model.Summary()</c>.
/// </summary>
/// <remarks>Compile remembers its choices next to the model (in a table keyed by the model object), so the
/// model class itself stays a plain PyTorch-style module.</remarks>
public static class ModelTraining
{
    private static readonly ConditionalWeakTable<Module, TrainingSetup> s_setups = [];

    /// <summary>
    /// Chooses how the model will be trained. Each argument is an object or a Keras name:
    /// optimizer "sgd" / "adam" / "rmsprop" (or <c>new Adam(0.001f)</c>), loss "mse" / "binary_crossentropy" /
    /// "categorical_crossentropy" / "sparse_categorical_crossentropy", metrics "accuracy" / "binary_accuracy".
    /// Compiling again replaces the earlier choice.
    /// </summary>
    /// <example><code>model.Compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"]);</code></example>
    public static TrainingSetup Compile(this Module model, object optimizer, object loss, IEnumerable<object>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var setup = TrainingSetup.From(optimizer, loss, metrics);
        s_setups.AddOrUpdate(model, setup);
        return setup;
    }

    /// <summary>The optimizer, loss and metrics given to <see cref="Compile"/>, e.g. <c>model.Compiled().Optimizer.LearningRate = 0.01f</c>.</summary>
    /// <exception cref="InvalidOperationException">The model was not compiled.</exception>
    public static TrainingSetup Compiled(this Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return s_setups.TryGetValue(model, out var setup)
            ? setup
            : throw new InvalidOperationException(
                $"The {model.GetType().Name} has not been compiled: call model.Compile(optimizer, loss, metrics) first, " +
                "e.g. model.Compile(\"adam\", \"categorical_crossentropy\", [\"accuracy\"]).");
    }

    /// <summary>True when <see cref="Compile"/> has been called on this model.</summary>
    public static bool IsCompiled(this Module model) => s_setups.TryGetValue(model, out _);

    /// <summary>
    /// Trains the model on rows of <paramref name="x"/> with targets <paramref name="y"/> for a number of
    /// epochs of mini-batches and returns the per-epoch loss and metrics (and "val_..." values when
    /// validation data is given).
    /// </summary>
    /// <param name="model">A compiled model.</param>
    /// <param name="x">Inputs, one sample per row: [samples, features] (or [samples, 28, 28] for a Flatten model).</param>
    /// <param name="y">Targets with the same number of rows: one-hot [samples, classes], class indices [samples], or values.</param>
    /// <param name="batchSize">Samples per update; the last batch of an epoch may be smaller.</param>
    /// <param name="epochs">Passes over the training data.</param>
    /// <param name="validationData">Data not trained on, evaluated after each epoch ("val_loss", "val_accuracy").</param>
    /// <param name="shuffle">Whether to visit the rows in a new random order each epoch.</param>
    /// <param name="seed">Seed for the shuffling; without it <see cref="Tensor.Generator"/> is used (see <see cref="Tensor.ManualSeed"/>).</param>
    /// <param name="verbose">0 silent, 1 a live progress bar, 2 one line per epoch.</param>
    /// <param name="callbacks">Extra code called during training (EarlyStopping, StopOnNaN, HistoryLogger, your own).</param>
    /// <param name="validationSplit">Fraction (0 to &lt;1) of the rows, taken from the end before shuffling, kept for validation.</param>
    /// <example><code>var history = model.Fit(xTrain, yTrain, batchSize: 100, epochs: 15, validationData: (xTest, yTest));</code></example>
    public static History Fit(this Module model, Tensor x, Tensor y, int batchSize = 32, int epochs = 1,
        (Tensor X, Tensor Y)? validationData = null, bool shuffle = true, int? seed = null, int verbose = 1,
        IEnumerable<Callback>? callbacks = null, float validationSplit = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var options = new FitOptions(batchSize, epochs, validationData, shuffle, seed, verbose, callbacks?.ToList() ?? [], validationSplit);
        return Trainer.Fit(model, model.Compiled(), x, y, options);
    }

    /// <summary>The loss and metrics on <paramref name="x"/>, <paramref name="y"/> in evaluation mode (dropout off, no gradients).</summary>
    /// <example><code>var result = model.Evaluate(xTest, yTest); Console.WriteLine(result["accuracy"]);</code></example>
    public static EvaluationResult Evaluate(this Module model, Tensor x, Tensor y, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Trainer.Evaluate(model, model.Compiled(), x, y, batchSize);
    }

    /// <summary>The model's outputs for every row of <paramref name="x"/>, computed in batches in evaluation mode without gradients.</summary>
    /// <example><code>var probabilities = model.Predict(xTest); var classes = probabilities.ArgMax(1);</code></example>
    public static Tensor Predict(this Module model, Tensor x, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Trainer.Predict(model, x, batchSize);
    }

    /// <summary>
    /// The layers with output shapes and parameter counts (Keras's summary). Give the per-sample input
    /// shape when the first layer does not state it; the model is then built, as Keras's build does.
    /// </summary>
    /// <example><code>model.Summary()   // Dense(10) on 784 inputs: Total params: 7,850</code></example>
    public static ModelSummary Summary(this Module model, params int[] inputShape)
        => ModelSummary.Of(model, inputShape is { Length: > 0 } ? inputShape : null);
}
