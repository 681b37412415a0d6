namespace NotebookCourse.Data;

/// <summary>
/// One-hot encoding (Keras <c>to_categorical</c>): class index k becomes a row of zeros with a 1
/// at position k, e.g. 5 of 10 classes -> [0 0 0 0 0 1 0 0 0 0].
/// </summary>
public static class OneHot
{
    /// <summary>Encodes class indices as a [n, numClasses] tensor; numClasses defaults to the largest label + 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is negative or not below <paramref name="numClasses"/>.</exception>
    public static Tensor Encode(IReadOnlyList<int> labels, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var classes = numClasses ?? (labels.Count == 0 ? 0 : labels.Max() + 1);
        if (classes < 0) throw new ArgumentOutOfRangeException(nameof(numClasses), $"numClasses must not be negative (got {classes}).");
        var data = new float[labels.Count * classes];
        for (var i = 0; i < labels.Count; i++)
        {
            var k = labels[i];
            if (k < 0 || k >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {k} at position {i} is outside 0..{classes - 1} ({classes} classes).");
            }
            data[i * classes + k] = 1f;
        }
        return new Tensor(data, [labels.Count, classes]);
    }

    /// <summary>Encodes a tensor of class indices (whole numbers, any shape flattened to [n]) as [n, numClasses].</summary>
    /// <exception cref="ArgumentException">A value is not a whole number.</exception>
    public static Tensor Encode(Tensor labels, int? numClasses = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Encode(ToClassIndices(labels), numClasses);
    }

    /// <summary>The class index of each row of a one-hot (or probability) tensor [n, classes]: the position of its largest value.</summary>
    public static int[] Decode(Tensor oneHot)
    {
        ArgumentNullException.ThrowIfNull(oneHot);
        if (oneHot.Rank != 2) throw new ArgumentException($"Decode needs a 2-D tensor [n, classes]; got shape {Tensor.ShapeText(oneHot.Shape)}.", nameof(oneHot));
        var (rows, cols) = (oneHot.Shape[0], oneHot.Shape[1]);
        var result = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var row = oneHot.Data.AsSpan(r * cols, cols);
            var best = 0;
            for (var c = 1; c < cols; c++) if (row[c] > row[best]) best = c;
            result[r] = best;
        }
        return result;
    }

    /// <summary>Turns a tensor of whole-number class indices into ints, refusing fractions.</summary>
    internal static int[] ToClassIndices(Tensor labels)
    {
        var result = new int[labels.Size];
        for (var i = 0; i < result.Length; i++)
        {
            var v = labels.Data[i];
            if (float.IsNaN(v) || v != MathF.Round(v))
            {
                throw new ArgumentException($"Label at position {i} is {v}, not a whole-number class index.", nameof(labels));
            }
            result[i] = (int)v;
        }
        return result;
    }
}
