namespace NotebookCourse.Metrics;

/// <summary>A loss reported as a metric (Keras's <c>metrics=["mse"]</c>): its mean over the batch.</summary>
/// <param name="loss">The loss to report.</param>
public sealed class LossMetric(Losses.Loss loss) : Metric
{
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
