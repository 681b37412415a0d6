using NotebookCourse.Layers;

namespace NotebookCourse.Tests.Layers;

/// <summary>Inverted dropout: zero with probability rate while training, scale the rest, identity in eval.</summary>
[Collection(GlobalGeneratorCollection.Name)]
public class DropoutTests
{
    [Fact]
    public void In_eval_mode_dropout_is_the_identity()
    {
        var drop = new Dropout(0.5f, seed: 1);
        drop.Eval();
        var x = Tensor.RandomNormal([10, 10], random: new Random(1));
        Assert.Same(x, drop.Call(x));
    }

    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.8f)]
    public void Training_drops_about_rate_and_keeps_the_mean(float rate)
    {
        var drop = new Dropout(rate, seed: 42);
        var y = drop.Call(Tensor.Ones(200, 500));
        var zeros = y.Data.Count(v => v == 0f) / (double)y.Size;
        // 100,000 Bernoulli draws: the standard error of the fraction is below 0.0016.
        Assert.InRange(zeros, rate - 0.01, rate + 0.01);
        Assert.InRange(y.Data.Average(v => (double)v), 0.97, 1.03);
        Assert.All(y.Data, v => Assert.True(v == 0f || Math.Abs(v - 1 / (1 - rate)) < 1e-5, $"kept value {v} is not 1/(1 − rate)"));
    }

    [Fact]
    public void Gradient_flows_only_through_kept_values_scaled()
    {
        var drop = new Dropout(0.5f, seed: 3);
        var x = Tensor.Ones([4, 8]);
        x.RequiresGrad = true;
        var y = drop.Call(x);
        y.Sum().Backward();
        for (var i = 0; i < x.Size; i++) Assert.Equal(y.Data[i] == 0f ? 0f : 2f, x.Grad!.Data[i]);
    }

    [Fact]
    public void Same_seed_gives_the_same_mask()
        => Assert.Equal(new Dropout(0.3f, seed: 9).Call(Tensor.Ones(5, 5)).Data, new Dropout(0.3f, seed: 9).Call(Tensor.Ones(5, 5)).Data);

    [Fact]
    public void Rate_outside_zero_to_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Ones(3).Dropout(float.NaN));
    }

    [Fact]
    public void The_tensor_operation_is_what_the_layer_computes_and_its_gradient_is_the_mask()
    {
        var x = Tensor.RandomNormal([6, 7], random: new Random(2), requiresGrad: true);
        var byLayer = new Dropout(0.4f, seed: 5).Call(x);
        var byOperation = x.Dropout(0.4f, new Random(5));
        Assert.Equal(byLayer.Data, byOperation.Data);
        Assert.Equal("dropout", byOperation.Operation);

        var g = Tensor.RandomNormal([6, 7], random: new Random(3));
        byOperation.Backward(g);
        for (var i = 0; i < x.Size; i++)
        {
            var mask = byOperation.Data[i] == 0f ? 0f : 1f / 0.6f;
            Assert.Equal(g.Data[i] * mask, x.Grad!.Data[i], 6);
        }
        Assert.Same(x, x.Dropout(0f));
    }
}
