using MathNet.Numerics.LinearAlgebra;
using NotebookCourse.Interop;

namespace NotebookCourse.Tests.Interop;

public class MathNetConversionsTests
{
    [Fact]
    public void Tensor_becomes_a_matrix_with_the_same_rows_and_columns()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var m = t.ToMatrix();
        Assert.Equal(2, m.RowCount);
        Assert.Equal(3, m.ColumnCount);
        for (var i = 0; i < 2; i++) for (var j = 0; j < 3; j++) Assert.Equal(t[i, j], m[i, j]);
        var md = t.ToMatrixDouble();
        Assert.Equal(6.0, md[1, 2]);
    }

    [Fact]
    public void Matrix_product_agrees_between_mathnet_and_tensors()
    {
        var a = Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var b = Tensor.FromArray(new double[,] { { 1, 0, -1 }, { 2, 1, 0 } });
        var viaMathNet = (a.ToMatrix() * b.ToMatrix()).ToTensor();
        Assert.True(viaMathNet.AllClose(a.MatMul(b)));
    }

    [Fact]
    public void Matrix_built_by_mathnet_becomes_a_row_major_tensor()
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1.5, -2 }, { 0, 7 }, { 3, 4 } });
        var t = m.ToTensor();
        Assert.Equal([3, 2], t.Shape);
        Assert.Equal([1.5f, -2f, 0f, 7f, 3f, 4f], t.Data);
    }

    [Fact]
    public void Vectors_convert_both_ways()
    {
        var v = Tensor.FromArray(new float[] { 1, -2, 3 }).ToVector();
        Assert.Equal([1f, -2f, 3f], v.ToArray());
        Assert.Equal(Math.Sqrt(14), v.L2Norm(), 5);
        var column = new Tensor([1f, 2f], [2, 1]).ToVectorDouble();
        Assert.Equal([1.0, 2.0], column.ToArray());
        var back = Vector<double>.Build.Dense([0.25, 4]).ToTensor();
        Assert.Equal([2], back.Shape);
        Assert.Equal([0.25f, 4f], back.Data);
    }

    [Fact]
    public void Conversions_copy_so_changing_one_side_leaves_the_other()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        var m = t.ToMatrix();
        m[0, 0] = 100;
        Assert.Equal(1f, t[0, 0]);
    }

    [Fact]
    public void Wrong_shapes_get_a_message_with_the_shape()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 2, 2).ToMatrix());
        Assert.Contains("[2, 2, 2]", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).ToVector());
    }
}
