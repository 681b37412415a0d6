namespace NotebookCourse;

// Reverse-mode automatic differentiation (오차 역전파, backpropagation).
//
// Every operation makes its result with RecordOperation, which, when an input needs a gradient,
// remembers
//   - the inputs (Parents), and
//   - a backward step: given the result's gradient g, add each input's share to that input's
//     gradient. Shares are always added (x.GradToAddTo()[i] += ...), because an input used twice
//     receives a share from each use. Tanh, for instance:
//         y = tanh(x);   backward: gx[i] += g[i] · (1 − y[i]²)
// Backward() orders the recorded graph so that every node comes after everything it feeds,
// then runs the steps from the result back to the inputs. Nothing here knows any operation:
// each one keeps its own local derivative next to its forward code.
public sealed partial class Tensor
{
    private static readonly AsyncLocal<int> s_noGradDepth = new();

    /// <summary>Whether gradients are wanted for this tensor (parameters) or for something it came from.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>
    /// The gradient of the last <see cref="Backward()"/> result with respect to this tensor, the same shape
    /// as the tensor. Gradients add up over calls until <see cref="ZeroGrad"/> clears them, as in PyTorch.
    /// </summary>
    public Tensor? Grad { get; private set; }

    /// <summary>The tensors this one was computed from (empty for inputs and parameters).</summary>
    public IReadOnlyList<Tensor> Parents { get; private set; } = [];

    /// <summary>The name of the operation that produced this tensor, e.g. "matmul"; empty for a leaf.</summary>
    public string Operation { get; private set; } = "";

    /// <summary>True for tensors made directly (inputs, parameters), false for results of operations.</summary>
    public bool IsLeaf => _backwardStep is null;

    private Action? _backwardStep;

    /// <summary>True unless inside a <see cref="NoGrad"/> scope.</summary>
    public static bool IsGradEnabled => s_noGradDepth.Value == 0;

    /// <summary>
    /// Turns graph recording off until the returned scope is disposed: use it for inference and for
    /// parameter updates (<c>using (Tensor.NoGrad()) { w -= lr * w.Grad; }</c>).
    /// </summary>
    public static IDisposable NoGrad() => new NoGradScope();

    private sealed class NoGradScope : IDisposable
    {
        private bool _disposed;
        public NoGradScope() => s_noGradDepth.Value++;
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            s_noGradDepth.Value--;
        }
    }

    /// <summary>The same values, cut off from the graph: gradients never flow through it.</summary>
    public Tensor Detach() => new(Data, Shape);

    /// <summary>Clears the gradient (in place, so its memory is reused by the next Backward).</summary>
    public void ZeroGrad()
    {
        if (Grad is not null) Array.Clear(Grad.Data);
    }

    /// <summary>
    /// Makes the result of an operation and, when any input needs a gradient (and recording is on),
    /// records it in the graph: its inputs and the backward step that, given the result's gradient g
    /// (flat, the result's shape), adds each input's share to that input's gradient.
    /// </summary>
    internal static Tensor RecordOperation(float[] data, int[] shape, string operation, Tensor[] inputs, Action<float[]> backward)
    {
        var result = new Tensor(data, shape);
        if (!IsGradEnabled) return result;
        var needed = false;
        foreach (var input in inputs) needed |= input.RequiresGrad;
        if (!needed) return result;

        result.RequiresGrad = true;
        result.Parents = inputs;
        result.Operation = operation;
        result._backwardStep = () => backward(result.Grad!.Data);
        TensorScope.Current?.TrackNode(result);
        return result;
    }

    /// <summary>Turns a result into a plain tensor with the same values, cut off from the graph (for <see cref="TensorScope.Keep"/>).</summary>
    internal void CutFromGraph()
    {
        _backwardStep = null;
        Parents = [];
        Operation = "";
        RequiresGrad = false;
        Grad = null;
    }

    /// <summary>
    /// This tensor's gradient, for a backward step to add its share to (<c>gx[i] += ...</c>, never
    /// <c>=</c>): a tensor used by several operations receives a share from each. Zeros the first time.
    /// </summary>
    /// <remarks>
    /// Parameters (leaves) get an ordinary array that they keep across batches; intermediate results
    /// get one from the pool inside a <see cref="Scope"/>.
    /// </remarks>
    internal float[] GradToAddTo()
    {
        if (Grad is null) Grad = new Tensor(IsLeaf ? new float[Size] : NewZeroedData(Size), Shape);
        return Grad.Data;
    }

    /// <summary>
    /// Computes the gradient of this one-value tensor (a loss) with respect to every tensor it was
    /// computed from, adding it to their <see cref="Grad"/>.
    /// </summary>
    /// <remarks>
    /// Calling it twice on the same result adds the same gradients to the leaves again (PyTorch
    /// needs <c>retain_graph=True</c> for that); gradients of intermediate results are recomputed.
    /// </remarks>
    public void Backward()
    {
        if (Size != 1)
        {
            throw new InvalidOperationException(
                $"Backward() starts from one value (a loss); this tensor has shape {ShapeText(Shape)}. " +
                "Reduce it first with Sum() or Mean(), or pass the starting gradient: Backward(gradient).");
        }
        Backward(new Tensor([1f], Shape));
    }

    /// <summary>Backpropagates a starting gradient of this tensor's shape (vector-Jacobian product).</summary>
    public void Backward(Tensor gradient)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        if (!SameShape(gradient.Shape, Shape))
        {
            throw new ArgumentException($"Backward: the starting gradient has shape {ShapeText(gradient.Shape)} but the tensor has {ShapeText(Shape)}.");
        }
        if (!RequiresGrad)
        {
            throw new InvalidOperationException(
                "Backward(): this tensor does not depend on anything that requires a gradient. " +
                "Create parameters with requiresGrad: true, and compute the loss outside Tensor.NoGrad().");
        }

        var order = TopologicalOrder();
        // Intermediate gradients belong to this pass only; leaves keep accumulating.
        foreach (var node in order)
        {
            if (!node.IsLeaf) node.Grad = null;
        }
        System.Numerics.Tensors.TensorPrimitives.Add(GradToAddTo(), gradient.Data, Grad!.Data);
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node._backwardStep is not null && node.Grad is not null) node._backwardStep();
        }
    }

    /// <summary>
    /// Every node that leads to this one, each after all of its parents, found with an explicit
    /// stack (not recursion) so that graphs with millions of operations cannot overflow the stack.
    /// </summary>
    private List<Tensor> TopologicalOrder()
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Node, int NextParent)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node.Parents.Count)
            {
                stack.Push((node, next + 1));
                var parent = node.Parents[next];
                if (parent.RequiresGrad && visited.Add(parent)) stack.Push((parent, 0));
            }
            else
            {
                order.Add(node); // all parents are already in the list
            }
        }
        return order;
    }
}
