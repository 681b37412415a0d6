namespace NotebookCourse.Tests.Kernels;

/// <summary>The shortcuts for shapes training meets give what the element-by-element definitions give.</summary>
public class FastPathTests
{
    private static readonly float[,] Scores = { { 1, 2, 3, 4 }, { -1, 0.5f, 2, 8 }, { 0, 0, 0, 1 } };

    [Fact]
    public void Dividing_rows_by_their_sums_divides_every_element_by_its_row_sum_and_the_gradient_follows()
    {
        var x = Tensor.FromArray(Scores, requiresGrad: true);
        var sums = Tensor.FromArray(new float[,] { { 10 }, { 9.5f }, { 1 } }, requiresGrad: true);

        var y = x / sums;
        y.Sum().Backward();

        for (var r = 0; r < 3; r++)
        {
            var rowSum = 0.0;
            for (var c = 0; c < 4; c++)
            {
                Assert.Equal(Scores[r, c] / sums[r, 0], y[r, c], 6);
                Assert.Equal(1 / sums[r, 0], x.Grad![r, c], 6);
                rowSum += Scores[r, c];
            }
            // d/ds Σ_c x_c / s = −Σ_c x_c / s²
            Assert.Equal(-rowSum / (sums[r, 0] * sums[r, 0]), sums.Grad![r, 0], 5);
        }
    }

    [Fact]
    public void A_per_row_value_on_the_left_broadcasts_along_the_row()
    {
        var perRow = Tensor.FromArray(new float[,] { { 2 }, { 3 }, { 4 } });
        var y = perRow - Tensor.FromArray(Scores);
        for (var r = 0; r < 3; r++)
        {
            for (var c = 0; c < 4; c++) Assert.Equal(perRow[r, 0] - Scores[r, c], y[r, c]);
        }
    }

    [Fact]
    public void Sum_along_the_last_axis_adds_each_row_and_spreads_the_gradient_back()
    {
        var x = Tensor.FromArray(Scores, requiresGrad: true);
        var sums = x.Sum(-1, keepDims: true);
        (sums * Tensor.FromArray(new float[,] { { 1 }, { 2 }, { 3 } })).Sum().Backward();

        for (var r = 0; r < 3; r++)
        {
            Assert.Equal(Enumerable.Range(0, 4).Sum(c => Scores[r, c]), sums[r, 0], 5);
            for (var c = 0; c < 4; c++) Assert.Equal(r + 1, x.Grad![r, c]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(33)]
    public void Relu_gradient_passes_only_where_the_input_is_positive(int length)
    {
        var random = new Random(length);
        var values = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var x = Tensor.FromArray(values, requiresGrad: true);
        var weights = Enumerable.Range(0, length).Select(i => (float)i + 1).ToArray();

        (x.Relu() * Tensor.FromArray(weights)).Sum().Backward();

        for (var i = 0; i < length; i++) Assert.Equal(values[i] > 0 ? weights[i] : 0f, x.Grad![i]);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(0.1f)]
    [InlineData(0.9f)]
    public void Dropout_masks_drop_about_the_rate_and_scale_the_rest_by_one_over_keep(float rate)
    {
        var mask = new float[100_001];
        NotebookCourse.Kernels.ElementwiseKernels.FillDropoutMask(mask, rate, seed: 42);

        var dropped = mask.Count(v => v == 0f);
        Assert.All(mask, v => Assert.True(v == 0f || Math.Abs(v - 1f / (1f - rate)) < 1e-6f));
        // Binomial standard deviation sqrt(n p (1-p)) is at most 158 here; allow 5 of them.
        Assert.InRange(dropped, rate * mask.Length - 800, rate * mask.Length + 800);
    }

    [Fact]
    public void Dropout_masks_from_different_seeds_differ_and_from_the_same_seed_repeat()
    {
        float[] a = new float[64], b = new float[64], c = new float[64];
        NotebookCourse.Kernels.ElementwiseKernels.FillDropoutMask(a, 0.5f, 1);
        NotebookCourse.Kernels.ElementwiseKernels.FillDropoutMask(b, 0.5f, 1);
        NotebookCourse.Kernels.ElementwiseKernels.FillDropoutMask(c, 0.5f, 2);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
