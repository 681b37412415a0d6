namespace NotebookCourse.Metrics;

/// <summary>
/// The fraction of samples whose predicted class is right. Predictions [batch, classes] are read by
/// argmax; targets may be one-hot rows [batch, classes] or class indices [batch] / [batch, 1]. For a
/// single output column [batch, 1] it is <see cref="BinaryAccuracy"/> (threshold 0.5), as in Keras.
/// </summary>
/// <param name="name">The key in training logs (Keras uses the name the metric was asked for, e.g. "categorical_accuracy").</param>
public sealed class Accuracy(string name = "accuracy") : Metric, IMetricFromConfig<Accuracy>
{
    /// <summary>The names Compile accepts: "accuracy" (or "acc"), and Keras's "categorical_accuracy" and "sparse_categorical_accuracy".</summary>
    public static IReadOnlyList<string> Names { get; } = ["accuracy", "acc", "categorical_accuracy", "sparse_categorical_accuracy"];

    /// <inheritdoc/>
    public override string Name => name;

    /// <summary>The metric from its <see cref="Metric.Config"/>, logged under the name asked for ("acc" is logged as "accuracy").</summary>
    public static Accuracy FromConfig(MetricConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var key = config.Name.Trim().ToLowerInvariant();
        return new(key == "acc" ? "accuracy" : key);
    }

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets)
    {
        var predicted = Classes.Predicted(predictions, targets, out var truth);
        if (predicted.Length == 0) return double.NaN;
        var right = 0;
        for (var i = 0; i < predicted.Length; i++) if (predicted[i] == truth[i]) right++;
        return (double)right / predicted.Length;
    }
}
