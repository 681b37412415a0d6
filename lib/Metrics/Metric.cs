namespace NotebookCourse.Metrics;

/// <summary>
/// A number reported during training that is easier to read than the loss, e.g. accuracy. It is not
/// differentiated; training averages <see cref="Compute"/> over batches weighted by their size.
/// </summary>
public abstract class Metric
{
    /// <summary>The key in training logs and History, e.g. "accuracy".</summary>
    public abstract string Name { get; }

    /// <summary>The metric for one batch of predictions and targets.</summary>
    public abstract double Compute(Tensor predictions, Tensor targets);

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>
    /// A metric by Keras name: "accuracy"/"acc" (picks one-hot, sparse or binary from the shapes),
    /// "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy", or a loss name such
    /// as "mse" (the loss reported as a metric).
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Metric FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        switch (key)
        {
            case "accuracy" or "acc":
                return new Accuracy();
            case "categorical_accuracy" or "sparse_categorical_accuracy":
                return new Accuracy(key);
            case "binary_accuracy":
                return new BinaryAccuracy();
        }
        try
        {
            return new LossMetric(Losses.Loss.FromName(key));
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"Unknown metric '{name}'. Known: accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, or a loss name such as mse.", nameof(name));
        }
    }
}
