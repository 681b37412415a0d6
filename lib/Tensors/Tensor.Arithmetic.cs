using System.Numerics.Tensors;
using NotebookCourse.Kernels;

namespace NotebookCourse;

// Element-wise +, -, *, / with broadcasting, each with its local derivative:
//   d(a+b) = da + db,   d(a-b) = da - db,   d(a*b) = b da + a db,   d(a/b) = da / b - a db / b^2.
// When an input was stretched by broadcasting, its gradient is summed back to its own shape.
public sealed partial class Tensor
{
    /// <summary>Element-wise sum with broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b)
    {
        var result = Binary(BinaryOp.Add, a, b, "add", out var shape);
        return RecordOperation(result, shape, "add", [a, b], g =>
        {
            AddShare(a, g, shape); // ∂(a + b)/∂a = 1
            AddShare(b, g, shape); // ∂(a + b)/∂b = 1
        });
    }

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b)
    {
        var result = Binary(BinaryOp.Subtract, a, b, "subtract", out var shape);
        return RecordOperation(result, shape, "subtract", [a, b], g =>
        {
            AddShare(a, g, shape); // ∂(a − b)/∂a = 1
            if (b.RequiresGrad)
            {
                var negated = NewData(g.Length);
                TensorPrimitives.Negate(g, negated);
                AddShare(b, negated, shape); // ∂(a − b)/∂b = −1
            }
        });
    }

    /// <summary>Element-wise product with broadcasting (not the matrix product: see <see cref="MatMul(Tensor)"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b)
    {
        var result = Binary(BinaryOp.Multiply, a, b, "multiply", out var shape);
        return RecordOperation(result, shape, "multiply", [a, b], g =>
        {
            if (a.RequiresGrad) AddShare(a, Combine(BinaryOp.Multiply, g, shape, b.Data, b.Shape), shape); // ∂(a·b)/∂a = b
            if (b.RequiresGrad) AddShare(b, Combine(BinaryOp.Multiply, g, shape, a.Data, a.Shape), shape); // ∂(a·b)/∂b = a
        });
    }

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b)
    {
        var result = Binary(BinaryOp.Divide, a, b, "divide", out var shape);
        return RecordOperation(result, shape, "divide", [a, b], g =>
        {
            if (a.RequiresGrad) AddShare(a, Combine(BinaryOp.Divide, g, shape, b.Data, b.Shape), shape); // ∂(a/b)/∂a = 1/b
            if (b.RequiresGrad)
            {
                // ∂(a/b)/∂b = −a/b² = −(a/b)/b
                var share = Combine(BinaryOp.Divide, Combine(BinaryOp.Multiply, g, shape, result, shape), shape, b.Data, b.Shape);
                TensorPrimitives.Negate(share, share);
                AddShare(b, share, shape);
            }
        });
    }

    /// <summary>Element-wise negation.</summary>
    public static Tensor operator -(Tensor a) => a * -1f;

    /// <summary>Adds a number to every value.</summary>
    public static Tensor operator +(Tensor a, float b) => a + Scalar(b);

    /// <summary>Adds a number to every value.</summary>
    public static Tensor operator +(float a, Tensor b) => Scalar(a) + b;

    /// <summary>Subtracts a number from every value.</summary>
    public static Tensor operator -(Tensor a, float b) => a - Scalar(b);

    /// <summary>Subtracts every value from a number.</summary>
    public static Tensor operator -(float a, Tensor b) => Scalar(a) - b;

    /// <summary>Multiplies every value by a number.</summary>
    public static Tensor operator *(Tensor a, float b) => a * Scalar(b);

    /// <summary>Multiplies every value by a number.</summary>
    public static Tensor operator *(float a, Tensor b) => Scalar(a) * b;

    /// <summary>Divides every value by a number.</summary>
    public static Tensor operator /(Tensor a, float b) => a / Scalar(b);

    /// <summary>Divides a number by every value.</summary>
    public static Tensor operator /(float a, Tensor b) => Scalar(a) / b;

    /// <summary>
    /// Adds an input's share of the gradient (the result's broadcast shape) to the input's gradient,
    /// summed down to the input's own shape; nothing when the input needs no gradient.
    /// </summary>
    private static void AddShare(Tensor input, ReadOnlySpan<float> share, int[] shape)
    {
        if (input.RequiresGrad) Broadcasting.AddSummedToShape(share, shape, input.GradToAddTo(), input.Shape);
    }

    /// <summary>
    /// The shape of a result of combining shapes a and b (NumPy's broadcasting rule): the shapes are
    /// lined up from the right, and on each axis the lengths must agree or one of them be 1 (a missing
    /// axis counts as 1), which is stretched to the other. [100, 3] and [3] give [100, 3].
    /// </summary>
    /// <exception cref="ArgumentException">An axis has two different lengths, neither of them 1.</exception>
    internal static int[] BroadcastShape(int[] a, int[] b, string operation)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new ArgumentException(
                    $"{operation}: shapes {ShapeText(a)} and {ShapeText(b)} cannot be broadcast together " +
                    $"(axis {i} of the result would need length {da} and {db}).");
            }
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    private static float[] Binary(BinaryOp op, Tensor a, Tensor b, string name, out int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        shape = BroadcastShape(a.Shape, b.Shape, name);
        return Combine(op, a.Data, a.Shape, b.Data, b.Shape, shape);
    }

    private static float[] Combine(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, int[]? outShape = null)
    {
        outShape ??= BroadcastShape(aShape, bShape, op.ToString());
        var result = NewData(SizeOf(outShape));
        Broadcasting.Apply(op, a, aShape, b, bShape, result, outShape);
        return result;
    }
}
