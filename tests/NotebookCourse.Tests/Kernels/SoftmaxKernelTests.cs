using NotebookCourse.Kernels;

namespace NotebookCourse.Tests.Kernels;

/// <summary>
/// The row loops of softmax and log-softmax against the definitions in double precision, for rows short
/// enough to be one vector (read and written as whole vectors except the last rows) and longer ones.
/// </summary>
public class SoftmaxKernelTests
{
    public static TheoryData<int, int> RowShapes()
    {
        var shapes = new TheoryData<int, int>();
        foreach (var length in new[] { 1, 2, 3, 7, 8, 10, 15, 16, 17, 33 })
        {
            foreach (var rows in new[] { 1, 2, 5, 40 }) shapes.Add(rows, length);
        }
        return shapes;
    }

    [Theory]
    [MemberData(nameof(RowShapes))]
    public void Softmax_and_log_softmax_of_every_row_match_double_precision(int rows, int length)
    {
        var x = RandomRows(rows, length, seed: rows * 100 + length);
        var softmax = new float[x.Length];
        var logSoftmax = new float[x.Length];
        var logSumExp = new double[rows];

        SoftmaxKernels.Softmax(x, softmax, length, logSumExp);
        SoftmaxKernels.LogSoftmax(x, logSoftmax, length);

        for (var r = 0; r < rows; r++)
        {
            var row = x.AsSpan(r * length, length).ToArray();
            var max = row.Max();
            var sum = row.Sum(v => Math.Exp(v - max));
            Assert.Equal(max + Math.Log(sum), logSumExp[r], 1e-5);
            for (var c = 0; c < length; c++)
            {
                var expected = Math.Exp(row[c] - max) / sum;
                Assert.True(Math.Abs(softmax[r * length + c] - expected) <= 1e-6 * expected, $"softmax row {r} column {c}: {softmax[r * length + c]}, expected {expected}");
                Assert.Equal(Math.Log(expected), logSoftmax[r * length + c], 1e-5);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RowShapes))]
    public void Backward_steps_match_the_vector_jacobian_products(int rows, int length)
    {
        var x = RandomRows(rows, length, seed: rows * 7 + length);
        var g = RandomRows(rows, length, seed: rows * 13 + length + 1);
        var softmax = new float[x.Length];
        var logSoftmax = new float[x.Length];
        SoftmaxKernels.Softmax(x, softmax, length);
        SoftmaxKernels.LogSoftmax(x, logSoftmax, length);
        var softmaxGrad = new float[x.Length];
        var logSoftmaxGrad = new float[x.Length];

        SoftmaxKernels.SoftmaxBackward(g, softmax, softmaxGrad, length);
        SoftmaxKernels.LogSoftmaxBackward(g, logSoftmax, logSoftmaxGrad, length);

        for (var r = 0; r < rows; r++)
        {
            double dot = 0, gSum = 0;
            for (var c = 0; c < length; c++)
            {
                dot += (double)g[r * length + c] * softmax[r * length + c];
                gSum += g[r * length + c];
            }
            for (var c = 0; c < length; c++)
            {
                var i = r * length + c;
                Close(softmax[i] * (g[i] - dot), softmaxGrad[i]);   // y ⊙ (g − Σ g⊙y)
                Close(g[i] - softmax[i] * gSum, logSoftmaxGrad[i]); // g − softmax · Σ g
            }
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    public void Nothing_is_written_outside_the_rows(int length)
    {
        // Rows in the middle of a longer array: whole-vector stores must stop at the last row.
        var x = RandomRows(3, length, seed: 5);
        var outputs = Enumerable.Repeat(-7f, 3 * length + 40).ToArray();

        SoftmaxKernels.Softmax(x, outputs.AsSpan(20, 3 * length), length);
        SoftmaxKernels.LogSoftmax(x, outputs.AsSpan(20, 3 * length), length);
        SoftmaxKernels.SoftmaxBackward(x, x, outputs.AsSpan(20, 3 * length), length);
        SoftmaxKernels.LogSoftmaxBackward(x, x, outputs.AsSpan(20, 3 * length), length);

        Assert.All(outputs[..20], v => Assert.Equal(-7f, v));
        Assert.All(outputs[(20 + 3 * length)..], v => Assert.Equal(-7f, v));
    }

    [Fact]
    public void The_largest_score_gives_exactly_one_over_the_sum_and_a_single_score_gives_one()
    {
        var softmax = new float[3];
        SoftmaxKernels.Softmax([0f, -1000f, float.NegativeInfinity], softmax, 3);
        Assert.Equal([1f, 0f, 0f], softmax);

        var single = new float[1];
        SoftmaxKernels.LogSoftmax([42f], single, 1);
        Assert.Equal(0f, single[0]);
    }

    [Fact]
    public void A_NaN_makes_its_own_row_NaN_and_leaves_the_others()
    {
        float[] x = [1, float.NaN, 3, 1, 2, 3];
        var softmax = new float[6];
        var logSoftmax = new float[6];

        SoftmaxKernels.Softmax(x, softmax, 3);
        SoftmaxKernels.LogSoftmax(x, logSoftmax, 3);

        Assert.All(softmax[..3], v => Assert.True(float.IsNaN(v)));
        Assert.All(logSoftmax[..3], v => Assert.True(float.IsNaN(v)));
        Assert.All(softmax[3..], v => Assert.True(v > 0 && v < 1));
        Assert.All(logSoftmax[3..], v => Assert.True(v < 0));
    }

    [Fact]
    public void Spans_that_are_not_whole_rows_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SoftmaxKernels.Softmax(new float[7], new float[7], 3));
        Assert.Contains("rows of 3", error.Message);
    }

    private static void Close(double expected, float actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-5 * Math.Max(1, Math.Abs(expected)), $"{actual}, expected {expected}");

    private static float[] RandomRows(int rows, int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * length).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
    }
}
