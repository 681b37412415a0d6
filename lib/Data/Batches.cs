using System.Collections;
using System.Runtime.ExceptionServices;
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
/// A batch's rows are copied into memory that the third batch after it reuses, so an epoch allocates almost
/// nothing; with a second core, each batch is copied there while the loop trains on the ones before. A
/// batch is therefore yours until the loop moves on: reading its values after that throws an exception
/// that says so (keep a copy with <c>ToArray()</c> if you need one).
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
    private bool _scopeEachBatch = true;

    private Batches(Tensor x, Tensor y, int batchSize, bool shuffle, Random? random)
    {
        CheckRows(x, batchSize);
        ArgumentNullException.ThrowIfNull(y);
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

    /// <summary>Checks what every batching of <paramref name="x"/> needs: a positive batch size and one sample per row.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch size is not positive.</exception>
    /// <exception cref="ArgumentException">x is a scalar.</exception>
    internal static void CheckRows(Tensor x, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Batch size must be positive; got {batchSize}.");
        if (x.Rank == 0) throw new ArgumentException("x must hold one sample per row (shape [samples, ...]); got a scalar.", nameof(x));
    }

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
        var epoch = new Epoch(this, RentMemory());
        TensorScope? scope = null;
        try
        {
            for (var b = 0; b < PerEpoch; b++)
            {
                scope?.Dispose(); // the previous batch's graph and gradients go back to the pool
                var batch = epoch.Batch(b);
                if (_scopeEachBatch) scope = TensorScope.ForBatch(BatchResultReused);
                yield return batch;
            }
        }
        finally
        {
            epoch.End();
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

    private const string BatchReused = "was a mini-batch, and the loop has moved on: a later batch is copied into its memory. " +
        "Use each batch inside the loop, or keep a copy with ToArray().";

    private const string BatchResultReused = "was computed from a mini-batch (with gradients recorded), and the loop over the batches " +
        "has moved on, reusing its memory for the next batch. Read what you need inside the loop (e.g. loss.Item()), " +
        "or keep a copy with ToArray().";

    /// <summary>
    /// True when copying each batch while the previous one trains pays: there is a second core, and a
    /// batch is large enough (64 KB of inputs) that the copy takes longer than handing it to another thread.
    /// </summary>
    private bool CopyAhead => Environment.ProcessorCount > 1 && (long)BatchSize * RowSize(_x) >= 16 * 1024;

    /// <summary>
    /// How many batches after the current one are being copied while it trains. Two, not one: a thread-pool
    /// thread that has gone to sleep can take longer to wake than a small batch takes to train, and then the
    /// loop copied the rest of the batch itself (a tenth of its time, for batches of 100 images).
    /// </summary>
    private const int Ahead = 2;

    private static int RowSize(Tensor t) => t.Shape[0] == 0 ? 0 : t.Size / t.Shape[0];

    /// <summary>
    /// Memory for one loop's batches, kept for the next loop. <see cref="Ahead"/> + 1 sets per batch length,
    /// used by turns, so the next batches can be copied while the current one trains; and the loop's own copy of the
    /// order, so a loop started meanwhile (which shuffles again) cannot change which rows it copies.
    /// </summary>
    private sealed class BatchMemory(int samples)
    {
        public readonly int[] Order = new int[samples];
        public readonly Dictionary<int, (float[] X, float[] Y)[]> Buffers = [];

        /// <summary>The batch handed out last: unreadable once its memory holds another one.</summary>
        public (Tensor X, Tensor Y)? Current;

        /// <summary>Makes the batch handed out last unreadable: its memory is about to hold another batch.</summary>
        public void EndCurrent()
        {
            if (Current is not var (x, y)) return;
            x.MarkDisposed(BatchReused);
            y.MarkDisposed(BatchReused);
            Current = null;
        }
    }

    private readonly Stack<BatchMemory> _spareMemory = new();

    /// <summary>Memory for a new loop: the last loop's (whose last batch then becomes unreadable), or new.</summary>
    private BatchMemory RentMemory()
    {
        BatchMemory? memory;
        lock (_spareMemory) _spareMemory.TryPop(out memory);
        memory ??= new BatchMemory(Samples);
        memory.EndCurrent();
        _order.CopyTo(memory.Order, 0);
        return memory;
    }

    /// <summary>One loop over the batches: which batch is where, and the copies of the next ones under way.</summary>
    private sealed class Epoch(Batches batches, BatchMemory memory)
    {
        // Read here, on the loop's thread: a disposed data set fails in the loop, not on another thread.
        private readonly float[] _xValues = batches._x.Data, _yValues = batches._y.Data;
        private readonly Queue<OfferedCopy> _offered = new(); // copies of the batches after the current one, in order
        private int _offeredUpTo = 1;                         // the batches before this one are copied or offered (batch 0 here)

        /// <summary>
        /// Batch number <paramref name="index"/> (from 0) as tensors over its memory, once its rows are
        /// copied there; then the copies of the <see cref="Ahead"/> batches after it are offered to other threads.
        /// The batch before this one becomes unreadable: a batch after it is copied into its memory.
        /// </summary>
        public (Tensor X, Tensor Y) Batch(int index)
        {
            if (_offered.TryDequeue(out var copy)) copy.Finish();
            else CopyPart(index, 0, 1);
            memory.EndCurrent();
            var (bufferX, bufferY) = Buffers(index);
            var rows = Rows(index);
            memory.Current = (new Tensor(bufferX, [rows, .. batches._x.Shape[1..]]), new Tensor(bufferY, [rows, .. batches._y.Shape[1..]]));
            if (batches.CopyAhead)
            {
                for (; _offeredUpTo <= Math.Min(index + Ahead, batches.PerEpoch - 1); _offeredUpTo++)
                {
                    var next = _offeredUpTo;
                    _offered.Enqueue(new OfferedCopy(part => CopyPart(next, part, OfferedCopy.Parts)));
                }
            }
            return memory.Current.Value;
        }

        /// <summary>The loop is over, perhaps early: no copy may still write to the memory once it is given back.</summary>
        public void End()
        {
            while (_offered.TryDequeue(out var copy)) copy.Cancel();
            lock (batches._spareMemory) batches._spareMemory.Push(memory);
        }

        private int Rows(int index) => Math.Min(batches.BatchSize, batches.Samples - index * batches.BatchSize);

        /// <summary>The memory batch <paramref name="index"/> goes to: the current batch and the <see cref="Ahead"/> after it each have their own.</summary>
        private (float[] X, float[] Y) Buffers(int index)
        {
            var rows = Rows(index);
            lock (memory.Buffers)
            {
                if (!memory.Buffers.TryGetValue(rows, out var sets))
                {
                    int x = rows * RowSize(batches._x), y = rows * RowSize(batches._y);
                    memory.Buffers[rows] = sets = [.. Enumerable.Range(0, Ahead + 1).Select(_ => (new float[x], new float[y]))];
                }
                return sets[index % sets.Length];
            }
        }

        /// <summary>
        /// Copies part <paramref name="part"/> of <paramref name="parts"/> (a range of rows) of batch
        /// <paramref name="index"/> of this loop's order into its memory.
        /// </summary>
        private void CopyPart(int index, int part, int parts)
        {
            var (bufferX, bufferY) = Buffers(index);
            var rows = Rows(index);
            int first = rows * part / parts, last = rows * (part + 1) / parts;
            Gather(_xValues, RowSize(batches._x), bufferX, index * batches.BatchSize, first, last);
            Gather(_yValues, RowSize(batches._y), bufferY, index * batches.BatchSize, first, last);
        }

        /// <summary>Rows [first, last) of the batch that starts at position <paramref name="start"/> of the order.</summary>
        private void Gather(float[] data, int rowSize, float[] target, int start, int first, int last)
        {
            var order = memory.Order;
            for (var r = first; r < last; r++)
            {
                // The rows are scattered in memory: ask for the next row while this one is copied.
                if (r + 1 < last) CacheHints.Prefetch(data.AsSpan(order[start + r + 1] * rowSize, rowSize));
                data.AsSpan(order[start + r] * rowSize, rowSize).CopyTo(target.AsSpan(r * rowSize, rowSize));
            }
        }
    }

    /// <summary>
    /// A batch's copy offered to a thread-pool thread, as data loaders do (PyTorch's workers, tf.data's
    /// prefetch): while the model trains on one batch, the next one's scattered rows are gathered on
    /// another core. The copy comes in parts that either thread takes one at a time, so when the loop
    /// needs the batch it copies the parts nobody has started and waits for one part at most: on a busy
    /// machine, where the other thread may not run for a while, the loop is never held up by it.
    /// </summary>
    private sealed class OfferedCopy
    {
        /// <summary>How many parts a copy comes in.</summary>
        public const int Parts = 8;

        private readonly Action<int> _copyPart;
        private int _taken; // parts some thread has started
        private int _done;  // parts finished
        private ExceptionDispatchInfo? _failure;

        /// <summary>Offers the copy whose part p (of <see cref="Parts"/>) <paramref name="copyPart"/>(p) makes.</summary>
        public OfferedCopy(Action<int> copyPart)
        {
            _copyPart = copyPart;
            ThreadPool.UnsafeQueueUserWorkItem(static copy => copy.CopyParts(), this, preferLocal: false);
        }

        /// <summary>Copies parts until none is left to start; a failure is kept for the loop to rethrow.</summary>
        private void CopyParts()
        {
            int part;
            while ((part = Interlocked.Increment(ref _taken) - 1) < Parts)
            {
                try
                {
                    _copyPart(part);
                }
                catch (Exception e)
                {
                    _failure ??= ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    Interlocked.Increment(ref _done);
                }
            }
        }

        /// <summary>Returns once the copy is done, copying the parts nobody has started here.</summary>
        public void Finish()
        {
            CopyParts();
            WaitFor(Parts);
            _failure?.Throw();
        }

        /// <summary>Returns once no thread is copying: the parts nobody has started are dropped.</summary>
        public void Cancel() => WaitFor(Math.Min(Interlocked.Exchange(ref _taken, Parts), Parts));

        private void WaitFor(int parts)
        {
            var wait = new SpinWait();
            while (Volatile.Read(ref _done) < parts) wait.SpinOnce();
        }
    }
}
