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
        return Result(result, shape, "add", [a, b], g =>
        {
            AccumulateBroadcastGrad(a, g.Data, shape);
            AccumulateBroadcastGrad(b, g.Data, shape);
        });
    }

    /// <summary>Element-wise difference with broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b)
    {
        var result = Binary(BinaryOp.Subtract, a, b, "subtract", out var shape);
        return Result(result, shape, "subtract", [a, b], g =>
        {
            AccumulateBroadcastGrad(a, g.Data, shape);
            if (!b.RequiresGrad) return;
            var gb = Broadcasting.SumToShape(g.Data, shape, b.Shape);
            System.Numerics.Tensors.TensorPrimitives.Negate(gb, gb);
            b.AccumulateOwnedGrad(gb);
        });
    }

    /// <summary>Element-wise product with broadcasting (not the matrix product: see <see cref="MatMul(Tensor)"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b)
    {
        var result = Binary(BinaryOp.Multiply, a, b, "multiply", out var shape);
        return Result(result, shape, "multiply", [a, b], g =>
        {
            if (a.RequiresGrad) AccumulateOwnedBroadcastGrad(a, Combine(BinaryOp.Multiply, g.Data, shape, b.Data, b.Shape), shape);
            if (b.RequiresGrad) AccumulateOwnedBroadcastGrad(b, Combine(BinaryOp.Multiply, g.Data, shape, a.Data, a.Shape), shape);
        });
    }

    /// <summary>Element-wise quotient with broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b)
    {
        var result = Binary(BinaryOp.Divide, a, b, "divide", out var shape);
        return Result(result, shape, "divide", [a, b], g =>
        {
            if (a.RequiresGrad) AccumulateOwnedBroadcastGrad(a, Combine(BinaryOp.Divide, g.Data, shape, b.Data, b.Shape), shape);
            if (b.RequiresGrad)
            {
                // d(a/b)/db = -a / b^2 = -(a/b) / b
                var quotientOverB = Combine(BinaryOp.Divide, result, shape, b.Data, b.Shape);
                var gb = Broadcasting.SumToShape(Combine(BinaryOp.Multiply, g.Data, shape, quotientOverB, shape), shape, b.Shape);
                System.Numerics.Tensors.TensorPrimitives.Negate(gb, gb);
                b.AccumulateOwnedGrad(gb);
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

    /// <summary>Adds a gradient of the broadcast shape to an input, summed down to the input's own shape.</summary>
    private static void AccumulateBroadcastGrad(Tensor input, float[] gradient, int[] shape)
    {
        if (!input.RequiresGrad) return;
        if (input.Size == gradient.Length) input.AccumulateGrad(gradient);
        else input.AccumulateOwnedGrad(Broadcasting.SumToShape(gradient, shape, input.Shape));
    }

    /// <summary>The same for a gradient array made just for this input (taken without a copy when it fits).</summary>
    private static void AccumulateOwnedBroadcastGrad(Tensor input, float[] gradient, int[] shape)
    {
        if (input.Size == gradient.Length) input.AccumulateOwnedGrad(gradient);
        else input.AccumulateOwnedGrad(Broadcasting.SumToShape(gradient, shape, input.Shape));
    }

    private static float[] Binary(BinaryOp op, Tensor a, Tensor b, string name, out int[] shape)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        shape = Broadcasting.ResultShape(a.Shape, b.Shape, name);
        return Combine(op, a.Data, a.Shape, b.Data, b.Shape, shape);
    }

    private static float[] Combine(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, int[]? outShape = null)
    {
        outShape ??= Broadcasting.ResultShape(aShape, bShape, op.ToString());
        var result = NewData(SizeOf(outShape));
        Broadcasting.Apply(op, a, aShape, b, bShape, result, outShape);
        return result;
    }
}
