namespace NotebookCourse.Losses;

/// <summary>
/// Categorical cross-entropy −Σ y·log ŷ per sample, averaged over the batch, for one-hot targets
/// [batch, classes]. On probabilities (fromLogits false, after a softmax layer) it works as Keras does:
/// each row is divided by its sum, then clipped to [1e-7, 1 − 1e-7]. From logits it fuses softmax and
/// cross-entropy (gradient (softmax − y)/batch) and stays finite for scores of ±1000.
/// </summary>
/// <param name="fromLogits">True when predictions are raw scores rather than probabilities.</param>
public sealed class CategoricalCrossEntropy(bool fromLogits = false) : Loss, ILossFromConfig<CategoricalCrossEntropy>
{
    /// <summary>"categorical_crossentropy", and the other spellings Compile accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["categorical_crossentropy", "categorical_cross_entropy", "cce", "categoricalcrossentropy"];

    /// <inheritdoc/>
    public override string Name => Names[0];

    /// <summary>The loss from its <see cref="Loss.Config"/>.</summary>
    public static CategoricalCrossEntropy FromConfig(LossConfig config) => new((config ?? throw new ArgumentNullException(nameof(config))).FromLogits);

    /// <inheritdoc/>
    public override bool FromLogits => fromLogits;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor predictions, Tensor targets)
    {
        LossChecks.SameShape(predictions, targets, Name);
        if (predictions.Rank == 0) throw new ArgumentException($"{Name}: predictions must be [batch, classes]; got a single number.", nameof(predictions));
        if (fromLogits) return SoftmaxCrossEntropy.FromLogits(predictions, targets);
        var rows = predictions.Size / predictions.Shape[^1];
        var p = (predictions / predictions.Sum(-1, keepDims: true)).Clamp(Epsilon, 1f - Epsilon);
        return -(targets.Detach() * p.Log()).Sum() / rows;
    }
}
