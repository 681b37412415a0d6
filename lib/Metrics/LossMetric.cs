namespace NotebookCourse.Metrics;

/// <summary>A loss reported as a metric (Keras's <c>metrics=["mse"]</c>): its mean over the batch.</summary>
/// <param name="loss">The loss to report.</param>
public sealed class LossMetric(Losses.Loss loss) : Metric, IMetricFromConfig<LossMetric>
{
    /// <summary>None of its own: a loss metric is asked for by the loss's name (see <see cref="Metric.Rebuild"/>).</summary>
    public static IReadOnlyList<string> Names { get; } = [];

    /// <inheritdoc/>
    public override MetricConfig Config => new(Name, new Dictionary<string, double> { ["from_logits"] = loss.FromLogits ? 1 : 0 });

    /// <summary>The loss named by the config, as a metric.</summary>
    /// <exception cref="ArgumentException">The name is not a loss.</exception>
    public static LossMetric FromConfig(MetricConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(Losses.Loss.FromName(config.Name, fromLogits: config.Get("from_logits", 0) != 0));
    }

    /// <summary>The loss being reported.</summary>
    public Losses.Loss Loss => loss;

    /// <inheritdoc/>
    public override string Name => loss.Name;

    /// <inheritdoc/>
    public override double Compute(Tensor predictions, Tensor targets)
    {
        using var _ = Tensor.NoGrad();
        return loss.Forward(predictions, targets).Item();
    }
}
