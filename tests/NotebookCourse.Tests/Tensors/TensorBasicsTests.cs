namespace NotebookCourse.Tests.Tensors;

/// <summary>Creation, shapes, indexing, reductions, comparisons, errors and printing.</summary>
public class TensorBasicsTests
{
    [Fact]
    public void Matrix_from_a_two_dimensional_array_is_row_major()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new[] { 2, 3 }, t.Shape);
        Assert.Equal(6f, t[1, 2]);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t.Data);
        Assert.Equal(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, t.ToArray2D());
    }

    [Fact]
    public void Zeros_ones_arange_and_linspace_have_the_expected_values()
    {
        Assert.All(Tensor.Zeros(2, 3).Data, v => Assert.Equal(0f, v));
        Assert.All(Tensor.Ones(4).Data, v => Assert.Equal(1f, v));
        Assert.Equal(new float[] { 0, 1, 2, 3 }, Tensor.Arange(4).Data);
        Assert.Equal(new float[] { -5, -4.5f, -4 }, Tensor.Arange(-5, -3.9f, 0.5f).Data);
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 0.75f, 1 }, Tensor.Linspace(0, 1, 5).Data);
    }

    [Fact]
    public void Random_normal_has_roughly_the_requested_mean_and_spread()
    {
        var t = Tensor.RandomNormal([100_000], mean: 2f, std: 3f, random: new Random(5));
        var mean = t.Data.Average();
        var std = Math.Sqrt(t.Data.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(2.0, mean, 0.05);
        Assert.Equal(3.0, std, 0.05);
    }

    [Fact]
    public void Reshape_infers_one_length_and_shares_the_values()
    {
        var t = Tensor.Arange(12);
        var r = t.Reshape(3, -1);
        Assert.Equal(new[] { 3, 4 }, r.Shape);
        r[0, 1] = 100f;
        Assert.Equal(100f, t.Data[1]);
        Assert.Equal(new[] { 3, 4 }, Tensor.Zeros(3, 2, 2).Flatten(1).Shape);
    }

    [Fact]
    public void Reshape_to_an_impossible_shape_names_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Arange(12).Reshape(5, -1));
        Assert.Contains("[12]", error.Message);
        Assert.Contains("[5, -1]", error.Message);
    }

    [Fact]
    public void Shape_mismatch_in_arithmetic_names_both_shapes_and_the_operation()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("add", error.Message);
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void Shape_mismatch_in_matmul_names_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).MatMul(Tensor.Zeros(2, 3)));
        Assert.Contains("matmul", error.Message);
        Assert.Contains("[2, 3] and [2, 3]", error.Message);
    }

    [Fact]
    public void Matmul_of_small_matrices_matches_hand_computation()
    {
        var a = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = Tensor.FromArray(new float[,] { { 5, 6 }, { 7, 8 } });
        Assert.Equal(new float[] { 19, 22, 43, 50 }, a.MatMul(b).Data);
    }

    [Fact]
    public void Reductions_along_an_axis_and_argmax()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 9, 3 }, { 7, 5, 6 } });
        Assert.Equal(new float[] { 8, 14, 9 }, t.Sum(0).Data);
        Assert.Equal(new float[] { 13, 18 }, t.Sum(1).Data);
        Assert.Equal(new[] { 2, 1 }, t.Sum(1, keepDims: true).Shape);
        Assert.Equal(new float[] { 9, 7 }, t.Max(1).Data);
        Assert.Equal(new[] { 1, 0 }, t.ArgMax(1).ToIntArray());
        Assert.Equal(new[] { 1, 0, 1 }, t.ArgMax(0).ToIntArray());
        Assert.Equal(5.1666665f, t.Mean().Item(), 5);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(40)]
    public void ArgMax_of_short_and_long_rows_picks_what_TensorPrimitives_picks(int length)
    {
        // Rows of 3 and 10 values take the plain loop, rows of 40 the vectorised search: ties, ±0, NaN and ±∞ alike.
        var random = new Random(length);
        float[][] specials = [[0f, -0f], [-0f, 0f], [float.NaN, 1f, float.NaN], [2f, 2f], [float.NegativeInfinity], [1f, float.PositiveInfinity, float.NaN]];
        var rows = new List<float[]>();
        foreach (var special in specials)
        {
            for (var at = 0; at + special.Length <= length; at += Math.Max(1, length / 3))
            {
                var row = Enumerable.Range(0, length).Select(_ => (float)random.Next(-3, 0)).ToArray(); // below every special value but −∞
                special.CopyTo(row, at);
                rows.Add(row);
            }
        }
        var data = rows.SelectMany(r => r).ToArray();
        var found = new Tensor(data, [rows.Count, length]).ArgMax(1).ToIntArray();
        Assert.Equal(rows.Select(r => System.Numerics.Tensors.TensorPrimitives.IndexOfMax<float>(r)), found);
    }

    [Fact]
    public void Softmax_reproduces_the_handout_figures()
    {
        // COURSE.md 02: [2, 1, 0.1] -> 0.66, 0.24, 0.10; [5, 2, -1, 3] -> 84.2%, 4.2%, 0.2%, 11.4%.
        var a = Tensor.FromArray(new[] { 2f, 1f, 0.1f }).Softmax().Data;
        Assert.Equal(new[] { 0.659, 0.242, 0.099 }, a.Select(v => Math.Round(v, 3)));
        var b = Tensor.FromArray(new[] { 5f, 2f, -1f, 3f }).Softmax().Data;
        Assert.Equal(new[] { 0.842, 0.042, 0.002, 0.114 }, b.Select(v => Math.Round(v, 3)));
        Assert.Equal(176.3, Math.Exp(5) + Math.Exp(2) + Math.Exp(-1) + Math.Exp(3), 1);
        var c = Tensor.FromArray(new[] { 3f, 1.5f, 0.3f }).Softmax().Data;
        Assert.Equal(new[] { 0.77, 0.17, 0.05 }, c.Select(v => Math.Round(v, 2)));
    }

    [Fact]
    public void Softmax_of_huge_scores_stays_finite_and_log_softmax_matches_log_sum_exp()
    {
        var z = Tensor.FromArray(new[] { 1000f, -1000f, 999f });
        Assert.All(z.Softmax().Data, v => Assert.True(float.IsFinite(v)));
        var logSoftmax = z.LogSoftmax().Data;
        Assert.Equal(-Math.Log(1 + Math.Exp(-1)), logSoftmax[0], 5);
        Assert.Equal(-2000 - Math.Log(1 + Math.Exp(-1)), logSoftmax[1], 2);
    }

    [Fact]
    public void Softmax_with_two_classes_equals_the_logistic_sigmoid_of_the_difference()
    {
        var z = Tensor.FromArray(new float[,] { { 2f, -1f }, { 0.3f, 0.8f } });
        var p = z.Softmax(1);
        var difference = z.Slice(0, 2).Reshape(2, 2);
        for (var row = 0; row < 2; row++)
        {
            var sigmoid = 1 / (1 + Math.Exp(-(difference[row, 0] - difference[row, 1])));
            Assert.Equal(sigmoid, p[row, 0], 6);
        }
    }

    [Fact]
    public void Comparisons_give_ones_and_zeros_whose_mean_is_accuracy()
    {
        var predicted = Tensor.FromArray(new float[] { 2, 1, 0, 1 });
        var truth = Tensor.FromArray(new float[] { 2, 1, 1, 1 });
        Assert.Equal(0.75f, predicted.Eq(truth).Mean().Item());
        Assert.Equal(new float[] { 0, 1, 1 }, Tensor.FromArray(new[] { 0.2f, 0.5f, 0.9f }).Ge(0.5f).Data);
    }

    [Fact]
    public void Indexing_outside_the_shape_names_the_axis()
    {
        var error = Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros(2, 3)[1, 3]);
        Assert.Contains("axis 1", error.Message);
    }

    [Fact]
    public void Printing_shows_nested_brackets_and_the_shape()
    {
        var text = Tensor.FromArray(new float[,] { { 1, 2.5f }, { -3, 4 } }).ToString();
        Assert.Equal("[[  1, 2.5],\n [ -3,   4]]  shape [2, 2]", text);
        var big = Tensor.Zeros(100, 100).ToString();
        Assert.Contains("...", big);
        Assert.True(big.Length < 2000);
    }

    [Fact]
    public void Rank_four_tensors_are_supported()
    {
        var t = Tensor.Arange(2 * 3 * 4 * 5).Reshape(2, 3, 4, 5);
        Assert.Equal(4, t.Rank);
        Assert.Equal(2 * 3 * 4 * 5 - 1, t[1, 2, 3, 4]);
        Assert.Equal(new[] { 2, 3, 5 }, t.Sum(2).Shape);
    }
}
