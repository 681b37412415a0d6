namespace NotebookCourse.Tests.Tensors;

/// <summary>
/// Edge cases where float32 results must be as exact as PyTorch's: each checked against the same
/// function computed in double precision, in units in the last place (ulp) of the float result.
/// </summary>
public class ExactnessTests
{
    /// <summary>The distance from |v| to the next float up: the size of one ulp at v.</summary>
    private static double Ulp(double v)
    {
        var a = MathF.Abs((float)v);
        return a == 0 ? float.Epsilon : MathF.BitIncrement(a) - a;
    }

    /// <summary>
    /// Inputs spread over many magnitudes (1e-9 to about 20, both signs), 1001 of them so that both the
    /// vectorised loop and the leftover values are used.
    /// </summary>
    private static float[] Inputs(int seed, double largest = 20)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, 1001)
            .Select(_ => (float)((rng.Next(2) == 0 ? -1 : 1) * Math.Exp(rng.NextDouble() * (Math.Log(largest) + 9 * Math.Log(10)) - 9 * Math.Log(10))))
            .ToArray();
    }

    private static double MaxUlpError(float[] actual, float[] x, Func<double, double> exact)
    {
        var worst = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var e = exact(x[i]);
            worst = Math.Max(worst, Math.Abs(actual[i] - e) / Ulp(e));
        }
        return worst;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Tanh_is_within_one_ulp_of_double_precision(int seed)
    {
        var x = Inputs(seed);
        var y = Tensor.FromArray(x).Tanh().Data;
        Assert.InRange(MaxUlpError(y, x, Math.Tanh), 0, 1.0);
    }

    [Fact]
    public void Tanh_keeps_its_relative_precision_near_zero()
    {
        float[] x = [1e-30f, -3e-9f, 1e-6f, -2.5e-4f, 4.9e-4f, 0.01f, -0.03f, 0.04f, 1e-38f];
        var y = Tensor.FromArray(x).Tanh().Data;
        for (var i = 0; i < x.Length; i++)
        {
            var exact = Math.Tanh(x[i]);
            Assert.True(Math.Abs(y[i] - exact) <= 1e-7 * Math.Abs(exact), $"tanh({x[i]:R}) = {y[i]:R}, exact {exact:R}");
        }
    }

    [Fact]
    public void Tanh_of_a_signed_zero_is_that_zero()
    {
        // Nine values, so the vectorised loop and the leftover loop both see each zero.
        var y = Tensor.FromArray([0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, -0f]).Tanh().Data;
        Assert.Equal([0f, -0f, 0f, -0f, 0f, -0f, 0f, -0f, -0f], y);
        Assert.All(y.Where((_, i) => i % 2 == 1 || i == 8), v => Assert.True(float.IsNegative(v), "tanh(-0) must be -0"));
        Assert.All(y.Where((_, i) => i % 2 == 0 && i < 8), v => Assert.False(float.IsNegative(v), "tanh(+0) must be +0"));
    }

    [Fact]
    public void Tanh_gradient_near_saturation_is_only_as_far_off_as_rounding_its_output_makes_it()
    {
        // tanh' = 1 − y² = sech²(x). The float y is off by up to half an ulp, which moves 1 − y² by up to
        // 2|y|·ulp(y)/2; nothing else may add error (PyTorch's 1 − y·y adds its own rounding of y·y).
        var x = Enumerable.Range(0, 601).Select(i => (i % 2 == 0 ? 1f : -1f) * (2f + i * 0.01f)).ToArray();
        var t = Tensor.FromArray(x, requiresGrad: true);
        t.Tanh().Sum().Backward();
        for (var i = 0; i < x.Length; i++)
        {
            var cosh = Math.Cosh(x[i]);
            var exact = 1 / (cosh * cosh);
            var y = Math.Tanh(x[i]);
            var bound = Math.Abs(y) * Ulp(y) + Ulp(exact);
            Assert.True(Math.Abs(t.Grad!.Data[i] - exact) <= bound, $"tanh'({x[i]}) = {t.Grad.Data[i]:R}, exact {exact:R}, allowed error {bound:R}");
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Exp_is_within_one_ulp_of_double_precision(int seed)
    {
        var x = Inputs(seed, largest: 87);
        var y = Tensor.FromArray(x).Exp().Data;
        Assert.InRange(MaxUlpError(y, x, Math.Exp), 0, 1.0);
    }

    [Fact]
    public void Exp_of_zero_is_exactly_one()
    {
        Assert.All(Tensor.Zeros(17).Exp().Data, v => Assert.Equal(1f, v));
        Assert.Equal(1f, Tensor.Scalar(0f).Exp().Item());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Sigmoid_is_within_one_ulp_of_double_precision(int seed)
    {
        var x = Inputs(seed, largest: 80);
        var y = Tensor.FromArray(x).Sigmoid().Data;
        Assert.InRange(MaxUlpError(y, x, v => 1 / (1 + Math.Exp(-v))), 0, 1.0);
    }

    /// <summary>eˣ − 1 in double precision without cancellation: 2·tanh(x/2) / (1 − tanh(x/2)).</summary>
    private static double ExpM1(double x)
    {
        var t = Math.Tanh(x / 2);
        return 2 * t / (1 - t);
    }

    [Fact]
    public void Elu_keeps_the_digits_of_small_negative_inputs()
    {
        float[] x = [-2.9e-4f, -1e-4f, -3e-6f, -1e-9f, -1e-30f, -0.01f, -0.5f, -3f, -0.1f];
        const float Alpha = 1.5f;
        var y = Tensor.FromArray(x).Elu(Alpha).Data;
        for (var i = 0; i < x.Length; i++)
        {
            var exact = Alpha * ExpM1(x[i]);
            Assert.True(Math.Abs(y[i] - exact) <= 2 * Ulp(exact), $"elu({x[i]:R}) = {y[i]:R}, exact {exact:R}");
        }
    }

    [Fact]
    public void Elu_gradient_for_very_negative_inputs_is_alpha_times_exp()
    {
        // y + alpha would be −alpha·(1 − eˣ) + alpha: for x below about −9 that difference is rounding noise.
        var x = Enumerable.Range(0, 41).Select(i => -5f - i * 0.5f).ToArray();
        const float Alpha = 0.7f;
        var t = Tensor.FromArray(x, requiresGrad: true);
        t.Elu(Alpha).Sum().Backward();
        for (var i = 0; i < x.Length; i++)
        {
            var exact = Alpha * Math.Exp(x[i]);
            Assert.True(Math.Abs(t.Grad!.Data[i] - exact) <= 2 * Ulp(exact), $"elu'({x[i]}) = {t.Grad.Data[i]:R}, exact {exact:R}");
        }
    }

    [Fact]
    public void Abs_backward_through_NaN_gives_a_zero_gradient_as_pytorch_does()
    {
        var x = Tensor.FromArray([float.NaN, -2f, 0f, 3f], requiresGrad: true);
        x.Abs().Backward(Tensor.Ones(4));
        Assert.Equal([0f, -1f, 0f, 1f], x.Grad!.Data);
    }

    [Fact]
    public void A_scalar_takes_axis_0_and_minus_1_as_pytorch_does()
    {
        var s = Tensor.Scalar(3f, requiresGrad: true);

        var mean = s.Mean(0);
        Assert.Empty(mean.Shape);
        Assert.Equal(3f, mean.Item());
        mean.Backward();
        Assert.Equal(1f, s.Grad!.Item());

        foreach (var axis in new[] { 0, -1 })
        {
            var sum = s.Sum(axis, keepDims: true);
            Assert.Empty(sum.Shape);
            Assert.Equal(3f, sum.Item());
            Assert.Equal(3f, s.Mean(axis).Item());
            Assert.Equal(3f, s.Max(axis).Item());
            Assert.Equal(0f, s.ArgMax(axis).Item());
            Assert.Equal(1f, s.Softmax(axis).Item());
            Assert.Equal(0f, s.LogSoftmax(axis).Item());
        }
        Assert.Equal(1f, s.Softmax().Item());
        Assert.Equal(3f, s.Transpose(0, -1).Item());
        Assert.Equal([1], s.Flatten().Shape);

        s.ZeroGrad();
        s.LogSoftmax(-1).Backward();
        Assert.Equal(0f, s.Grad.Item());
    }

    [Fact]
    public void A_scalar_rejects_other_axes_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Scalar(1f).Sum(1));
        Assert.Contains("axis 1 does not exist in shape []", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Scalar(1f).Mean(-2));
    }
}
