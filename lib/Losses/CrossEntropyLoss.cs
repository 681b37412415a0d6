namespace NotebookCourse.Losses;

/// <summary>
/// PyTorch's <c>nn.CrossEntropyLoss()</c>: raw scores (logits) [batch, classes] against class indices
/// [batch] — or against probability rows of the scores' shape — with softmax inside, averaged over the
/// batch. The model's last layer therefore has no softmax.
/// </summary>
public sealed class CrossEntropyLoss : Loss, ILossFromConfig<CrossEntropyLoss>
{
    /// <summary>"cross_entropy" (PyTorch's), and the other spellings Compile accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cross_entropy", "crossentropy", "crossentropyloss"];

    /// <inheritdoc/>
    public override string Name => Names[0];

    /// <summary>The loss from its <see cref="Loss.Config"/> (always from logits).</summary>
    public static CrossEntropyLoss FromConfig(LossConfig config) => new();

    /// <inheritdoc/>
    public override bool FromLogits => true;

    /// <inheritdoc/>
    public override Tensor Forward(Tensor predictions, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        return Tensor.SameShape(predictions.Shape, targets.Shape)
            ? new CategoricalCrossEntropy(fromLogits: true).Forward(predictions, targets)
            : new SparseCategoricalCrossEntropy(fromLogits: true).Forward(predictions, targets);
    }
}
