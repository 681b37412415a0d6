using NotebookCourse.Losses;
using NotebookCourse.Tests.Support;

namespace NotebookCourse.Tests.Losses;

/// <summary>
/// Every loss against its formula written here in double precision: the value must agree, and the
/// gradient autograd finds must match central finite differences of that formula.
/// </summary>
public class LossGradientTests
{
    public static TheoryData<int> Seeds => [1, 2, 3];

    private const double Eps = 1e-7;

    private static float[] OneHot(Random rng, int rows, int classes)
    {
        var y = new float[rows * classes];
        for (var r = 0; r < rows; r++) y[r * classes + rng.Next(classes)] = 1f;
        return y;
    }

    private static double[] Probabilities(Random rng, int n) => Enumerable.Range(0, n).Select(_ => 0.05 + 0.9 * rng.NextDouble()).ToArray();

    /// <summary>Checks loss(predictions, fixed targets) with predictions as the only input.</summary>
    private static void Check(Func<Tensor, Tensor> loss, Func<double[], double> reference, int[] shape, int seed, Func<Random, double>? sample = null)
        => GradientCheck.Check(t => loss(t[0]), x => [reference(x[0])], [shape], seed, sample);

    [Theory, MemberData(nameof(Seeds))]
    public void Mean_squared_error_matches_its_formula(int seed)
    {
        var rng = new Random(seed);
        var targets = Enumerable.Range(0, 12).Select(_ => (float)rng.NextDouble()).ToArray();
        var y = new Tensor(targets, [4, 3]);
        Check(p => new MeanSquaredError().Forward(p, y),
            p => p.Select((v, i) => (v - targets[i]) * (v - targets[i])).Average(), [4, 3], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Categorical_cross_entropy_from_logits_matches_its_formula(int seed)
    {
        const int rows = 5, classes = 4;
        var targets = OneHot(new Random(seed), rows, classes);
        var y = new Tensor(targets, [rows, classes]);
        Check(z => new CategoricalCrossEntropy(fromLogits: true).Forward(z, y), z =>
        {
            var total = 0.0;
            for (var r = 0; r < rows; r++)
            {
                var denominator = Enumerable.Range(0, classes).Sum(c => Math.Exp(z[r * classes + c]));
                for (var c = 0; c < classes; c++) total -= targets[r * classes + c] * Math.Log(Math.Exp(z[r * classes + c]) / denominator);
            }
            return total / rows;
        }, [rows, classes], seed, r => r.NextDouble() * 6 - 3);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Categorical_cross_entropy_from_logits_handles_soft_targets(int seed)
    {
        // Label smoothing style targets: rows that sum to 1 but are not one-hot.
        var rng = new Random(seed);
        var targets = new float[6];
        for (var r = 0; r < 2; r++)
        {
            var a = rng.NextDouble();
            var b = (1 - a) * rng.NextDouble();
            targets[r * 3] = (float)a;
            targets[r * 3 + 1] = (float)b;
            targets[r * 3 + 2] = (float)(1 - a - b);
        }
        var y = new Tensor(targets, [2, 3]);
        Check(z => Loss.CrossEntropy(z, y, fromLogits: true), z =>
        {
            var total = 0.0;
            for (var r = 0; r < 2; r++)
            {
                var logSum = Math.Log(Enumerable.Range(0, 3).Sum(c => Math.Exp(z[r * 3 + c])));
                for (var c = 0; c < 3; c++) total -= targets[r * 3 + c] * (z[r * 3 + c] - logSum);
            }
            return total / 2;
        }, [2, 3], seed);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Categorical_cross_entropy_on_probabilities_matches_keras_formula(int seed)
    {
        // Keras: divide each row by its sum, clip to [eps, 1 − eps], then −Σ y log p, mean over rows.
        const int rows = 4, classes = 3;
        var targets = OneHot(new Random(seed), rows, classes);
        var y = new Tensor(targets, [rows, classes]);
        Check(p => new CategoricalCrossEntropy().Forward(p, y), p =>
        {
            var total = 0.0;
            for (var r = 0; r < rows; r++)
            {
                var sum = Enumerable.Range(0, classes).Sum(c => p[r * classes + c]);
                for (var c = 0; c < classes; c++) total -= targets[r * classes + c] * Math.Log(Math.Clamp(p[r * classes + c] / sum, Eps, 1 - Eps));
            }
            return total / rows;
        }, [rows, classes], seed, r => 0.05 + r.NextDouble());
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Categorical_cross_entropy_on_probabilities_equals_its_formula_built_from_tensor_operations(int seed)
    {
        // The fused loss against the same formula composed of Sum, division, Clamp, Log, product and Sum, whose
        // gradients autograd finds: values on both sides of the clip, exact zeros, a row of zeros (NaN), soft targets.
        const int rows = 7, classes = 10;
        var rng = new Random(seed);
        var p = Enumerable.Range(0, rows * classes).Select(_ => (float)rng.NextDouble()).ToArray();
        p[3] = 0f;                                  // clipped up to ε
        p[12] = 1e-9f;                              // below ε after the division
        for (var c = 20; c < 30; c++) p[c] = c == 25 ? 1f : 1e-10f; // one value clipped down to 1 − ε
        p[31] = 0f;
        var targets = new float[rows * classes];
        for (var r = 0; r < rows; r++) targets[r * classes + rng.Next(classes)] = 1f;
        targets[3] = 1f; targets[12] = 1f; targets[25] = 1f;   // targets on clipped values: only the row sum passes a gradient there
        targets[40] = 0.3f; targets[41] = 0.7f;               // a soft row
        var withNaN = (float[])p.Clone();
        for (var c = 60; c < 70; c++) withNaN[c] = 0f;        // a row that sums to 0

        foreach (var values in new[] { p, withNaN })
        {
            var fused = new Tensor((float[])values.Clone(), [rows, classes], requiresGrad: true);
            var composed = new Tensor((float[])values.Clone(), [rows, classes], requiresGrad: true);
            var y = new Tensor(targets, [rows, classes]);
            var fusedLoss = new CategoricalCrossEntropy().Forward(fused, y);
            var q = (composed / composed.Sum(-1, keepDims: true)).Clamp(Loss.Epsilon, 1f - Loss.Epsilon);
            var composedLoss = -(y * q.Log()).Sum() / rows;
            fusedLoss.Backward();
            composedLoss.Backward();

            if (values == withNaN)
            {
                Assert.True(float.IsNaN(fusedLoss.Item()), "a row of zeros has no probabilities: the loss is NaN, as composed");
                Assert.True(float.IsNaN(composedLoss.Item()));
                Assert.Equal(composed.Grad!.Data.Select(float.IsNaN), fused.Grad!.Data.Select(float.IsNaN));
                continue;
            }
            Assert.Equal(composedLoss.Item(), fusedLoss.Item(), 1e-6f);
            for (var i = 0; i < values.Length; i++)
            {
                var expected = composed.Grad!.Data[i];
                Assert.True(Math.Abs(fused.Grad!.Data[i] - expected) <= 1e-5f * Math.Max(1f, Math.Abs(expected)),
                    $"gradient {i}: fused {fused.Grad.Data[i]}, composed {expected}");
            }
        }
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Sparse_categorical_cross_entropy_matches_its_formula(int seed)
    {
        const int rows = 5, classes = 3;
        var rng = new Random(seed);
        var labels = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
        var y = new Tensor(labels.Select(l => (float)l).ToArray(), [rows]);
        Check(z => new SparseCategoricalCrossEntropy(fromLogits: true).Forward(z, y), z =>
        {
            var total = 0.0;
            for (var r = 0; r < rows; r++)
            {
                var logSum = Math.Log(Enumerable.Range(0, classes).Sum(c => Math.Exp(z[r * classes + c])));
                total += logSum - z[r * classes + labels[r]];
            }
            return total / rows;
        }, [rows, classes], seed);
        Check(p => new SparseCategoricalCrossEntropy().Forward(p, y), p =>
        {
            var total = 0.0;
            for (var r = 0; r < rows; r++)
            {
                var sum = Enumerable.Range(0, classes).Sum(c => p[r * classes + c]);
                total -= Math.Log(p[r * classes + labels[r]] / sum);
            }
            return total / rows;
        }, [rows, classes], seed, r => 0.05 + r.NextDouble());
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Binary_cross_entropy_on_probabilities_matches_its_formula(int seed)
    {
        var rng = new Random(seed);
        var targets = Enumerable.Range(0, 8).Select(_ => (float)rng.Next(2)).ToArray();
        var y = new Tensor(targets, [8, 1]);
        Check(p => new BinaryCrossEntropy().Forward(p, y),
            p => -p.Select((v, i) => targets[i] * Math.Log(v) + (1 - targets[i]) * Math.Log(1 - v)).Average(),
            [8, 1], seed, r => Probabilities(r, 1)[0]);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void Binary_cross_entropy_from_logits_matches_the_sigmoid_formula(int seed)
    {
        var rng = new Random(seed);
        var targets = Enumerable.Range(0, 8).Select(_ => (float)rng.Next(2)).ToArray();
        var y = new Tensor(targets, [8]);
        Check(z => Loss.LogLoss(z, y, fromLogits: true), z => -z.Select((v, i) =>
        {
            var s = 1 / (1 + Math.Exp(-v));
            return targets[i] * Math.Log(s) + (1 - targets[i]) * Math.Log(1 - s);
        }).Average(), [8, 1], seed, r => r.NextDouble() * 8 - 4);
    }

    [Theory, MemberData(nameof(Seeds))]
    public void L2_penalty_is_lambda_times_sum_of_squares(int seed)
        => GradientCheck.Check(t => Loss.L2(t, 0.01f), x => [0.01 * x.Sum(a => a.Sum(v => v * v))], [[3, 2], [2]], seed);
}
