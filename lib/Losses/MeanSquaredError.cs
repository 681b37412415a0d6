namespace NotebookCourse.Losses;

/// <summary>
/// Mean squared error mean((ŷ − y)²) over every value, for regression (and the handouts' first Iris
/// model). Its gradient is 2(ŷ − y)/n. Targets [n] are accepted for predictions [n, 1].
/// </summary>
public sealed class MeanSquaredError : Loss, ILossFromConfig<MeanSquaredError>
{
    /// <summary>"mse", and the other spellings Compile accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mse", "mean_squared_error", "meansquarederror"];

    /// <inheritdoc/>
    public override string Name => Names[0];

    /// <summary>The loss from its <see cref="Loss.Config"/> (it has no settings).</summary>
    public static MeanSquaredError FromConfig(LossConfig config) => new();

    /// <inheritdoc/>
    public override Tensor Forward(Tensor predictions, Tensor targets)
    {
        targets = LossChecks.AlignColumn(predictions, targets, Name);
        return (predictions - targets.Detach()).Square().Mean();
    }
}
