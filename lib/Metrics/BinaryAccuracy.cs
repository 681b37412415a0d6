namespace NotebookCourse.Metrics;

/// <summary>
/// The fraction of 0/1 targets matched by predictions thresholded at <see cref="Threshold"/>
/// (predicted 1 when the probability is above it), compared value by value.
/// </summary>
/// <param name="threshold">The probability above which the prediction counts as 1 (default 0.5).</param>
public sealed class BinaryAccuracy(float threshold = 0.5f) : Metric, IMetricFromConfig<BinaryAccuracy>
{
    /// <summary>The name Compile accepts: "binary_accuracy".</summary>
    public static IReadOnlyList<string> Names { get; } = ["binary_accuracy"];

    /// <inheritdoc/>
    public override MetricConfig Config => new(Name, new Dictionary<string, double> { ["threshold"] = Threshold });

    /// <summary>The metric from its <see cref="Config"/>.</summary>
    public static BinaryAccuracy FromConfig(MetricConfig config) => new((float)(config ?? throw new ArgumentNullException(nameof(config))).Get("threshold", 0.5));

    /// <summary>The decision threshold.</summary>
    public float Threshold => threshold;

    /// <inheritdoc/>
    public override string Name => Names[0];

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (predictions.Size != targets.Size)
        {
            throw new ArgumentException($"binary_accuracy: predictions {Tensor.ShapeText(predictions.Shape)} and targets {Tensor.ShapeText(targets.Shape)} hold different numbers of values.");
        }
        if (predictions.Size == 0) return double.NaN;
        var right = 0;
        for (var i = 0; i < predictions.Size; i++)
        {
            var predicted = predictions.Data[i] > threshold ? 1f : 0f;
            var truth = targets.Data[i] > 0.5f ? 1f : 0f;
            if (predicted == truth) right++;
        }
        return (double)right / predictions.Size;
    }
}
