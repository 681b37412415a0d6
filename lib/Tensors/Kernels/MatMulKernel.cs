using System.Numerics.Tensors;

namespace NotebookCourse.Kernels;

/// <summary>
/// C = op(A) · op(B) for row-major matrices, where op transposes when asked. This is the one hot
/// loop of training; the gradient code in Tensor.MatMul.cs only calls it.
/// </summary>
internal static class MatMulKernel
{
    /// <summary>
    /// C[m, n] = op(A)[m, k] · op(B)[k, n] (or C += ... when <paramref name="accumulate"/>).
    /// A is stored [m, k], or [k, m] when <paramref name="transposeA"/>; B is [k, n], or [n, k] when <paramref name="transposeB"/>.
    /// </summary>
    public static void Multiply(float[] a, float[] b, float[] c, int m, int k, int n,
        bool transposeA = false, bool transposeB = false, bool accumulate = false)
    {
        if (transposeA)
        {
            a = Transpose(a, k, m);
        }
        if (!accumulate) Array.Clear(c, 0, m * n);
        if (transposeB)
        {
            // C[i, j] = A[i, :] · B[j, :], two contiguous rows.
            ForRows(m, (long)k * n, i =>
            {
                var aRow = a.AsSpan(i * k, k);
                for (var j = 0; j < n; j++) c[i * n + j] += TensorPrimitives.Dot(aRow, b.AsSpan(j * k, k));
            });
        }
        else
        {
            // C[i, :] += A[i, p] * B[p, :], a row of B scaled and added.
            ForRows(m, (long)k * n, i =>
            {
                var cRow = c.AsSpan(i * n, n);
                for (var p = 0; p < k; p++)
                {
                    var aip = a[i * k + p];
                    if (aip != 0f) TensorPrimitives.MultiplyAdd(b.AsSpan(p * n, n), aip, cRow, cRow);
                }
            });
        }
    }

    /// <summary>The transpose of a row-major [rows, cols] matrix.</summary>
    public static float[] Transpose(float[] source, int rows, int cols)
    {
        var result = GC.AllocateUninitializedArray<float>(rows * cols);
        const int Block = 32;
        for (var i0 = 0; i0 < rows; i0 += Block)
        {
            for (var j0 = 0; j0 < cols; j0 += Block)
            {
                int iEnd = Math.Min(i0 + Block, rows), jEnd = Math.Min(j0 + Block, cols);
                for (var i = i0; i < iEnd; i++)
                {
                    for (var j = j0; j < jEnd; j++) result[j * rows + i] = source[i * cols + j];
                }
            }
        }
        return result;
    }

    private static void ForRows(int rows, long workPerRow, Action<int> body)
    {
        if (rows * workPerRow < 32_768 || rows < 2)
        {
            for (var i = 0; i < rows; i++) body(i);
        }
        else
        {
            Parallel.For(0, rows, body);
        }
    }
}
