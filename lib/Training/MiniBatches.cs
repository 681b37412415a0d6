using NotebookCourse.Kernels;

namespace NotebookCourse.Training;

/// <summary>
/// Cuts a data set into mini-batches of rows, optionally in a shuffled order. The rows of a batch
/// are copied into buffers that are reused from batch to batch, so an epoch allocates almost nothing
/// here; a batch is valid until the next one is taken.
/// </summary>
internal sealed class MiniBatches
{
    private readonly Tensor _x;
    private readonly Tensor? _y;
    private readonly int[] _order;
    private readonly Dictionary<int, (Tensor X, Tensor? Y)> _buffers = [];

    /// <summary>Batches over the rows of <paramref name="x"/> and, when given, the matching rows of <paramref name="y"/>.</summary>
    public MiniBatches(Tensor x, Tensor? y, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize must be positive, got {batchSize}.");
        if (x.Rank == 0) throw new ArgumentException($"x must hold one sample per row (shape [samples, ...]); got a scalar.", nameof(x));
        if (y is not null && (y.Rank == 0 || y.Shape[0] != x.Shape[0]))
        {
            throw new ArgumentException(
                $"x has {x.Shape[0]} samples (shape {Tensor.ShapeText(x.Shape)}) but y has shape {Tensor.ShapeText(y.Shape)}; " +
                "they need the same number of rows.", nameof(y));
        }
        _x = x;
        _y = y;
        BatchSize = batchSize;
        _order = new int[x.Shape[0]];
        for (var i = 0; i < _order.Length; i++) _order[i] = i;
    }

    /// <summary>The number of rows per batch (the last batch may be smaller).</summary>
    public int BatchSize { get; }

    /// <summary>The number of samples.</summary>
    public int Samples => _order.Length;

    /// <summary>The number of batches: samples / batch size, rounded up.</summary>
    public int Count => (Samples + BatchSize - 1) / BatchSize;

    /// <summary>The row order of the next pass (identity until <see cref="Shuffle"/>).</summary>
    public IReadOnlyList<int> Order => _order;

    /// <summary>Puts the rows in a new random order (Fisher–Yates) drawn from <paramref name="random"/>.</summary>
    public void Shuffle(Random random)
    {
        for (var i = _order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }

    /// <summary>Batch number <paramref name="index"/> (from 0): its rows of x and y, in the current order.</summary>
    public (Tensor X, Tensor? Y) this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), $"Batch {index} does not exist; there are {Count}.");
            var start = index * BatchSize;
            var rows = Math.Min(BatchSize, Samples - start);
            if (!_buffers.TryGetValue(rows, out var batch))
            {
                batch = (Buffer(_x, rows), _y is null ? null : Buffer(_y, rows));
                _buffers[rows] = batch;
            }
            Gather(_x, batch.X, start, rows);
            if (_y is not null) Gather(_y, batch.Y!, start, rows);
            return batch;
        }
    }

    private static Tensor Buffer(Tensor source, int rows) => new(new float[rows * RowSize(source)], [rows, .. source.Shape[1..]]);

    private static int RowSize(Tensor t) => t.Shape[0] == 0 ? 0 : t.Size / t.Shape[0];

    private void Gather(Tensor source, Tensor target, int start, int rows)
    {
        var rowSize = RowSize(source);
        for (var r = 0; r < rows; r++)
        {
            // The rows are scattered in memory: ask for the next row while this one is copied.
            if (r + 1 < rows) CacheHints.Prefetch(source.Data.AsSpan(_order[start + r + 1] * rowSize, rowSize));
            source.Data.AsSpan(_order[start + r] * rowSize, rowSize).CopyTo(target.Data.AsSpan(r * rowSize, rowSize));
        }
    }
}
