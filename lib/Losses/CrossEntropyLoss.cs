namespace NotebookCourse.Losses;

/// <summary>
/// PyTorch's <c>nn.CrossEntropyLoss()</c>: raw scores (logits) [batch, classes] against class indices
/// [batch] — or against probability rows of the scores' shape — with softmax inside, averaged over the
/// batch. The model's last layer therefore has no softmax.
/// </summary>
public sealed class CrossEntropyLoss : Loss
{
    /// <inheritdoc/>
    public override string Name => "cross_entropy";

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
