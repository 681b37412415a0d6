using NotebookCourse.Kernels;

namespace NotebookCourse;

// The matrix product C = A·B of a [m, k] and a [k, n] matrix, and its local derivatives:
//   dL/dA = dL/dC · Bᵀ   and   dL/dB = Aᵀ · dL/dC.
public sealed partial class Tensor
{
    /// <summary>The matrix product of a [m, k] and a [k, n] matrix: a [m, n] matrix.</summary>
    /// <exception cref="ArgumentException">Not both 2-D, or the inner lengths differ.</exception>
    public Tensor MatMul(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Rank != 2 || other.Rank != 2 || Shape[1] != other.Shape[0])
        {
            throw new ArgumentException(
                $"matmul: shapes {ShapeText(Shape)} and {ShapeText(other.Shape)} do not fit; " +
                "it needs [m, k] · [k, n] (two matrices whose inner lengths agree).");
        }
        int m = Shape[0], k = Shape[1], n = other.Shape[1];
        var a = this;
        var b = other;
        var c = NewData(m * n);
        MatMulKernel.Multiply(a.Data, b.Data, c, m, k, n);
        return RecordOperation(c, [m, n], "matmul", [a, b], g =>
        {
            // Each product is added straight into the input's gradient: no temporary.
            if (a.RequiresGrad) MatMulKernel.Multiply(g, b.Data, a.GradToAddTo(), m, n, k, transposeB: true, accumulate: true);  // dA += G·Bᵀ
            if (b.RequiresGrad) MatMulKernel.Multiply(a.Data, g, b.GradToAddTo(), k, m, n, transposeA: true, accumulate: true);  // dB += Aᵀ·G
        });
    }

    /// <summary>The matrix product: <c>Tensor.MatMul(x, w)</c> is <c>x.MatMul(w)</c>.</summary>
    public static Tensor MatMul(Tensor a, Tensor b) => a.MatMul(b);
}
