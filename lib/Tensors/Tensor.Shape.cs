using System.Numerics.Tensors;

namespace NotebookCourse;

// Changing how the values are read: reshape, flatten, transpose, and picking rows.
// Gradients of these simply move back to where each value came from.
public sealed partial class Tensor
{
    /// <summary>
    /// The same values read with a new shape (one length may be -1: worked out from the rest).
    /// The result shares <see cref="Data"/> with this tensor.
    /// </summary>
    public Tensor Reshape(params int[] shape)
    {
        var resolved = (int[])shape.Clone();
        var unknown = Array.IndexOf(resolved, -1);
        if (unknown >= 0)
        {
            var known = 1;
            for (var i = 0; i < resolved.Length; i++) if (i != unknown) known *= resolved[i];
            if (known == 0 || Size % known != 0)
            {
                throw new ArgumentException($"Reshape: cannot read shape {ShapeText(Shape)} ({Size} values) as {ShapeText(shape)}.");
            }
            resolved[unknown] = Size / known;
        }
        if (SizeOf(resolved) != Size)
        {
            throw new ArgumentException($"Reshape: shape {ShapeText(Shape)} has {Size} values; {ShapeText(shape)} would need {SizeOf(resolved)}.");
        }
        var x = this;
        return RecordOperation(Data, resolved, "reshape", [x], g =>
        {
            var gx = x.GradToAddTo();
            TensorPrimitives.Add(gx, g, gx); // the same values, so the same gradient
        });
    }

    /// <summary>All values in one axis. <c>Flatten(1)</c> keeps the batch axis: [100, 28, 28] becomes [100, 784].</summary>
    public Tensor Flatten(int startAxis = 0)
    {
        startAxis = NormalizeAxis(startAxis, "Flatten");
        var rest = 1;
        for (var i = startAxis; i < Rank; i++) rest *= Shape[i];
        return Reshape([.. Shape[..startAxis], rest]);
    }

    /// <summary>The transpose of a matrix: rows become columns.</summary>
    public Tensor T => Transpose();

    /// <summary>The transpose of a matrix ([m, n] becomes [n, m]).</summary>
    public Tensor Transpose()
    {
        if (Rank != 2) throw new InvalidOperationException($"Transpose() needs a matrix; shape {ShapeText(Shape)} has {Rank} axes: use Transpose(axis0, axis1).");
        return Transpose(0, 1);
    }

    /// <summary>Swaps two axes (a copy, not a view).</summary>
    public Tensor Transpose(int axis0, int axis1)
    {
        axis0 = NormalizeAxis(axis0, "Transpose");
        axis1 = NormalizeAxis(axis1, "Transpose");
        if (Rank == 0) return Reshape(); // a scalar has one axis to swap with itself
        var order = Enumerable.Range(0, Rank).ToArray();
        (order[axis0], order[axis1]) = (order[axis1], order[axis0]);
        var y = Permute(Data, Shape, order, out var shape);
        var x = this;
        return RecordOperation(y, shape, "transpose", [x], g =>
        {
            var gx = x.GradToAddTo();
            TensorPrimitives.Add(gx, Permute(g, shape, order, out _), gx); // swapping the axes back
        });
    }

    /// <summary>Row <paramref name="index"/> (along the first axis): of a [150, 4] table, a [4] vector.</summary>
    public Tensor Row(int index)
    {
        if (Rank == 0) throw new InvalidOperationException("Row: a scalar has no rows.");
        var i = index < 0 ? index + Shape[0] : index;
        if (i < 0 || i >= Shape[0]) throw new IndexOutOfRangeException($"Row {index} is outside shape {ShapeText(Shape)}.");
        return Slice(i, 1).Reshape(Shape[1..]);
    }

    /// <summary>Rows start..start+count-1 (along the first axis), e.g. one mini-batch.</summary>
    public Tensor Slice(int start, int count)
    {
        if (Rank == 0) throw new InvalidOperationException("Slice: a scalar has no rows.");
        if (start < 0 || count < 0 || start + count > Shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice({start}, {count}) is outside the {Shape[0]} rows of shape {ShapeText(Shape)}.");
        }
        var rowSize = Shape[0] == 0 ? 0 : Size / Shape[0];
        var y = NewData(count * rowSize);
        Data.AsSpan(start * rowSize, count * rowSize).CopyTo(y);
        int[] shape = [count, .. Shape[1..]];
        var x = this;
        return RecordOperation(y, shape, "slice", [x], g =>
        {
            var rows = x.GradToAddTo().AsSpan(start * rowSize, count * rowSize);
            TensorPrimitives.Add(rows, g, rows);
        });
    }

    /// <summary>The rows at the given positions, in that order (a shuffled mini-batch).</summary>
    public Tensor Rows(IReadOnlyList<int> indices)
    {
        if (Rank == 0) throw new InvalidOperationException("Rows: a scalar has no rows.");
        var rowSize = Shape[0] == 0 ? 0 : Size / Shape[0];
        var y = NewData(indices.Count * rowSize);
        for (var r = 0; r < indices.Count; r++)
        {
            var i = indices[r];
            if ((uint)i >= (uint)Shape[0]) throw new IndexOutOfRangeException($"Rows: index {i} (position {r}) is outside the {Shape[0]} rows of shape {ShapeText(Shape)}.");
            // The rows are scattered in memory: ask for the next row while this one is copied.
            if (r + 1 < indices.Count && (uint)indices[r + 1] < (uint)Shape[0]) Kernels.CacheHints.Prefetch(Data.AsSpan(indices[r + 1] * rowSize, rowSize));
            Data.AsSpan(i * rowSize, rowSize).CopyTo(y.AsSpan(r * rowSize));
        }
        int[] shape = [indices.Count, .. Shape[1..]];
        var x = this;
        return RecordOperation(y, shape, "rows", [x], g =>
        {
            var gx = x.GradToAddTo();
            for (var r = 0; r < indices.Count; r++)
            {
                var row = gx.AsSpan(indices[r] * rowSize, rowSize); // a row picked twice gets both gradients
                TensorPrimitives.Add(row, g.AsSpan(r * rowSize, rowSize), row);
            }
        });
    }

    /// <summary>Joins tensors along the first axis (their other axes must agree).</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("Concat needs at least one tensor.");
        var tail = parts[0].Shape[1..];
        var rows = 0;
        foreach (var p in parts)
        {
            if (p.Rank == 0 || !SameShape(p.Shape.AsSpan(1), tail))
            {
                throw new ArgumentException($"Concat: shape {ShapeText(p.Shape)} does not fit [*, {string.Join(", ", tail)}].");
            }
            rows += p.Shape[0];
        }
        var y = NewData(rows * SizeOf(tail));
        var offset = 0;
        foreach (var p in parts)
        {
            p.Data.CopyTo(y, offset);
            offset += p.Size;
        }
        return RecordOperation(y, [rows, .. tail], "concat", [.. parts], g =>
        {
            var at = 0;
            foreach (var p in parts)
            {
                if (p.RequiresGrad)
                {
                    var gp = p.GradToAddTo();
                    TensorPrimitives.Add(gp, g.AsSpan(at, p.Size), gp);
                }
                at += p.Size;
            }
        });
    }

    private static float[] Permute(float[] source, int[] shape, int[] order, out int[] newShape)
    {
        var rank = shape.Length;
        newShape = new int[rank];
        var strides = new int[rank];
        var stride = 1;
        for (var i = rank - 1; i >= 0; i--) { strides[i] = stride; stride *= shape[i]; }
        var newStrides = new int[rank];
        for (var i = 0; i < rank; i++) { newShape[i] = shape[order[i]]; newStrides[i] = strides[order[i]]; }
        if (rank == 2 && order[0] == 1) return Kernels.MatMulKernel.Transpose(source, shape[0], shape[1]);

        var result = NewData(source.Length);
        var index = new int[rank];
        var from = 0;
        for (var to = 0; to < result.Length; to++)
        {
            result[to] = source[from];
            for (var axis = rank - 1; axis >= 0; axis--)
            {
                index[axis]++;
                from += newStrides[axis];
                if (index[axis] < newShape[axis]) break;
                from -= newStrides[axis] * index[axis];
                index[axis] = 0;
            }
        }
        return result;
    }
}
