using System.Collections;
using NotebookCourse.Kernels;

namespace NotebookCourse.Data;

/// <summary>
/// A data set cut into mini-batches of rows for a training loop: one <c>foreach</c> over it is one
/// epoch, and each epoch visits the rows in a new random order (or in their own order without
/// shuffling). <c>Fit</c> takes its batches from here too, so a hand-written loop over one
/// <c>Batches</c> made with seed s trains on exactly the batches <c>Fit(..., seed: s)</c> does. Make it
/// once, before the epochs: each epoch shuffles the order the previous one left.
/// </summary>
/// <remarks>
/// A batch's rows are copied into memory that the next batch reuses, so an epoch allocates almost
/// nothing. A batch is therefore yours until the loop moves on: reading its values after that throws
/// an exception that says so (keep a copy with <c>ToArray()</c> if you need one).
/// </remarks>
/// <example><code>
/// var batches = Batches.Create(xTrain, yTrain, batchSize: 100, seed: 1);
/// for (var epoch = 0; epoch &lt; 10; epoch++)
///     foreach (var (x, y) in batches) { ... }
/// </code></example>
public sealed class Batches : IEnumerable<(Tensor X, Tensor Y)>
{
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly int[] _order;
    private readonly bool _shuffle;
    private readonly Random? _random;
    private readonly Dictionary<int, (float[] X, float[] Y)> _buffers = [];
    private (Tensor X, Tensor Y)? _current;
    private bool _scopeEachBatch = true;

    private Batches(Tensor x, Tensor y, int batchSize, bool shuffle, Random? random)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be positive; got {batchSize}.");
        if (x.Rank == 0) throw new ArgumentException("x must hold one sample per row (shape [samples, ...]); got a scalar.", nameof(x));
        if (y.Rank == 0 || y.Shape[0] != x.Shape[0])
        {
            throw new ArgumentException(
                $"x has {x.Shape[0]} samples (shape {Tensor.ShapeText(x.Shape)}) but y has shape {Tensor.ShapeText(y.Shape)}; " +
                "they need the same number of rows.", nameof(y));
        }
        _x = x;
        _y = y;
        BatchSize = batchSize;
        _shuffle = shuffle;
        _random = random;
        _order = [.. Enumerable.Range(0, x.Shape[0])];
    }

    /// <summary>
    /// The mini-batches of <paramref name="x"/> and the matching rows of <paramref name="y"/>. With
    /// <paramref name="shuffle"/>, each epoch's order is drawn from <paramref name="random"/> (default
    /// <see cref="Tensor.Generator"/>), starting from the previous epoch's order: the same <see cref="Random"/>
    /// gives the same sequence of orders.
    /// </summary>
    /// <param name="x">Inputs, one sample per row: [samples, ...].</param>
    /// <param name="y">Targets with the same number of rows.</param>
    /// <param name="batchSize">Rows per batch; the last batch of an epoch may be smaller.</param>
    /// <param name="shuffle">Whether each epoch visits the rows in a new random order.</param>
    /// <param name="random">Where the orders come from.</param>
    /// <exception cref="ArgumentException">x and y have different numbers of rows, or x is a scalar.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is not positive.</exception>
    public static Batches Create(Tensor x, Tensor y, int batchSize, bool shuffle = true, Random? random = null)
        => new(x, y, batchSize, shuffle, random);

    /// <summary>
    /// Shuffled mini-batches whose orders come from <paramref name="seed"/>: the batches
    /// <c>Fit(x, y, batchSize, seed: seed)</c> trains on, epoch after epoch.
    /// </summary>
    public static Batches Create(Tensor x, Tensor y, int batchSize, int seed)
        => new(x, y, batchSize, shuffle: true, new Random(seed));

    /// <summary>The number of batches of <paramref name="batchSize"/> needed for <paramref name="samples"/> rows: samples / batch size, rounded up.</summary>
    public static int Count(int samples, int batchSize)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be positive; got {batchSize}.");
        return (samples + batchSize - 1) / batchSize;
    }

    /// <summary>The number of rows per batch (the last batch may be smaller).</summary>
    public int BatchSize { get; }

    /// <summary>The number of samples (rows).</summary>
    public int Samples => _order.Length;

    /// <summary>The number of batches in one epoch (<see cref="Count"/> of the samples).</summary>
    public int PerEpoch => Count(Samples, BatchSize);

    /// <summary>
    /// One epoch: the rows in a new random order (the previous epoch's order shuffled again) or their
    /// own, in batches. Each batch runs in a <see cref="TensorScope"/> of its own, so what the loop body
    /// computes with gradients reuses memory as <c>Fit</c> does; the last batch's results stay readable
    /// after the loop.
    /// </summary>
    public IEnumerator<(Tensor X, Tensor Y)> GetEnumerator()
    {
        if (_shuffle) Shuffle(_order, _random ?? Tensor.Generator);
        TensorScope? scope = null;
        try
        {
            for (var b = 0; b < PerEpoch; b++)
            {
                scope?.Dispose(); // the previous batch's graph and gradients go back to the pool
                var batch = Batch(b);
                if (_scopeEachBatch) scope = TensorScope.ForBatch(BatchResultReused);
                yield return batch;
            }
        }
        finally
        {
            scope?.Release(); // the loop is over: the last batch's results are the learner's to keep
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// These batches without a scope of their own per batch: for a loop that opens its own for each batch
    /// (Fit and Evaluate), where a second one would lend nothing.
    /// </summary>
    internal Batches WithoutBatchScopes()
    {
        _scopeEachBatch = false;
        return this;
    }

    /// <summary>
    /// Fisher–Yates: from the last position down, swap each row with one drawn from the positions up to
    /// it, so every order is equally likely.
    /// </summary>
    private static void Shuffle(int[] order, Random random)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private const string BatchReused = "was a mini-batch, and the next batch now holds its memory. " +
        "Use each batch inside the loop, or keep a copy with ToArray().";

    private const string BatchResultReused = "was computed from a mini-batch (with gradients recorded), and the loop over the batches " +
        "has moved on, reusing its memory for the next batch. Read what you need inside the loop (e.g. loss.Item()), " +
        "or keep a copy with ToArray().";

    /// <summary>Batch number <paramref name="index"/> (from 0) of the current order, copied into the reused buffers.</summary>
    private (Tensor X, Tensor Y) Batch(int index)
    {
        // The previous batch's memory is about to hold this one: make reading it an error, not a wrong number.
        if (_current is var (x, y))
        {
            x.MarkDisposed(BatchReused);
            y.MarkDisposed(BatchReused);
        }
        var start = index * BatchSize;
        var rows = Math.Min(BatchSize, Samples - start);
        if (!_buffers.TryGetValue(rows, out var buffers))
        {
            buffers = (new float[rows * RowSize(_x)], new float[rows * RowSize(_y)]);
            _buffers[rows] = buffers;
        }
        Gather(_x, buffers.X, start, rows);
        Gather(_y, buffers.Y, start, rows);
        _current = (new Tensor(buffers.X, [rows, .. _x.Shape[1..]]), new Tensor(buffers.Y, [rows, .. _y.Shape[1..]]));
        return _current.Value;
    }

    private static int RowSize(Tensor t) => t.Shape[0] == 0 ? 0 : t.Size / t.Shape[0];

    private void Gather(Tensor source, float[] target, int start, int rows)
    {
        var rowSize = RowSize(source);
        var data = source.Data;
        for (var r = 0; r < rows; r++)
        {
            // The rows are scattered in memory: ask for the next row while this one is copied.
            if (r + 1 < rows) CacheHints.Prefetch(data.AsSpan(_order[start + r + 1] * rowSize, rowSize));
            data.AsSpan(_order[start + r] * rowSize, rowSize).CopyTo(target.AsSpan(r * rowSize, rowSize));
        }
    }
}
