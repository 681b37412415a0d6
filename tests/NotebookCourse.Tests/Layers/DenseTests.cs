using NotebookCourse.Layers;
using NotebookCourse.Tests.Support;

namespace NotebookCourse.Tests.Layers;

/// <summary>Dense/Linear: the output is activation(x·W + b), computed here independently in double.</summary>
[Collection(GlobalGeneratorCollection.Name)]
public class DenseTests
{
    private static double[] Reference(Tensor x, Tensor w, Tensor b, Func<double, double> f)
    {
        int n = x.Shape[0], k = x.Shape[1], m = w.Shape[1];
        var result = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                double sum = b.Data[j];
                for (var p = 0; p < k; p++) sum += (double)x.Data[i * k + p] * w.Data[p * m + j];
                result[i * m + j] = f(sum);
            }
        }
        return result;
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    public void Forward_is_activation_of_x_times_w_plus_b(string activation)
    {
        Func<double, double> f = activation switch
        {
            "relu" => v => Math.Max(0, v),
            "sigmoid" => v => 1 / (1 + Math.Exp(-v)),
            "tanh" => Math.Tanh,
            _ => v => v,
        };
        var layer = new Dense(4, activation, inputSize: 3, biasInit: new RandomNormal(), random: new Random(3));
        var x = Tensor.RandomNormal([5, 3], random: new Random(4));
        var y = layer.Call(x);
        var expected = Reference(x, layer.Weight!, layer.Bias!, f);
        for (var i = 0; i < expected.Length; i++) GradientCheck.AssertClose(expected[i], y.Data[i], 1e-5, $"output {i}");
    }

    [Fact]
    public void Softmax_activation_rows_sum_to_one()
    {
        var y = new Dense(5, "softmax", inputSize: 3).Call(Tensor.RandomNormal([4, 3], random: new Random(1)));
        for (var r = 0; r < 4; r++) Assert.Equal(1.0, y.Data.Skip(r * 5).Take(5).Sum(v => (double)v), 5);
    }

    [Fact]
    public void Gradients_of_weight_and_bias_match_the_matrix_formulas()
    {
        // For L = Σ(x·W + b): dL/dW[p, j] = Σ_i x[i, p] and dL/db[j] = rows.
        var layer = new Dense(2, inputSize: 3, random: new Random(5));
        var x = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { -1, 0.5f, 2 } });
        layer.Call(x).Sum().Backward();
        for (var p = 0; p < 3; p++)
        {
            for (var j = 0; j < 2; j++) Assert.Equal(x[0, p] + x[1, p], layer.Weight!.Grad![p, j], 5);
        }
        Assert.Equal([2f, 2f], layer.Bias!.Grad!.Data);
    }

    [Fact]
    public void Dense_without_bias_has_only_a_weight()
    {
        var layer = new Dense(3, useBias: false, inputSize: 4);
        Assert.Null(layer.Bias);
        Assert.Equal(12, layer.ParameterCount);
    }

    [Fact]
    public void Higher_rank_inputs_are_rows_of_their_last_axis()
    {
        var layer = new Dense(2, inputSize: 3);
        var x = Tensor.RandomNormal([2, 4, 3], random: new Random(2));
        var y = layer.Call(x);
        Assert.Equal([2, 4, 2], y.Shape);
        Assert.Equal(layer.Call(x.Reshape(8, 3)).Data, y.Data);
    }

    [Fact]
    public void Wrong_input_size_is_reported_with_the_layer_name()
    {
        var layer = new Dense(2, inputSize: 3);
        var error = Assert.Throws<ArgumentException>(() => layer.Call(Tensor.Ones(1, 4)));
        Assert.Contains(layer.LayerName, error.Message);
        Assert.Contains("3", error.Message);
    }

    [Fact]
    public void Unknown_activation_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => new Dense(2, "swishy"));
        Assert.Contains("relu", error.Message);
    }

    [Fact]
    public void Linear_starts_like_pytorch_within_one_over_root_fan_in()
    {
        var layer = new Linear(100, 50, random: new Random(1));
        var bound = 1 / Math.Sqrt(100);
        Assert.All(layer.Weight!.Data, v => Assert.InRange(v, -bound, bound));
        Assert.All(layer.Bias!.Data, v => Assert.InRange(v, -bound, bound));
        Assert.Contains(layer.Bias!.Data, v => v != 0);
        Assert.Equal(100, layer.InFeatures);
        Assert.Equal(50, layer.OutFeatures);
    }

    [Fact]
    public void Same_generator_seed_gives_the_same_weights()
    {
        Tensor.ManualSeed(11);
        var a = new Dense(5, inputSize: 4);
        Tensor.ManualSeed(11);
        var b = new Dense(5, inputSize: 4);
        Assert.Equal(a.Weight!.Data, b.Weight!.Data);
        Assert.Equal(new Dense(5, inputSize: 4, random: new Random(2)).Weight!.Data, new Dense(5, inputSize: 4, random: new Random(2)).Weight!.Data);
    }

    [Fact]
    public void Flatten_keeps_the_batch_axis_and_the_value_order()
    {
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        var y = new Flatten().Call(x);
        Assert.Equal([2, 12], y.Shape);
        Assert.Equal(x.Data, y.Data);
    }

    [Fact]
    public void Activation_layers_apply_their_function()
    {
        var x = Tensor.FromArray(new float[] { -2, -0.5f, 0, 1.5f }).Reshape(1, 4);
        Assert.Equal([0f, 0f, 0f, 1.5f], new ReLU().Call(x).Data);
        Assert.Equal([-0.2f, -0.05f, 0f, 1.5f], new LeakyReLU(0.1f).Call(x).Data);
        Assert.Equal(Math.Exp(-2) - 1, new ELU().Call(x).Data[0], 5);
        Assert.Equal(1 / (1 + Math.Exp(0.5)), new Sigmoid().Call(x).Data[1], 5);
        Assert.Equal(Math.Tanh(1.5), new Tanh().Call(x).Data[3], 5);
        Assert.Equal(1.0, new Softmax().Call(x).Data.Sum(v => (double)v), 5);
        Assert.Equal(new ReLU().Call(x).Data, new Activation("ReLU").Call(x).Data);
        Assert.Equal([4], new Tanh().OutputShape([4])!);
    }
}
