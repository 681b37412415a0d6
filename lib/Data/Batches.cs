namespace NotebookCourse.Data;

/// <summary>
/// Splits a data set into mini-batches: (X, Y) pairs of at most <c>batchSize</c> rows, in a
/// shuffled order (seeded, for runs that can be repeated) or in the original order.
/// </summary>
public static class Batches
{
    /// <summary>
    /// The mini-batches of one epoch. With <paramref name="shuffle"/>, rows are drawn in an order
    /// from <paramref name="random"/> (default <see cref="Tensor.Generator"/>); pass the same
    /// <see cref="Random"/> every epoch to get a new but repeatable order each time. The last batch
    /// may be smaller.
    /// </summary>
    /// <exception cref="ArgumentException">The row counts differ or the batch size is not positive.</exception>
    public static IEnumerable<(Tensor X, Tensor Y)> Create(Tensor x, Tensor y, int batchSize, bool shuffle = true, Random? random = null)
    {
        var n = Check(x, y, batchSize);
        var order = Enumerable.Range(0, n).ToArray();
        if (shuffle) (random ?? Tensor.Generator).Shuffle(order);
        return Iterate(x, y, batchSize, order);
    }

    /// <summary>Shuffled mini-batches in the order given by <paramref name="seed"/> (the same order on every call).</summary>
    public static IEnumerable<(Tensor X, Tensor Y)> Create(Tensor x, Tensor y, int batchSize, int seed) =>
        Create(x, y, batchSize, shuffle: true, random: new Random(seed));

    /// <summary>The number of batches of <paramref name="batchSize"/> needed for <paramref name="count"/> rows (rounded up).</summary>
    public static int Count(int count, int batchSize)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be positive; got {batchSize}.");
        return (count + batchSize - 1) / batchSize;
    }

    private static IEnumerable<(Tensor X, Tensor Y)> Iterate(Tensor x, Tensor y, int batchSize, int[] order)
    {
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var rows = order[start..Math.Min(order.Length, start + batchSize)];
            yield return (x.Rows(rows), y.Rows(rows));
        }
    }

    private static int Check(Tensor x, Tensor y, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be positive; got {batchSize}.");
        if (x.Rank == 0 || y.Rank == 0 || x.Shape[0] != y.Shape[0])
        {
            throw new ArgumentException($"Batches: x {Tensor.ShapeText(x.Shape)} and y {Tensor.ShapeText(y.Shape)} must have the same number of rows.");
        }
        return x.Shape[0];
    }
}
