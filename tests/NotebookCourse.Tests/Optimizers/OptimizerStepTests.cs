using NotebookCourse.Optimizers;

namespace NotebookCourse.Tests.Optimizers;

/// <summary>
/// Each optimizer's steps against its update rule computed here by hand in double precision. The
/// gradient of Σ p·c is c, so the tests choose every step's gradient exactly.
/// </summary>
public class OptimizerStepTests
{
    private static readonly double[] Start = [0.5, -1.5, 2.0];

    /// <summary>A different gradient for each step, including a zero and sign changes.</summary>
    private static readonly double[][] Gradients =
    [
        [0.1, -0.4, 2.0],
        [0.3, 0.0, -1.0],
        [-0.2, 0.5, 0.5],
        [1.0, -2.0, 0.25],
    ];

    private static Tensor NewParameter() => new(Start.Select(v => (float)v).ToArray(), [3], requiresGrad: true);

    /// <summary>Runs the optimizer on the fixed gradients, returning the parameter after each step.</summary>
    private static List<float[]> Run(Optimizer optimizer, Tensor p)
    {
        var after = new List<float[]>();
        foreach (var g in Gradients)
        {
            optimizer.ZeroGrad();
            (p * new Tensor(g.Select(v => (float)v).ToArray(), [3])).Sum().Backward();
            optimizer.Step();
            after.Add(p.ToArray());
        }
        return after;
    }

    private static void AssertSteps(List<double[]> expected, List<float[]> actual, double tolerance = 1e-6)
    {
        for (var s = 0; s < expected.Count; s++)
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.True(Math.Abs(expected[s][i] - actual[s][i]) <= tolerance * Math.Max(1, Math.Abs(expected[s][i])),
                    $"step {s + 1}, value {i}: expected {expected[s][i]:G9}, got {actual[s][i]:G9}");
            }
        }
    }

    [Fact]
    public void Sgd_step_is_p_minus_lr_times_g()
    {
        const double lr = 0.1;
        var p = (double[])Start.Clone();
        var expected = Gradients.Select(g => p = p.Select((v, i) => v - lr * g[i]).ToArray()).ToList();
        var param = NewParameter();
        AssertSteps(expected, Run(new SGD([param], (float)lr), param));
    }

    [Fact]
    public void Sgd_momentum_keeps_a_velocity_in_pytorch_form()
    {
        const double lr = 0.05, mu = 0.9;
        var p = (double[])Start.Clone();
        var v = new double[3];
        var expected = new List<double[]>();
        foreach (var g in Gradients)
        {
            for (var i = 0; i < 3; i++)
            {
                v[i] = mu * v[i] + g[i];
                p[i] -= lr * v[i];
            }
            expected.Add((double[])p.Clone());
        }
        var param = NewParameter();
        AssertSteps(expected, Run(new SGD([param], (float)lr, (float)mu), param));
    }

    [Fact]
    public void Adam_steps_follow_the_bias_corrected_rule()
    {
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        var p = (double[])Start.Clone();
        double[] m = new double[3], v = new double[3];
        var expected = new List<double[]>();
        var t = 0;
        foreach (var g in Gradients)
        {
            t++;
            for (var i = 0; i < 3; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                var mHat = m[i] / (1 - Math.Pow(b1, t));
                var vHat = v[i] / (1 - Math.Pow(b2, t));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
            expected.Add((double[])p.Clone());
        }
        var param = NewParameter();
        var adam = new Adam([param], (float)lr);
        AssertSteps(expected, Run(adam, param), 2e-6);
        Assert.Equal(4, adam.Steps);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(37)]
    public void Adam_updates_every_value_of_a_longer_parameter_by_the_same_rule(int size)
    {
        // Longer than a vector of values, and (37) with a few left over: both the vector loop and the padded rest.
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
        var random = new Random(size);
        var start = Enumerable.Range(0, size).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var gradients = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, size).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        var param = new Tensor(start.Select(v => (float)v).ToArray(), [size], requiresGrad: true);
        var adam = new Adam([param], (float)lr);
        double[] p = (double[])start.Clone(), m = new double[size], v = new double[size];
        for (var t = 1; t <= gradients.Length; t++)
        {
            adam.ZeroGrad();
            (param * new Tensor(gradients[t - 1].Select(g => (float)g).ToArray(), [size])).Sum().Backward();
            adam.Step();
            for (var i = 0; i < size; i++)
            {
                var g = (double)(float)gradients[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                p[i] -= lr * (m[i] / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(b2, t))) + eps);
                Assert.Equal(p[i], param.Data[i], 2e-6);
            }
        }
    }

    [Fact]
    public void Adam_first_step_moves_every_value_by_about_lr()
    {
        // With bias correction m̂ = g and v̂ = g², so the first step is lr·sign(g) (for g ≠ 0).
        var param = NewParameter();
        var before = param.ToArray();
        Run(new Adam([param], 0.001f), param);
        var adam = new Adam([param = NewParameter()], 0.001f);
        adam.ZeroGrad();
        (param * new Tensor([0.1f, -0.4f, 2f], [3])).Sum().Backward();
        adam.Step();
        Assert.Equal(before[0] - 0.001, param.Data[0], 6);
        Assert.Equal(before[1] + 0.001, param.Data[1], 6);
        Assert.Equal(before[2] - 0.001, param.Data[2], 6);
    }

    [Fact]
    public void State_values_below_the_smallest_normal_float_become_zero_as_in_keras()
    {
        // g = 1e-20: m = 0.1·g = 1e-21 is a normal float and stays; v = 0.001·g² = 1e-43 is subnormal and is flushed,
        // as TensorFlow's flush-to-zero mode does. RMSprop's v = 0.1·g² = 1e-41 is flushed too.
        var tiny = new float[] { 1e-20f, 1e-20f, 0.5f };
        foreach (var (optimizer, slot) in new (Func<Tensor, Optimizer> Make, string Slot)[]
        {
            (p => new Adam([p]), "v.0"), (p => new RMSprop([p]), "v.0"),
        })
        {
            var param = NewParameter();
            var opt = optimizer(param);
            (param * new Tensor(tiny, [3])).Sum().Backward();
            opt.Step();
            var state = opt.State().Single(e => e.Key == slot).Value.Data;
            Assert.Equal(0f, state[0]);
            Assert.Equal(0f, state[1]);
            Assert.True(state[2] > 1e-4f, $"{opt.Name}: the normal value {state[2]} must stay");
            if (opt is Adam adam) Assert.Equal(1e-21f, adam.State().Single(e => e.Key == "m.0").Value.Data[0], 1e-27f);
        }
    }

    [Fact]
    public void Flushing_subnormals_zeroes_exactly_the_values_below_the_smallest_normal_float()
    {
        var smallestNormal = BitConverter.Int32BitsToSingle(0x0080_0000);
        float[] values = [float.Epsilon, -float.Epsilon, 1e-39f, -1e-40f, smallestNormal, -smallestNormal, 1f, -2.5e-30f, float.NaN, float.PositiveInfinity, 0f, -0f];
        // Repeated past the vector width, so both the vector loop and the scalar tail meet every case.
        var input = Enumerable.Repeat(values, 5).SelectMany(v => v).ToArray();
        var flushed = (float[])input.Clone();

        NotebookCourse.Kernels.ElementwiseKernels.FlushSubnormalsToZero(flushed);

        for (var i = 0; i < input.Length; i++)
        {
            var expected = float.IsSubnormal(input[i]) ? 0f : input[i];
            Assert.True(expected.Equals(flushed[i]) || (expected == 0 && flushed[i] == 0), $"value {input[i]:G9} became {flushed[i]:G9}");
        }
    }

    [Fact]
    public void Rmsprop_steps_follow_the_running_mean_square_rule()
    {
        const double lr = 0.01, rho = 0.9, eps = 1e-7;
        var p = (double[])Start.Clone();
        var v = new double[3];
        var expected = new List<double[]>();
        foreach (var g in Gradients)
        {
            for (var i = 0; i < 3; i++)
            {
                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
                p[i] -= lr * g[i] / (Math.Sqrt(v[i]) + eps);
            }
            expected.Add((double[])p.Clone());
        }
        var param = NewParameter();
        AssertSteps(expected, Run(new RMSprop([param], (float)lr), param), 2e-6);
    }

    [Fact]
    public void Sgd_minimises_w_squared_plus_10w_plus_25_to_minus_5()
    {
        // COURSE.md section 00: 1000 SGD steps, lr 0.01, from w = 0, reach the minimum w = −5.
        var w = Tensor.Scalar(0f, requiresGrad: true);
        var sgd = new SGD([w], 0.01f);
        for (var step = 0; step < 1000; step++)
        {
            sgd.ZeroGrad();
            var cost = w * w + 10f * w + 25f;
            cost.Backward();
            sgd.Step();
        }
        Assert.InRange(w.Item(), -5 - 1e-4, -5 + 1e-4);
    }

    [Fact]
    public void Learning_rate_can_change_between_steps()
    {
        var p = Tensor.FromArray(new float[] { 1f }, requiresGrad: true);
        var sgd = new SGD([p], 0.1f);
        (p * 2f).Sum().Backward();
        sgd.Step();                 // 1 − 0.1·2 = 0.8
        sgd.LearningRate = 0.01f;
        Assert.Equal(0.01f, sgd.LearningRate);
        sgd.Step();                 // the same gradient again: 0.8 − 0.01·2 = 0.78
        Assert.Equal(0.78, p.Item(), 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1f);
    }

    [Fact]
    public void Parameters_without_a_gradient_are_left_alone()
    {
        var used = Tensor.FromArray(new float[] { 1f }, requiresGrad: true);
        var unused = Tensor.FromArray(new float[] { 5f }, requiresGrad: true);
        var adam = new Adam([used, unused]);
        (used * 3f).Sum().Backward();
        adam.Step();
        Assert.Equal(5f, unused.Item());
        Assert.NotEqual(1f, used.Item());
    }

    [Fact]
    public void Step_records_no_graph()
    {
        var p = Tensor.FromArray(new float[] { 1f, 2f }, requiresGrad: true);
        var sgd = new SGD([p], 0.1f, momentum: 0.5f);
        p.Sum().Backward();
        sgd.Step();
        Assert.True(p.IsLeaf);
        Assert.True(p.RequiresGrad);
    }

    [Fact]
    public void Saved_state_resumes_adam_exactly()
    {
        var a = NewParameter();
        var first = new Adam([a], 0.01f);
        Run(first, a);
        var state = first.State().ToList();
        Assert.Contains(state, e => e.Key == "m.0");
        Assert.Contains(state, e => e.Key == "v.0");
        Assert.Equal(4f, state.Single(e => e.Key == "steps").Value.Item());

        var b = new Tensor(a.ToArray(), [3], requiresGrad: true);
        var second = new Adam(0.01f);
        second.Bind([b]);
        second.LoadState(state);
        Assert.Equal(4, second.Steps);
        Assert.Equal(Run(first, a).Select(x => x.ToArray()), Run(second, b));
    }

    [Fact]
    public void Binding_the_same_parameters_again_keeps_the_state_and_new_ones_reset_it()
    {
        var p = NewParameter();
        var adam = new Adam([p]);
        Run(adam, p);
        adam.Bind([p]);
        Assert.Equal(4, adam.Steps);
        Assert.Contains(adam.State(), e => e.Key == "m.0");
        adam.Bind([NewParameter()]);
        Assert.Equal(0, adam.Steps);
        Assert.DoesNotContain(adam.State(), e => e.Key == "m.0");
    }

    [Fact]
    public void Loading_state_of_the_wrong_shape_names_the_entry()
    {
        var adam = new Adam([NewParameter()]);
        var error = Assert.Throws<ArgumentException>(() => adam.LoadState([new("m.0", Tensor.Zeros(4))]));
        Assert.Contains("m.0", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void Unbound_optimizer_explains_how_to_bind()
        => Assert.Contains("Bind", Assert.Throws<InvalidOperationException>(() => new Adam().Step()).Message);

    [Theory]
    [InlineData("sgd", typeof(SGD))]
    [InlineData("Adam", typeof(Adam))]
    [InlineData("rmsprop", typeof(RMSprop))]
    public void Names_and_configs_rebuild_optimizers(string name, Type expected)
    {
        var optimizer = Optimizer.FromName(name);
        Assert.IsType(expected, optimizer);
        optimizer.LearningRate = 0.123f;
        var rebuilt = Optimizer.Rebuild(optimizer.Config);
        Assert.IsType(expected, rebuilt);
        Assert.Equal(0.123f, rebuilt.LearningRate);
        Assert.Equal(optimizer.Config.Arguments, rebuilt.Config.Arguments);
    }

    [Fact]
    public void Defaults_are_keras_defaults()
    {
        var adam = new Adam();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-7f), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
        var rms = new RMSprop();
        Assert.Equal((0.001f, 0.9f, 1e-7f), (rms.LearningRate, rms.Rho, rms.Epsilon));
        Assert.Equal(0.01f, new SGD().LearningRate);
    }
}
