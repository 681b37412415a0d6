using MathNet.Numerics.LinearAlgebra;

namespace NotebookCourse.Interop;

/// <summary>
/// Copies between tensors and MathNet.Numerics matrices and vectors, so the course can use MathNet's
/// linear algebra (solvers, decompositions, statistics) next to its own tensors. Every conversion copies.
/// </summary>
public static class MathNetConversions
{
    /// <summary>A 2-D tensor [rows, cols] as a MathNet single-precision matrix.</summary>
    /// <exception cref="ArgumentException">The tensor is not 2-D.</exception>
    public static Matrix<float> ToMatrix(this Tensor tensor)
    {
        RequireRank2(tensor, nameof(ToMatrix));
        return Matrix<float>.Build.DenseOfRowMajor(tensor.Shape[0], tensor.Shape[1], tensor.Data);
    }

    /// <summary>A 2-D tensor [rows, cols] as a MathNet double-precision matrix.</summary>
    /// <exception cref="ArgumentException">The tensor is not 2-D.</exception>
    public static Matrix<double> ToMatrixDouble(this Tensor tensor)
    {
        RequireRank2(tensor, nameof(ToMatrixDouble));
        return Matrix<double>.Build.DenseOfRowMajor(tensor.Shape[0], tensor.Shape[1], Array.ConvertAll(tensor.Data, v => (double)v));
    }

    /// <summary>A tensor with one axis of values ([n], [n, 1] or [1, n]) as a MathNet single-precision vector.</summary>
    /// <exception cref="ArgumentException">The tensor has more than one axis longer than 1.</exception>
    public static Vector<float> ToVector(this Tensor tensor)
    {
        RequireVector(tensor, nameof(ToVector));
        return Vector<float>.Build.Dense(tensor.ToArray());
    }

    /// <summary>A tensor with one axis of values ([n], [n, 1] or [1, n]) as a MathNet double-precision vector.</summary>
    /// <exception cref="ArgumentException">The tensor has more than one axis longer than 1.</exception>
    public static Vector<double> ToVectorDouble(this Tensor tensor)
    {
        RequireVector(tensor, nameof(ToVectorDouble));
        return Vector<double>.Build.Dense(Array.ConvertAll(tensor.Data, v => (double)v));
    }

    /// <summary>A MathNet matrix as a [rows, cols] tensor.</summary>
    public static Tensor ToTensor(this Matrix<float> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return new Tensor(matrix.ToRowMajorArray(), [matrix.RowCount, matrix.ColumnCount]);
    }

    /// <summary>A MathNet double matrix as a [rows, cols] float32 tensor (values rounded to float).</summary>
    public static Tensor ToTensor(this Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return new Tensor(Array.ConvertAll(matrix.ToRowMajorArray(), v => (float)v), [matrix.RowCount, matrix.ColumnCount]);
    }

    /// <summary>A MathNet vector as a 1-D tensor [n].</summary>
    public static Tensor ToTensor(this Vector<float> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return new Tensor(vector.ToArray(), [vector.Count]);
    }

    /// <summary>A MathNet double vector as a 1-D float32 tensor [n] (values rounded to float).</summary>
    public static Tensor ToTensor(this Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return new Tensor(Array.ConvertAll(vector.ToArray(), v => (float)v), [vector.Count]);
    }

    private static void RequireRank2(Tensor tensor, string method)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank != 2)
        {
            throw new ArgumentException($"{method} needs a 2-D tensor [rows, cols]; this one has shape {Tensor.ShapeText(tensor.Shape)}.", nameof(tensor));
        }
    }

    private static void RequireVector(Tensor tensor, string method)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Shape.Count(d => d != 1) > 1)
        {
            throw new ArgumentException($"{method} needs a tensor with one axis of values ([n], [n, 1] or [1, n]); this one has shape {Tensor.ShapeText(tensor.Shape)}.", nameof(tensor));
        }
    }
}
