using NotebookCourse.Kernels;

namespace NotebookCourse;

// Memory reuse for training loops (the design in one place).
//
// Every batch of training computes the same intermediate tensors (activations, their gradients,
// the loss): tens of arrays, up to a few hundred KB each. Left to the garbage collector they are
// hundreds of MB per epoch. A scope lends them from a pool instead and takes them back at its end:
//
//     foreach (var (x, y) in batches)
//     {
//         using var scope = Tensor.Scope();
//         var loss = lossFunction.Forward(model.Forward(x), y);
//         loss.Backward();
//         optimizer.Step();
//         total += loss.Item();              // read what you need before the scope ends
//     }
//
// What is pooled: only arrays that tensor operations create while the scope is open (results of
// operations and the gradients of intermediate results). What is never pooled: anything made
// outside the scope, parameters (leaves) and their .Grad, tensors made from your own arrays
// (new Tensor(data, shape), Tensor.FromArray, Zeros, ...). So parameters, their gradients and the
// optimizer's state (updated in place) are untouched.
//
// Safety: when the scope ends, every tensor whose data came from it (including Reshape views,
// which share the data) and every graph node recorded inside it (whose backward step may hold
// pooled arrays) is marked disposed; reading its Data, or calling Backward on it, throws an
// exception that says so: a recycled buffer can never show another batch's numbers silently.
// To keep a result beyond the scope, call scope.Keep(tensor): its array is not returned and it
// becomes a plain tensor cut off from the graph (values only); or copy it with ToArray().
// Scopes nest: each returns only what it lent. A scope belongs to the code that opened it (it
// flows into tasks started inside it, like Tensor.NoGrad()).
//
// A loop over Batches opens one for each batch itself, so a hand-written training loop reuses
// memory as Fit does without a line of its own: what the batch computes while gradients are
// recorded (the graph and its gradients) lives until the loop moves on to the next batch, the
// same rule as for the batch's own x and y. Results made under Tensor.NoGrad() (predictions,
// parameter updates such as w = w - lr * w.Grad) are never lent by it, and the last batch's
// results stay readable after the loop (that scope is released, not reclaimed).

/// <summary>
/// A region (one training batch) whose intermediate tensors borrow their memory from a pool and
/// give it back when the scope is disposed. Open one with <see cref="Tensor.Scope"/>.
/// </summary>
public sealed class TensorScope : IDisposable
{
    private static readonly AsyncLocal<TensorScope?> s_current = new();

    private TensorScope? _parent;
    private readonly HashSet<float[]> _lent = new(ReferenceEqualityComparer.Instance);
    private readonly List<float[]> _lentInOrder = [];
    private readonly List<Tensor> _tensors = [];
    private readonly List<Tensor> _nodes = [];
    private readonly Lock _lock = new();
    private readonly bool _onlyWhileRecording;
    private readonly string? _reason;
    private bool _disposed;

    internal TensorScope() : this(onlyWhileRecording: false, reason: null)
    {
    }

    private TensorScope(bool onlyWhileRecording, string? reason)
    {
        _parent = OpenScope(s_current.Value);
        _onlyWhileRecording = onlyWhileRecording;
        _reason = reason;
        s_current.Value = this;
    }

    /// <summary>
    /// The scope a loop over mini-batches opens for one batch: it lends only while gradients are
    /// recorded, and a tensor it reclaims explains itself with <paramref name="reason"/>.
    /// </summary>
    internal static TensorScope ForBatch(string reason) => new(onlyWhileRecording: true, reason);

    /// <summary>The innermost open scope, or null.</summary>
    internal static TensorScope? Current => s_current.Value;

    /// <summary>Whether operations borrow their results' memory from this scope now.</summary>
    internal bool Lends => !_onlyWhileRecording || Tensor.IsGradEnabled;

    /// <summary>
    /// <paramref name="scope"/>, or its nearest ancestor that is still open: scopes of interleaved loops
    /// may end out of order, and an ended one must not stay in the chain.
    /// </summary>
    private static TensorScope? OpenScope(TensorScope? scope)
    {
        while (scope is { _disposed: true }) scope = scope._parent;
        return scope;
    }

    /// <summary>An array of exactly <paramref name="length"/> values with unspecified contents, lent until this scope ends.</summary>
    internal float[] Rent(int length)
    {
        var array = BufferPool.Rent(length);
        lock (_lock)
        {
            _lent.Add(array);
            _lentInOrder.Add(array);
        }
        return array;
    }

    /// <summary>The nearest enclosing scope still open; ended ones in between are dropped from the chain.</summary>
    private TensorScope? OpenParent() => _parent = OpenScope(_parent);

    /// <summary>Remembers a tensor whose data this scope (or an outer one) lent, so it can be marked disposed.</summary>
    internal static void Track(Tensor tensor, float[] data)
    {
        for (var scope = OpenScope(s_current.Value); scope is not null; scope = scope.OpenParent())
        {
            lock (scope._lock)
            {
                if (scope._lent.Contains(data))
                {
                    scope._tensors.Add(tensor);
                    return;
                }
            }
        }
    }

    /// <summary>Remembers a graph node made inside the scope: its backward step may hold pooled arrays.</summary>
    internal void TrackNode(Tensor tensor)
    {
        lock (_lock) _nodes.Add(tensor);
    }

    /// <summary>
    /// Keeps <paramref name="tensor"/>'s values after the scope ends: its data stays out of the pool
    /// (so do views sharing it that are not graph nodes) and it is cut from the graph, becoming a
    /// plain tensor. Returns the tensor, for <c>var kept = scope.Keep(result);</c>.
    /// </summary>
    public Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var data = tensor.Data;
        tensor.CutFromGraph();
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            lock (scope._lock)
            {
                if (scope._lent.Remove(data)) scope._lentInOrder.Remove(data);
                scope._nodes.Remove(tensor);
            }
        }
        return tensor;
    }

    /// <summary>Marks the scope's tensors disposed and gives their memory back to the pool.</summary>
    public void Dispose() => End(reclaim: true);

    /// <summary>
    /// Ends the scope but leaves what it lent to its tensors, which stay readable (the garbage collector
    /// takes the memory when they are gone): the end of a loop over batches.
    /// </summary>
    internal void Release() => End(reclaim: false);

    private void End(bool reclaim)
    {
        if (_disposed) return;
        _disposed = true;
        if (ReferenceEquals(s_current.Value, this)) s_current.Value = OpenScope(_parent);
        lock (_lock)
        {
            if (reclaim)
            {
                foreach (var tensor in _tensors)
                {
                    if (tensor.RawData is { } data && _lent.Contains(data)) Disposed(tensor);
                }
                foreach (var node in _nodes) Disposed(node);
                BufferPool.Return(_lentInOrder);
            }
            _tensors.Clear();
            _nodes.Clear();
            _lent.Clear();
            _lentInOrder.Clear();
        }
    }

    private void Disposed(Tensor tensor)
    {
        if (_reason is null) tensor.MarkDisposed();
        else tensor.MarkDisposed(_reason);
    }
}
