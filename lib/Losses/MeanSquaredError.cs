namespace NotebookCourse.Losses;

/// <summary>
/// Mean squared error mean((ŷ − y)²) over every value, for regression (and the handouts' first Iris
/// model). Its gradient is 2(ŷ − y)/n. Targets [n] are accepted for predictions [n, 1].
/// </summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mse";

    /// <inheritdoc/>
    public override Tensor Forward(Tensor predictions, Tensor targets)
    {
        targets = LossChecks.AlignColumn(predictions, targets, Name);
        return (predictions - targets.Detach()).Square().Mean();
    }
}
