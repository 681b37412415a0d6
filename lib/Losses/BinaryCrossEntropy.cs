namespace NotebookCourse.Losses;

/// <summary>
/// Binary cross-entropy (log loss) −mean(y·log p + (1 − y)·log(1 − p)) for 0/1 targets, averaged over
/// every value. On probabilities (after a sigmoid) p is clipped to [1e-7, 1 − 1e-7] like Keras.
/// From logits z it uses the stable form max(z, 0) − z·y + log(1 + e^−|z|), with gradient (σ(z) − y)/n.
/// </summary>
/// <remarks>
/// On purpose this follows Keras, not PyTorch, on probabilities: a prediction of exactly 0 or 1 costs
/// at most −log(1e-7) ≈ 16.1 per value (PyTorch's BCELoss clamps the logarithm at −100 instead), and
/// where the clip cuts p off its gradient is 0. A model that saturates its sigmoid therefore stops
/// learning from those values; from logits (<c>fromLogits: true</c>) nothing is clipped, as in both frameworks.
/// </remarks>
/// <param name="fromLogits">True when predictions are raw scores rather than probabilities.</param>
public sealed class BinaryCrossEntropy(bool fromLogits = false) : Loss, ILossFromConfig<BinaryCrossEntropy>
{
    /// <summary>"binary_crossentropy", and the other spellings Compile accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["binary_crossentropy", "binary_cross_entropy", "bce", "binarycrossentropy"];

    /// <inheritdoc/>
    public override string Name => Names[0];

    /// <summary>The loss from its <see cref="Loss.Config"/>.</summary>
    public static BinaryCrossEntropy FromConfig(LossConfig config) => new((config ?? throw new ArgumentNullException(nameof(config))).FromLogits);

    /// <inheritdoc/>
    public override bool FromLogits => fromLogits;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor predictions, Tensor targets)
    {
        targets = LossChecks.AlignColumn(predictions, targets, Name);
        if (fromLogits) return StableFromLogits(predictions, targets);
        var y = targets.Detach();
        var p = predictions.Clamp(Epsilon, 1f - Epsilon);
        return -(y * p.Log() + (1f - y) * (1f - p).Log()).Mean();
    }

    private static Tensor StableFromLogits(Tensor logits, Tensor targets)
    {
        var n = logits.Size;
        var z = logits.Data;
        var y = targets.Data;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            double zi = z[i];
            total += Math.Max(zi, 0) - zi * y[i] + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
        }
        return Tensor.RecordOperation([(float)(total / n)], [], "binary_cross_entropy_logits", [logits], g =>
        {
            // d/dz [max(z,0) − z·y + log(1 + e^−|z|)] = σ(z) − y
            var scale = g[0] / n;
            var gz = logits.GradToAddTo();
            for (var i = 0; i < n; i++) gz[i] += scale * ((float)(1 / (1 + Math.Exp(-(double)z[i]))) - y[i]);
        });
    }
}
