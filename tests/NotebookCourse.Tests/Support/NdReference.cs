namespace NotebookCourse.Tests.Support;

/// <summary>
/// Plain, slow double-precision reference code for n-dimensional arrays: written without anything
/// from the library, so tests compare the library with an independent implementation.
/// </summary>
public static class NdReference
{
    /// <summary>Every multi-index of a shape in row-major order.</summary>
    public static IEnumerable<int[]> Indices(int[] shape)
    {
        var total = 1;
        foreach (var d in shape) total *= d;
        var index = new int[shape.Length];
        for (var n = 0; n < total; n++)
        {
            yield return (int[])index.Clone();
            for (var axis = shape.Length - 1; axis >= 0; axis--)
            {
                if (++index[axis] < shape[axis]) break;
                index[axis] = 0;
            }
        }
    }

    /// <summary>The flat offset of a multi-index.</summary>
    public static int Offset(int[] shape, int[] index)
    {
        var offset = 0;
        for (var i = 0; i < shape.Length; i++) offset = offset * shape[i] + index[i];
        return offset;
    }

    /// <summary>The broadcast shape of a and b (NumPy rules), assuming they are compatible.</summary>
    public static int[] BroadcastShape(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            result[i] = Math.Max(da, db);
        }
        return result;
    }

    /// <summary>Element-wise f(a, b) with broadcasting.</summary>
    public static double[] Binary(double[] a, int[] aShape, double[] b, int[] bShape, Func<double, double, double> f)
    {
        var shape = BroadcastShape(aShape, bShape);
        return Indices(shape).Select(i => f(a[Offset(aShape, Project(i, aShape))], b[Offset(bShape, Project(i, bShape))])).ToArray();
    }

    /// <summary>Reduces along an axis with (start, combine).</summary>
    public static double[] Reduce(double[] x, int[] shape, int axis, double start, Func<double, double, double> combine)
    {
        var outShape = shape.Where((_, i) => i != axis).ToArray();
        var result = Enumerable.Repeat(start, Math.Max(1, outShape.Aggregate(1, (p, d) => p * d))).ToArray();
        foreach (var i in Indices(shape))
        {
            var o = Offset(outShape, i.Where((_, k) => k != axis).ToArray());
            result[o] = combine(result[o], x[Offset(shape, i)]);
        }
        return result;
    }

    /// <summary>Applies f to every line along an axis (e.g. softmax), returning the same shape.</summary>
    public static double[] AlongAxis(double[] x, int[] shape, int axis, Func<double[], double[]> f)
    {
        var result = new double[x.Length];
        var outShape = shape.Where((_, i) => i != axis).ToArray();
        foreach (var o in Indices(outShape))
        {
            var positions = Enumerable.Range(0, shape[axis]).Select(l =>
            {
                var full = o.Take(axis).Append(l).Concat(o.Skip(axis)).ToArray();
                return Offset(shape, full);
            }).ToArray();
            var line = f(positions.Select(p => x[p]).ToArray());
            for (var l = 0; l < positions.Length; l++) result[positions[l]] = line[l];
        }
        return result;
    }

    /// <summary>The naive matrix product of [m, k] and [k, n].</summary>
    public static double[] MatMul(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                for (var p = 0; p < k; p++) c[i * n + j] += a[i * k + p] * b[p * n + j];
        return c;
    }

    private static int[] Project(int[] outIndex, int[] shape)
    {
        var offset = outIndex.Length - shape.Length;
        return shape.Select((d, i) => d == 1 ? 0 : outIndex[i + offset]).ToArray();
    }
}
