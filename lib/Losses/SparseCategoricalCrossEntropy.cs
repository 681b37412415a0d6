namespace NotebookCourse.Losses;

/// <summary>
/// Categorical cross-entropy for targets given as class indices ([batch] or [batch, 1], stored as
/// floats) instead of one-hot rows: the same numbers as <see cref="CategoricalCrossEntropy"/> on the
/// one-hot form, without building it by hand.
/// </summary>
/// <param name="fromLogits">True when predictions are raw scores rather than probabilities.</param>
public sealed class SparseCategoricalCrossEntropy(bool fromLogits = false) : Loss, ILossFromConfig<SparseCategoricalCrossEntropy>
{
    /// <summary>"sparse_categorical_crossentropy", and the other spellings Compile accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sparse_categorical_crossentropy", "sparse_categorical_cross_entropy", "sparsecategoricalcrossentropy"];

    /// <inheritdoc/>
    public override string Name => Names[0];

    /// <summary>The loss from its <see cref="Loss.Config"/>.</summary>
    public static SparseCategoricalCrossEntropy FromConfig(LossConfig config) => new((config ?? throw new ArgumentNullException(nameof(config))).FromLogits);

    /// <inheritdoc/>
    public override bool FromLogits => fromLogits;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (predictions.Rank < 2) throw new ArgumentException($"{Name}: predictions must be [batch, classes], got {Tensor.ShapeText(predictions.Shape)}.");
        var classes = predictions.Shape[^1];
        var rows = predictions.Size / classes;
        if (targets.Size != rows)
        {
            throw new ArgumentException(
                $"{Name}: predictions {Tensor.ShapeText(predictions.Shape)} have {rows} rows but targets {Tensor.ShapeText(targets.Shape)} " +
                "hold " + targets.Size + " values; expected one class index per row.");
        }
        var oneHot = Tensor.NewZeroedData(predictions.Size); // pooled inside a Tensor.Scope
        for (var r = 0; r < rows; r++)
        {
            var label = targets.Data[r];
            var index = (int)MathF.Round(label);
            if (MathF.Abs(label - index) > 1e-4f || index < 0 || index >= classes)
            {
                throw new ArgumentException($"{Name}: target {r} is {label}; expected a class index 0..{classes - 1}.");
            }
            oneHot[r * classes + index] = 1f;
        }
        return new CategoricalCrossEntropy(fromLogits).Forward(predictions, new Tensor(oneHot, (int[])predictions.Shape.Clone()));
    }
}
