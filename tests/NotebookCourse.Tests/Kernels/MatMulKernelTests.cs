using NotebookCourse.Kernels;

namespace NotebookCourse.Tests.Kernels;

/// <summary>The packed, tiled matrix product against a plain triple loop in double precision.</summary>
public class MatMulKernelTests
{
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 1, 7, 1 }, { 3, 0, 5 }, { 0, 4, 3 }, { 5, 3, 0 },
        { 8, 16, 16 }, { 6, 5, 16 }, { 7, 9, 17 }, { 13, 31, 33 }, { 17, 300, 10 },
        { 100, 784, 10 }, { 100, 64, 32 }, { 64, 100, 32 }, { 33, 513, 47 },
        { 100, 784, 64 }, { 784, 100, 10 }, { 9, 1, 129 },
        // n ≤ 16 (NarrowMatMul): every n, odd m and k, k below and past a multiple of 16, m a multiple of 16 or not.
        { 5, 37, 1 }, { 16, 33, 2 }, { 7, 16, 3 }, { 32, 17, 4 }, { 9, 50, 5 }, { 48, 3, 6 }, { 11, 100, 7 },
        { 16, 1, 8 }, { 13, 19, 9 }, { 1, 785, 10 }, { 64, 101, 11 }, { 15, 64, 12 }, { 32, 16, 13 },
        { 3, 129, 14 }, { 16, 2, 15 }, { 17, 47, 16 }, { 800, 99, 10 }, { 100, 32, 10 }, { 32, 100, 10 },
        { 50, 20, 8 }, { 33, 7, 12 }, { 47, 64, 4 }, { 1030, 400, 10 }, // the last one is large enough to be split between cores
        // Blocks of ten columns: one for n = 5 (whose last column fills the other five) and for n = 10, two for n = 15; with a transposed A too.
        { 40, 300, 5 }, { 64, 257, 15 }, { 784, 260, 10 }, { 35, 129, 10 },
        // The weight gradient goes down A in panels of 128 rows: less than one panel, exactly one, exactly three, and three and one row.
        { 32, 64, 10 }, { 32, 128, 10 }, { 48, 384, 7 }, { 40, 385, 10 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_transpose_and_accumulate_combination_matches_a_double_precision_triple_loop(int m, int k, int n)
    {
        var random = new Random(m * 10_007 + k * 101 + n);
        foreach (var transposeA in new[] { false, true })
        {
            foreach (var transposeB in new[] { false, true })
            {
                foreach (var accumulate in new[] { false, true })
                {
                    var a = RandomArray(random, m * k);
                    var b = RandomArray(random, k * n);
                    var c = RandomArray(random, m * n);
                    var expected = Reference(a, b, c, m, k, n, transposeA, transposeB, accumulate);

                    MatMulKernel.Multiply(a, b, c, m, k, n, transposeA, transposeB, accumulate);

                    for (var i = 0; i < m * n; i++)
                    {
                        var tolerance = 1e-5 * (k + 1) + 1e-5 * Math.Abs(expected[i]);
                        Assert.True(Math.Abs(c[i] - expected[i]) <= tolerance,
                            $"m={m} k={k} n={n} tA={transposeA} tB={transposeB} acc={accumulate}: C[{i / n}, {i % n}] = {c[i]}, expected {expected[i]}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Values_outside_the_m_by_n_result_are_left_alone()
    {
        var a = new float[] { 1, 2, 3, 4 };
        var b = new float[] { 5, 6, 7, 8 };
        var c = new float[] { 0, 0, 0, 0, 99, 99 };

        MatMulKernel.Multiply(a, b, c, 2, 2, 2);

        Assert.Equal(new float[] { 19, 22, 43, 50, 99, 99 }, c);
    }

    [Fact]
    public void Too_short_arrays_are_reported_with_the_sizes()
    {
        var error = Assert.Throws<ArgumentException>(() => MatMulKernel.Multiply(new float[5], new float[6], new float[4], 2, 3, 2));
        Assert.Contains("m=2, k=3, n=2", error.Message);
    }

    private static float[] RandomArray(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    private static double[] Reference(float[] a, float[] b, float[] c, int m, int k, int n, bool transposeA, bool transposeB, bool accumulate)
    {
        var result = new double[m * n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0;
                for (var p = 0; p < k; p++)
                {
                    double x = transposeA ? a[p * m + i] : a[i * k + p];
                    double y = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += x * y;
                }
                result[i * n + j] = sum;
            }
        }
        return result;
    }
}
