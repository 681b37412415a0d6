namespace NotebookCourse.Metrics;

/// <summary>Turns predictions and targets into class numbers (argmax, index, or 0/1 threshold).</summary>
internal static class Classes
{
    /// <summary>
    /// Class numbers of a batch: argmax of each row for [batch, classes]; for one value per sample
    /// ([batch] or [batch, 1]) probabilities above <paramref name="threshold"/> are class 1, unless
    /// <paramref name="indices"/> says the values already are class indices (e.g. from ArgMax).
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
        if (!IsMultiClass(predictions))
        {
            if (targets.Size != predictions.Size) throw Mismatch(predictions, targets);
            // Whole numbers are class indices already (e.g. from ArgMax); anything else is a probability.
            var indices = AreIndices(predictions);
            truth = Of(targets, indices);
            return Of(predictions, indices);
        }
        var rows = predictions.Size / predictions.Shape[^1];
        if (Tensor.SameShape(predictions.Shape, targets.Shape)) truth = Of(targets);
        else if (targets.Size == rows) truth = Of(targets, indices: true);
        else throw Mismatch(predictions, targets);
        return Of(predictions);
    }

    /// <summary>True for score rows [batch, classes] with more than one class.</summary>
    internal static bool IsMultiClass(Tensor predictions) => predictions.Rank >= 2 && predictions.Shape[^1] > 1;

    /// <summary>True when every value is a whole number ≥ 0, i.e. the values are class indices rather than probabilities.</summary>
    internal static bool AreIndices(Tensor values)
    {
        foreach (var v in values.Data)
        {
            if (!(v >= 0f) || v != MathF.Round(v)) return false;
        }
        return true;
    }

    private static ArgumentException Mismatch(Tensor predictions, Tensor targets) => new(
        $"accuracy: predictions {Tensor.ShapeText(predictions.Shape)} do not fit targets {Tensor.ShapeText(targets.Shape)}; " +
        "expected one-hot targets of the same shape or one class index per row.");
}
