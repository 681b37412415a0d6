namespace NotebookCourse;

/// <summary>
/// An n-dimensional array of float32 values in row-major order that can remember how it was
/// computed, so that <see cref="Backward()"/> can find the gradient of a result with respect to it.
/// </summary>
/// <remarks>
/// The values live in <see cref="Data"/>, a flat array; <see cref="Shape"/> says how to read it.
/// Element [i, j] of a [rows, cols] tensor is <c>Data[i * cols + j]</c>.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>Creates a tensor over <paramref name="data"/> (not copied) with the given shape.</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public Tensor(float[] data, int[] shape, bool requiresGrad = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Shape {ShapeText(shape)} has a negative dimension.", nameof(shape));
        }
        if (SizeOf(shape) != data.Length)
        {
            throw new ArgumentException(
                $"Shape {ShapeText(shape)} holds {SizeOf(shape)} values but the data has {data.Length}.", nameof(shape));
        }
        _data = data;
        Shape = shape;
        RequiresGrad = requiresGrad;
        if (TensorScope.Current is not null) TensorScope.Track(this, data);
    }

    private float[]? _data;

    /// <summary>The values, row-major. Writing to it changes the tensor (and any reshaped view of it).</summary>
    /// <exception cref="ObjectDisposedException">The tensor was an intermediate result of a <see cref="Scope"/> that has ended.</exception>
    public float[] Data => _data ?? throw Disposed();

    /// <summary>The data array, or null once disposed (for the scope's bookkeeping).</summary>
    internal float[]? RawData => _data;

    /// <summary>True when the tensor's memory went back to the pool at the end of a <see cref="Scope"/>.</summary>
    public bool IsDisposed => _data is null;

    /// <summary>
    /// Called when the data goes back to be reused: by <see cref="TensorScope"/> at its end, or by a
    /// reused mini-batch buffer; <paramref name="reason"/> completes "This tensor (shape ...) ...".
    /// </summary>
    internal void MarkDisposed(string reason = ScopeEnded)
    {
        _data = null;
        _disposedBecause = reason;
    }

    private const string ScopeEnded = "was an intermediate result inside a Tensor.Scope() that has ended, and its memory was reused. " +
        "Read what you need inside the scope, or keep it with scope.Keep(tensor).";

    private string _disposedBecause = ScopeEnded;

    private ObjectDisposedException Disposed() => new(nameof(Tensor),
        $"This tensor (shape {ShapeText(Shape)}{(Operation.Length > 0 ? ", from " + Operation : "")}) {_disposedBecause}");

    /// <summary>The length of each axis, outermost first: a batch of 100 rows of 784 pixels is [100, 784].</summary>
    public int[] Shape { get; }

    /// <summary>The number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix.</summary>
    public int Rank => Shape.Length;

    /// <summary>The number of values (the product of the shape).</summary>
    public int Size => Data.Length;

    /// <summary>An optional name, shown by <see cref="ToString()"/> and model summaries.</summary>
    public string? Name { get; set; }

    /// <summary>The value of a one-element tensor, e.g. a loss.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one value.</exception>
    public float Item()
    {
        if (Size != 1)
        {
            throw new InvalidOperationException($"Item() needs a tensor with one value; this one has shape {ShapeText(Shape)}.");
        }
        return Data[0];
    }

    /// <summary>The value at a full index, one number per axis: <c>t[1, 2]</c>.</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public float this[params int[] index]
    {
        get => Data[FlatIndex(index)];
        set => Data[FlatIndex(index)] = value;
    }

    /// <summary>A copy of the values as a flat array.</summary>
    public float[] ToArray() => (float[])Data.Clone();

    /// <summary>A copy of a 2-D tensor's values as a C# matrix.</summary>
    public float[,] ToArray2D()
    {
        if (Rank != 2) throw new InvalidOperationException($"ToArray2D needs a 2-D tensor; this one has shape {ShapeText(Shape)}.");
        var result = new float[Shape[0], Shape[1]];
        Buffer.BlockCopy(Data, 0, result, 0, Size * sizeof(float));
        return result;
    }

    /// <summary>The values rounded to integers, e.g. class indices from <see cref="ArgMax"/>.</summary>
    public int[] ToIntArray() => Array.ConvertAll(Data, v => (int)MathF.Round(v));

    internal int FlatIndex(int[] index)
    {
        if (index.Length != Rank)
        {
            throw new IndexOutOfRangeException($"Index [{string.Join(", ", index)}] has {index.Length} numbers; shape {ShapeText(Shape)} needs {Rank}.");
        }
        var flat = 0;
        for (var axis = 0; axis < Rank; axis++)
        {
            var i = index[axis] < 0 ? index[axis] + Shape[axis] : index[axis];
            if (i < 0 || i >= Shape[axis])
            {
                throw new IndexOutOfRangeException($"Index {index[axis]} is outside axis {axis} of shape {ShapeText(Shape)}.");
            }
            flat = flat * Shape[axis] + i;
        }
        return flat;
    }

    /// <summary>The number of values a tensor of this shape holds.</summary>
    internal static int SizeOf(ReadOnlySpan<int> shape)
    {
        var size = 1;
        foreach (var d in shape) size = checked(size * d);
        return size;
    }

    /// <summary>A shape as text, e.g. <c>[100, 784]</c>.</summary>
    public static string ShapeText(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    internal static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>
    /// Turns a possibly negative axis (-1 = last) into 0..rank-1, or explains the mistake. A scalar
    /// accepts axis 0 and -1, as in PyTorch, as if it were a vector of one value.
    /// </summary>
    internal int NormalizeAxis(int axis, string operation)
    {
        var axes = Math.Max(Rank, 1);
        var a = axis < 0 ? axis + axes : axis;
        if (a < 0 || a >= axes)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), $"{operation}: axis {axis} does not exist in shape {ShapeText(Shape)}.");
        }
        return a;
    }
}
