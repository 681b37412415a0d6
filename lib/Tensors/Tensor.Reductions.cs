using System.Numerics.Tensors;

namespace NotebookCourse;

// Reductions: sum, mean and max over everything or along one axis, and argmax.
// Along an axis, a tensor is read as [outer, length, inner]: the axis in the middle is summed away.
//   d(sum)/dx = 1 for every input, d(mean)/dx = 1/n, d(max)/dx = 1 at the winning position.
public sealed partial class Tensor
{
    /// <summary>The sum of every value, as a one-value tensor.</summary>
    public Tensor Sum()
    {
        var x = this;
        return RecordOperation([TensorPrimitives.Sum(Data)], [], "sum", [x], g =>
        {
            var gx = x.GradToAddTo();
            TensorPrimitives.Add(gx, g[0], gx); // every value counts once: d(Σx)/dxᵢ = 1
        });
    }

    /// <summary>The mean of every value, as a one-value tensor.</summary>
    public Tensor Mean() => Sum() / Size;

    /// <summary>Sums along <paramref name="axis"/> (-1 is the last); keepDims leaves that axis with length 1.</summary>
    public Tensor Sum(int axis, bool keepDims = false)
    {
        axis = NormalizeAxis(axis, "Sum");
        var (outer, length, inner) = Split(axis);
        var result = NewZeroedData(outer * inner);
        for (var o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                result[o] = TensorPrimitives.Sum(Data.AsSpan(o * length, length)); // a contiguous row
                continue;
            }
            var dst = result.AsSpan(o * inner, inner);
            for (var l = 0; l < length; l++) TensorPrimitives.Add(dst, Data.AsSpan((o * length + l) * inner, inner), dst);
        }
        var x = this;
        return RecordOperation(result, ReducedShape(axis, keepDims), "sum", [x], g =>
        {
            // Each value along the axis gets the gradient of the sum it went into.
            var gx = x.GradToAddTo();
            for (var o = 0; o < outer; o++)
            {
                if (inner == 1)
                {
                    var line = gx.AsSpan(o * length, length);
                    TensorPrimitives.Add(line, g[o], line);
                    continue;
                }
                for (var l = 0; l < length; l++)
                {
                    var line = gx.AsSpan((o * length + l) * inner, inner);
                    TensorPrimitives.Add(line, g.AsSpan(o * inner, inner), line);
                }
            }
        });
    }

    /// <summary>Means along <paramref name="axis"/>; keepDims leaves that axis with length 1.</summary>
    public Tensor Mean(int axis, bool keepDims = false)
    {
        var length = Rank == 0 ? 1 : Shape[NormalizeAxis(axis, "Mean")];
        return Sum(axis, keepDims) / length;
    }

    /// <summary>The largest value, as a one-value tensor (its gradient goes to the first maximum).</summary>
    /// <remarks>With ties the whole gradient goes to the first of the equal values, as for <see cref="Max(int, bool)"/>;
    /// PyTorch's <c>max()</c> over all values splits it evenly between them instead.</remarks>
    public Tensor Max() => Reshape(Size).Max(0);

    /// <summary>The largest value along <paramref name="axis"/>; the gradient flows to the first maximum.</summary>
    /// <remarks>
    /// Where several values tie for the maximum, the whole gradient goes to the first of them (the one
    /// <see cref="ArgMax"/> reports) and the others get 0, as PyTorch's <c>max(dim)</c> does for the index it
    /// returns. The derivative of max is not defined at a tie; this is one valid choice (a subgradient).
    /// </remarks>
    public Tensor Max(int axis, bool keepDims = false)
    {
        axis = NormalizeAxis(axis, "Max");
        var (outer, length, inner) = Split(axis);
        if (length == 0) throw new InvalidOperationException($"Max: axis {axis} of shape {ShapeText(Shape)} is empty.");
        var winners = ArgMaxPositions(outer, length, inner);
        var result = NewData(outer * inner);
        for (var i = 0; i < result.Length; i++) result[i] = Data[winners[i]];
        var x = this;
        return RecordOperation(result, ReducedShape(axis, keepDims), "max", [x], g =>
        {
            var gx = x.GradToAddTo();
            for (var i = 0; i < winners.Length; i++) gx[winners[i]] += g[i];
        });
    }

    /// <summary>
    /// The position of the largest value along <paramref name="axis"/> (the first one on ties), as
    /// float values: for a [batch, classes] tensor of scores, <c>ArgMax(1)</c> is the predicted classes.
    /// </summary>
    public Tensor ArgMax(int axis = -1, bool keepDims = false)
    {
        axis = NormalizeAxis(axis, "ArgMax");
        var (outer, length, inner) = Split(axis);
        var winners = ArgMaxPositions(outer, length, inner);
        var result = NewData(outer * inner);
        for (var i = 0; i < result.Length; i++) result[i] = (winners[i] / inner) % length;
        return new Tensor(result, ReducedShape(axis, keepDims));
    }

    /// <summary>Flat positions (into Data) of the maximum of each [outer, :, inner] line.</summary>
    private int[] ArgMaxPositions(int outer, int length, int inner)
    {
        var winners = new int[outer * inner];
        for (var o = 0; o < outer; o++)
        {
            if (inner == 1)
            {
                winners[o] = o * length + IndexOfMax(Data.AsSpan(o * length, length));
                continue;
            }
            for (var i = 0; i < inner; i++)
            {
                var best = (o * length) * inner + i;
                for (var l = 1; l < length; l++)
                {
                    var at = (o * length + l) * inner + i;
                    if (Data[at] > Data[best] || float.IsNaN(Data[at])) best = at;
                }
                winners[o * inner + i] = best;
            }
        }
        return winners;
    }

    /// <summary>
    /// The position of the first largest value (+0 counting as larger than −0), or of the first NaN, as
    /// TensorPrimitives.IndexOfMax finds it. A short
    /// line, such as the 10 class scores of one sample, is searched by a plain loop: the vectorised search
    /// costs more to start than it saves on a few values.
    /// </summary>
    private static int IndexOfMax(ReadOnlySpan<float> line)
    {
        if (line.Length >= 32) return TensorPrimitives.IndexOfMax(line);
        var best = 0;
        for (var l = 0; l < line.Length; l++)
        {
            if (float.IsNaN(line[l])) return l;
            if (line[l] > line[best] || (line[l] == 0f && float.IsNegative(line[best]) && !float.IsNegative(line[l]))) best = l;
        }
        return best;
    }

    /// <summary>Reads the tensor as [outer, length, inner] around <paramref name="axis"/>.</summary>
    internal (int Outer, int Length, int Inner) Split(int axis)
    {
        if (Rank == 0) return (1, 1, 1);
        int outer = 1, inner = 1;
        for (var i = 0; i < axis; i++) outer *= Shape[i];
        for (var i = axis + 1; i < Rank; i++) inner *= Shape[i];
        return (outer, Shape[axis], inner);
    }

    private int[] ReducedShape(int axis, bool keepDims)
    {
        if (Rank == 0) return [];
        if (keepDims)
        {
            var kept = (int[])Shape.Clone();
            kept[axis] = 1;
            return kept;
        }
        return [.. Shape[..axis], .. Shape[(axis + 1)..]];
    }
}
