using System.Numerics.Tensors;

namespace NotebookCourse.Kernels;

/// <summary>The four element-wise arithmetic operations.</summary>
internal enum BinaryOp { Add, Subtract, Multiply, Divide }

/// <summary>
/// NumPy-style broadcasting: shapes are lined up from the right, and an axis of length 1 (or a
/// missing axis) is stretched to match the other. A [3] bias added to a [100, 3] batch is added to
/// every row. Fast paths cover the cases training meets; a general strided loop covers the rest.
/// </summary>
internal static class Broadcasting
{
    /// <summary>dst = a (op) b, where dst has the broadcast shape <paramref name="outShape"/>.</summary>
    public static void Apply(BinaryOp op, ReadOnlySpan<float> a, int[] aShape, ReadOnlySpan<float> b, int[] bShape, Span<float> dst, int[] outShape)
    {
        if (a.Length == dst.Length && b.Length == dst.Length) { Same(op, a, b, dst); return; }
        if (b.Length == 1 && a.Length == dst.Length) { ScalarRight(op, a, b[0], dst); return; }
        if (a.Length == 1 && b.Length == dst.Length) { ScalarLeft(op, a[0], b, dst); return; }
        if (a.Length == dst.Length && IsSuffix(bShape, outShape))
        {
            for (var start = 0; start < dst.Length; start += b.Length)
            {
                Same(op, a.Slice(start, b.Length), b, dst.Slice(start, b.Length));
            }
            return;
        }
        if (b.Length == dst.Length && IsSuffix(aShape, outShape))
        {
            for (var start = 0; start < dst.Length; start += a.Length)
            {
                Same(op, a, b.Slice(start, a.Length), dst.Slice(start, a.Length));
            }
            return;
        }
        if (a.Length == dst.Length && RowLength(bShape, outShape) is int bRow)
        {
            // b holds one value per row (shape [..., 1]), e.g. dividing scores by their row sums.
            for (int start = 0, r = 0; start < dst.Length; start += bRow, r++) ScalarRight(op, a.Slice(start, bRow), b[r], dst.Slice(start, bRow));
            return;
        }
        if (b.Length == dst.Length && RowLength(aShape, outShape) is int aRow)
        {
            for (int start = 0, r = 0; start < dst.Length; start += aRow, r++) ScalarLeft(op, a[r], b.Slice(start, aRow), dst.Slice(start, aRow));
            return;
        }
        General(op, a, aShape, b, bShape, dst, outShape);
    }

    /// <summary>
    /// The row length when <paramref name="small"/> is <paramref name="large"/> with the last axis
    /// set to 1 (one value per row), else null.
    /// </summary>
    private static int? RowLength(int[] small, int[] large)
    {
        if (large.Length == 0 || small.Length == 0 || small[^1] != 1) return null;
        var s = small.AsSpan(0, small.Length - 1);
        while (s.Length > 0 && s[0] == 1 && s.Length > large.Length - 1) s = s[1..];
        var rows = large.AsSpan(0, large.Length - 1);
        return s.Length == rows.Length && s.SequenceEqual(rows) ? large[^1] : null;
    }

    /// <summary>
    /// Adds a gradient of the broadcast shape to <paramref name="target"/>, the gradient of the input
    /// that was stretched, summed back down to its shape: every copy of a value contributed, so their
    /// gradients add up.
    /// </summary>
    public static void AddSummedToShape(ReadOnlySpan<float> gradient, int[] gradientShape, Span<float> target, int[] targetShape)
    {
        if (target.Length == gradient.Length) { TensorPrimitives.Add(target, gradient, target); return; }
        if (target.Length == 1) { target[0] += TensorPrimitives.Sum(gradient); return; }
        if (RowLength(targetShape, gradientShape) is int row)
        {
            for (var r = 0; r < target.Length; r++) target[r] += TensorPrimitives.Sum(gradient.Slice(r * row, row));
            return;
        }
        if (IsSuffix(targetShape, gradientShape))
        {
            for (var start = 0; start < gradient.Length; start += target.Length)
            {
                TensorPrimitives.Add(target, gradient.Slice(start, target.Length), target);
            }
            return;
        }
        var strides = AlignedStrides(targetShape, gradientShape);
        var index = new int[gradientShape.Length];
        var t = 0;
        for (var i = 0; i < gradient.Length; i++)
        {
            target[t] += gradient[i];
            t = Advance(index, gradientShape, strides, t);
        }
    }

    /// <summary>True when the smaller shape equals the trailing axes of the larger (after dropping leading 1s).</summary>
    private static bool IsSuffix(int[] small, int[] large)
    {
        var s = small.AsSpan();
        while (s.Length > 0 && s[0] == 1) s = s[1..];
        return s.Length <= large.Length && s.SequenceEqual(large.AsSpan(large.Length - s.Length));
    }

    private static void Same(BinaryOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> dst)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, dst); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, dst); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, dst); break;
            default: TensorPrimitives.Divide(a, b, dst); break;
        }
    }

    private static void ScalarRight(BinaryOp op, ReadOnlySpan<float> a, float b, Span<float> dst)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(a, b, dst); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, dst); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(a, b, dst); break;
            default: TensorPrimitives.Divide(a, b, dst); break;
        }
    }

    private static void ScalarLeft(BinaryOp op, float a, ReadOnlySpan<float> b, Span<float> dst)
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(b, a, dst); break;
            case BinaryOp.Subtract: TensorPrimitives.Subtract(a, b, dst); break;
            case BinaryOp.Multiply: TensorPrimitives.Multiply(b, a, dst); break;
            default: TensorPrimitives.Divide(a, b, dst); break;
        }
    }

    private static void General(BinaryOp op, ReadOnlySpan<float> a, int[] aShape, ReadOnlySpan<float> b, int[] bShape, Span<float> dst, int[] outShape)
    {
        var aStrides = AlignedStrides(aShape, outShape);
        var bStrides = AlignedStrides(bShape, outShape);
        var aIndex = new int[outShape.Length];
        var bIndex = new int[outShape.Length];
        int ia = 0, ib = 0;
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = op switch
            {
                BinaryOp.Add => a[ia] + b[ib],
                BinaryOp.Subtract => a[ia] - b[ib],
                BinaryOp.Multiply => a[ia] * b[ib],
                _ => a[ia] / b[ib],
            };
            ia = Advance(aIndex, outShape, aStrides, ia);
            ib = Advance(bIndex, outShape, bStrides, ib);
        }
    }

    /// <summary>Strides of <paramref name="shape"/> lined up with <paramref name="outShape"/>; 0 on stretched axes.</summary>
    private static int[] AlignedStrides(int[] shape, int[] outShape)
    {
        var strides = new int[outShape.Length];
        var stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            var o = i + outShape.Length - shape.Length;
            strides[o] = shape[i] == 1 ? 0 : stride;
            stride *= shape[i];
        }
        return strides;
    }

    /// <summary>Moves a multi-index one step in row-major order and returns the new offset.</summary>
    private static int Advance(int[] index, int[] shape, int[] strides, int offset)
    {
        for (var axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis]++;
            offset += strides[axis];
            if (index[axis] < shape[axis]) return offset;
            offset -= strides[axis] * index[axis];
            index[axis] = 0;
        }
        return offset;
    }
}
