namespace NotebookCourse.Metrics;

/// <summary>Turns predictions and targets into class numbers (argmax, index, or 0/1 threshold).</summary>
public static class Classes
{
    /// <summary>
    /// Class numbers of a batch: argmax of each row for [batch, classes]; for one value per sample
    /// ([batch] or [batch, 1]) probabilities above <paramref name="threshold"/> are class 1, unless
    /// <paramref name="indices"/> says the values already are class indices.
    /// </summary>
    public static int[] Of(Tensor values, bool indices = false, float threshold = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Rank >= 2 && values.Shape[^1] > 1)
        {
            using var _ = Tensor.NoGrad();
            return values.Reshape(-1, values.Shape[^1]).ArgMax(1).ToIntArray();
        }
        var result = new int[values.Size];
        for (var i = 0; i < result.Length; i++)
        {
            var v = values.Data[i];
            result[i] = indices ? (int)MathF.Round(v) : (v > threshold ? 1 : 0);
        }
        return result;
    }

    /// <summary>Predicted and true classes of a batch, reading targets as one-hot rows or indices to fit the predictions.</summary>
    internal static int[] Predicted(Tensor predictions, Tensor targets, out int[] truth)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(targets);
        var multiClass = predictions.Rank >= 2 && predictions.Shape[^1] > 1;
        if (!multiClass)
        {
            if (targets.Size != predictions.Size) throw Mismatch(predictions, targets);
            truth = Of(targets, indices: false);
            return Of(predictions);
        }
        var rows = predictions.Size / predictions.Shape[^1];
        if (Tensor.SameShape(predictions.Shape, targets.Shape)) truth = Of(targets);
        else if (targets.Size == rows) truth = Of(targets, indices: true);
        else throw Mismatch(predictions, targets);
        return Of(predictions);
    }

    private static ArgumentException Mismatch(Tensor predictions, Tensor targets) => new(
        $"accuracy: predictions {Tensor.ShapeText(predictions.Shape)} do not fit targets {Tensor.ShapeText(targets.Shape)}; " +
        "expected one-hot targets of the same shape or one class index per row.");
}
