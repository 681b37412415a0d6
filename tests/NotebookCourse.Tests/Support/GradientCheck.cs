namespace NotebookCourse.Tests.Support;

/// <summary>
/// Checks an operation against an independent double-precision reference: the forward values must
/// agree, and the gradient autograd finds must match central finite differences of the reference.
/// </summary>
public static class GradientCheck
{
    /// <summary>A forward function on flat double arrays (one per input) returning the flat result.</summary>
    public delegate double[] Reference(double[][] inputs);

    /// <summary>
    /// Runs <paramref name="operation"/> on random inputs of the given shapes and asserts that its
    /// values and its gradients (of Σ output · r for a random r) match the reference.
    /// </summary>
    public static void Check(Func<Tensor[], Tensor> operation, Reference reference, int[][] shapes, int seed,
        Func<Random, double>? sample = null, double tolerance = 2e-3)
    {
        var rng = new Random(seed);
        sample ??= r => r.NextDouble() * 4 - 2;
        var inputs = shapes.Select(s => new Tensor(Enumerable.Range(0, Tensor.SizeOf(s)).Select(_ => (float)sample(rng)).ToArray(), s, requiresGrad: true)).ToArray();
        var output = operation(inputs);

        var asDouble = inputs.Select(t => t.Data.Select(v => (double)v).ToArray()).ToArray();
        var expected = reference(asDouble);
        Assert.Equal(expected.Length, output.Size);
        for (var i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], output.Data[i], tolerance, $"forward value {i}");
        }

        var cotangent = Enumerable.Range(0, output.Size).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var weights = new Tensor(cotangent.Select(v => (float)v).ToArray(), output.Shape);
        (output * weights).Sum().Backward();

        const double h = 1e-6;
        for (var k = 0; k < inputs.Length; k++)
        {
            Assert.NotNull(inputs[k].Grad);
            for (var i = 0; i < inputs[k].Size; i++)
            {
                var saved = asDouble[k][i];
                asDouble[k][i] = saved + h;
                var plus = Dot(reference(asDouble), cotangent);
                asDouble[k][i] = saved - h;
                var minus = Dot(reference(asDouble), cotangent);
                asDouble[k][i] = saved;
                var numeric = (plus - minus) / (2 * h);
                AssertClose(numeric, inputs[k].Grad!.Data[i], tolerance, $"gradient of input {k} at {i}");
            }
        }
    }

    /// <summary>Asserts |expected − actual| ≤ tolerance · max(1, |expected|).</summary>
    public static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        var scale = Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale,
            $"{what}: expected {expected:G9}, got {actual:G9} (tolerance {tolerance * scale:G3})");
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
