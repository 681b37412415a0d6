using NotebookCourse.Tests.Support;
using static NotebookCourse.Tests.Support.NdReference;

namespace NotebookCourse.Tests.Tensors;

/// <summary>Every differentiable operation: forward values and gradients against a double-precision reference.</summary>
public class OperationGradientTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    /// <summary>A random shape of rank 1..4 with small lengths.</summary>
    private static int[] RandomShape(Random rng, int minRank = 1, int maxRank = 4)
        => Enumerable.Range(0, rng.Next(minRank, maxRank + 1)).Select(_ => rng.Next(1, 5)).ToArray();

    /// <summary>A shape that broadcasts against <paramref name="shape"/>: some axes set to 1, maybe fewer axes.</summary>
    private static int[] BroadcastPartner(Random rng, int[] shape)
    {
        var drop = rng.Next(0, shape.Length);
        return shape.Skip(drop).Select(d => rng.Next(3) == 0 ? 1 : d).ToArray();
    }

    private static double Positive(Random r) => 0.5 + r.NextDouble() * 2;

    [Theory, MemberData(nameof(Seeds))]
    public void Add_with_broadcasting_matches_reference(int seed)
    {
        var rng = new Random(seed);
        var a = RandomShape(rng);
        var b = BroadcastPartner(rng, a);
        if (rng.Next(2) == 0) (a, b) = (b, a);
        GradientCheck.Check(t => t[0] + t[1], x => Binary(x[0], a, x[1], b, (p, q) => p + q), [a, b], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Subtract_with_broadcasting_matches_reference(int seed)
    {
        var rng = new Random(seed + 10);
        var a = RandomShape(rng);
        var b = BroadcastPartner(rng, a);
        if (rng.Next(2) == 0) (a, b) = (b, a);
        GradientCheck.Check(t => t[0] - t[1], x => Binary(x[0], a, x[1], b, (p, q) => p - q), [a, b], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Multiply_with_broadcasting_matches_reference(int seed)
    {
        var rng = new Random(seed + 20);
        var a = RandomShape(rng);
        var b = BroadcastPartner(rng, a);
        if (rng.Next(2) == 0) (a, b) = (b, a);
        GradientCheck.Check(t => t[0] * t[1], x => Binary(x[0], a, x[1], b, (p, q) => p * q), [a, b], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Divide_with_broadcasting_matches_reference(int seed)
    {
        var rng = new Random(seed + 30);
        var a = RandomShape(rng);
        var b = BroadcastPartner(rng, a);
        if (rng.Next(2) == 0) (a, b) = (b, a);
        GradientCheck.Check(t => t[0] / t[1], x => Binary(x[0], a, x[1], b, (p, q) => p / q), [a, b], seed, Positive);
    }

    [Fact]
    public void Bias_row_added_to_a_batch_sums_its_gradient_over_the_batch()
    {
        GradientCheck.Check(t => t[0] + t[1], x => Binary(x[0], [5, 3], x[1], [3], (p, q) => p + q), [[5, 3], [3]], 7);
    }

    [Fact]
    public void Scalar_operands_on_either_side_match_reference()
    {
        GradientCheck.Check(t => (2f - t[0]) * 3f / (t[0] + 5f), x => x[0].Select(v => (2 - v) * 3 / (v + 5)).ToArray(), [[2, 3]], 8);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void MatMul_matches_reference(int seed)
    {
        var rng = new Random(seed + 40);
        int m = rng.Next(1, 7), k = rng.Next(1, 7), n = rng.Next(1, 7);
        GradientCheck.Check(t => t[0].MatMul(t[1]), x => MatMul(x[0], x[1], m, k, n), [[m, k], [k, n]], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Sum_along_each_axis_matches_reference(int seed)
    {
        var rng = new Random(seed + 50);
        var shape = RandomShape(rng);
        var axis = rng.Next(shape.Length);
        GradientCheck.Check(t => t[0].Sum(axis), x => Reduce(x[0], shape, axis, 0, (s, v) => s + v), [shape], seed);
        GradientCheck.Check(t => t[0].Sum(axis, keepDims: true), x => Reduce(x[0], shape, axis, 0, (s, v) => s + v), [shape], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Mean_along_each_axis_and_overall_matches_reference(int seed)
    {
        var rng = new Random(seed + 60);
        var shape = RandomShape(rng);
        var axis = rng.Next(shape.Length);
        GradientCheck.Check(t => t[0].Mean(axis), x => Reduce(x[0], shape, axis, 0, (s, v) => s + v).Select(v => v / shape[axis]).ToArray(), [shape], seed);
        GradientCheck.Check(t => t[0].Mean(), x => [x[0].Average()], [shape], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Max_along_each_axis_matches_reference(int seed)
    {
        var rng = new Random(seed + 70);
        var shape = RandomShape(rng);
        var axis = rng.Next(shape.Length);
        // Distinct values keep the maximum unique, so the finite difference is well defined.
        GradientCheck.Check(t => t[0].Max(axis), x => Reduce(x[0], shape, axis, double.NegativeInfinity, Math.Max), [shape], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Elementwise_functions_match_reference(int seed)
    {
        var shape = RandomShape(new Random(seed + 80));
        GradientCheck.Check(t => t[0].Exp(), x => x[0].Select(Math.Exp).ToArray(), [shape], seed);
        GradientCheck.Check(t => t[0].Log(), x => x[0].Select(v => Math.Log(v)).ToArray(), [shape], seed, Positive);
        GradientCheck.Check(t => t[0].Pow(3f), x => x[0].Select(v => v * v * v).ToArray(), [shape], seed);
        GradientCheck.Check(t => t[0].Pow(0.5f), x => x[0].Select(Math.Sqrt).ToArray(), [shape], seed, Positive);
        GradientCheck.Check(t => t[0].Square(), x => x[0].Select(v => v * v).ToArray(), [shape], seed);
        GradientCheck.Check(t => t[0].Sqrt(), x => x[0].Select(Math.Sqrt).ToArray(), [shape], seed, Positive);
        GradientCheck.Check(t => t[0].Abs(), x => x[0].Select(v => Math.Abs(v)).ToArray(), [shape], seed, AwayFromZero);
        GradientCheck.Check(t => t[0].Clamp(-1f, 1f), x => x[0].Select(v => Math.Clamp(v, -1, 1)).ToArray(), [shape], seed, AwayFromKinks);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Activations_match_reference(int seed)
    {
        var shape = RandomShape(new Random(seed + 90));
        GradientCheck.Check(t => t[0].Sigmoid(), x => x[0].Select(v => 1 / (1 + Math.Exp(-v))).ToArray(), [shape], seed);
        GradientCheck.Check(t => t[0].Tanh(), x => x[0].Select(Math.Tanh).ToArray(), [shape], seed);
        GradientCheck.Check(t => t[0].Relu(), x => x[0].Select(v => Math.Max(0, v)).ToArray(), [shape], seed, AwayFromZero);
        GradientCheck.Check(t => t[0].LeakyRelu(0.1f), x => x[0].Select(v => v > 0 ? v : 0.1 * v).ToArray(), [shape], seed, AwayFromZero);
        GradientCheck.Check(t => t[0].Elu(1.5f), x => x[0].Select(v => v > 0 ? v : 1.5 * (Math.Exp(v) - 1)).ToArray(), [shape], seed, AwayFromZero);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Softmax_and_log_softmax_along_each_axis_match_reference(int seed)
    {
        var rng = new Random(seed + 100);
        var shape = RandomShape(rng);
        var axis = rng.Next(shape.Length);
        GradientCheck.Check(t => t[0].Softmax(axis), x => AlongAxis(x[0], shape, axis, SoftmaxLine), [shape], seed);
        GradientCheck.Check(t => t[0].LogSoftmax(axis), x => AlongAxis(x[0], shape, axis, l => SoftmaxLine(l).Select(v => Math.Log(v)).ToArray()), [shape], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Shape_operations_move_gradients_back(int seed)
    {
        var rng = new Random(seed + 110);
        int rows = rng.Next(2, 6), cols = rng.Next(1, 5);
        int[] shape = [rows, cols];
        GradientCheck.Check(t => t[0].Reshape(-1), x => x[0], [shape], seed);
        GradientCheck.Check(t => t[0].T, x => Transposed(x[0], rows, cols), [shape], seed);
        GradientCheck.Check(t => t[0].Slice(1, rows - 1), x => x[0].Skip(cols).ToArray(), [shape], seed);
        GradientCheck.Check(t => t[0].Row(0), x => x[0].Take(cols).ToArray(), [shape], seed);
        int[] picks = [rows - 1, 0, rows - 1];
        GradientCheck.Check(t => t[0].Rows(picks), x => picks.SelectMany(r => x[0].Skip(r * cols).Take(cols)).ToArray(), [shape], seed);
        GradientCheck.Check(t => Tensor.Concat([t[0], t[1]]), x => [.. x[0], .. x[1]], [shape, [1, cols]], seed);
    }

    [Fact]
    public void Transpose_of_two_axes_in_rank_three_matches_reference()
    {
        int[] shape = [2, 3, 4];
        GradientCheck.Check(t => t[0].Transpose(0, 2), x =>
        {
            var result = new double[24];
            foreach (var i in Indices(shape)) result[Offset([4, 3, 2], [i[2], i[1], i[0]])] = x[0][Offset(shape, i)];
            return result;
        }, [shape], 5);
    }

    [Fact]
    public void A_small_network_matches_reference_end_to_end()
    {
        // softmax(relu(x·W1 + b1)·W2 + b2) — every piece of a classifier at once.
        GradientCheck.Check(t => (t[0].MatMul(t[1]) + t[2]).Relu().MatMul(t[3]).Softmax(), x =>
        {
            var h = Binary(MatMul(x[0], x[1], 4, 3, 5), [4, 5], x[2], [5], (p, q) => Math.Max(0, p + q));
            return AlongAxis(MatMul(h, x[3], 4, 5, 2), [4, 2], 1, SoftmaxLine);
        }, [[4, 3], [3, 5], [5], [5, 2]], 11);
    }

    private static double AwayFromZero(Random r) => (r.Next(2) == 0 ? -1 : 1) * (0.1 + r.NextDouble() * 2);

    private static double AwayFromKinks(Random r) => r.Next(3) switch
    {
        0 => -1.9 + r.NextDouble() * 0.8,
        1 => -0.9 + r.NextDouble() * 1.8,
        _ => 1.1 + r.NextDouble() * 0.8,
    };

    private static double[] SoftmaxLine(double[] line)
    {
        var exps = line.Select(Math.Exp).ToArray();
        var sum = exps.Sum();
        return exps.Select(e => e / sum).ToArray();
    }

    private static double[] Transposed(double[] x, int rows, int cols)
    {
        var result = new double[x.Length];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++) result[j * rows + i] = x[i * cols + j];
        return result;
    }
}
