namespace NotebookCourse.Losses;

/// <summary>Input checks shared by the losses, so a wrong shape is reported before any arithmetic.</summary>
internal static class LossChecks
{
    public static void SameShape(Tensor predictions, Tensor targets, string loss)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (!Tensor.SameShape(predictions.Shape, targets.Shape))
        {
            throw new ArgumentException(
                $"{loss}: predictions have shape {Tensor.ShapeText(predictions.Shape)} but targets have {Tensor.ShapeText(targets.Shape)}; " +
                "they must match (one-hot targets for categorical losses, class indices for sparse ones).");
        }
        if (predictions.Size == 0) throw new ArgumentException($"{loss}: the batch is empty.");
    }

    /// <summary>Targets as the predictions' shape when only a trailing axis of length 1 differs ([n] vs [n, 1]).</summary>
    public static Tensor AlignColumn(Tensor predictions, Tensor targets, string loss)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        if (!Tensor.SameShape(predictions.Shape, targets.Shape) && predictions.Size == targets.Size
            && (predictions.Rank == targets.Rank + 1 && predictions.Shape[^1] == 1 || targets.Rank == predictions.Rank + 1 && targets.Shape[^1] == 1))
        {
            targets = targets.Reshape(predictions.Shape);
        }
        SameShape(predictions, targets, loss);
        return targets;
    }
}
