namespace NotebookCourse.Tests.Tensors;

/// <summary>Corner cases of the autograd engine and the course's chain-rule reference figures.</summary>
[Collection(Layers.GlobalGeneratorCollection.Name)] // ManualSeed touches the shared generator
public class AutogradTests
{
    [Fact]
    public void A_node_used_twice_receives_both_contributions()
    {
        var x = Tensor.Scalar(3f, requiresGrad: true);
        var y = x * x + x; // dy/dx = 2x + 1
        y.Backward();
        Assert.Equal(7f, x.Grad!.Item());
    }

    [Fact]
    public void A_chain_of_100000_operations_backpropagates_without_overflowing_the_stack()
    {
        var x = Tensor.Scalar(1f, requiresGrad: true);
        var y = x;
        for (var i = 0; i < 100_000; i++) y = y + 0f;
        y = y * 2f;
        y.Backward();
        Assert.Equal(2f, x.Grad!.Item());
    }

    [Fact]
    public void Calling_backward_twice_adds_the_same_gradient_to_the_leaves_again()
    {
        var w = Tensor.FromArray(new[] { 1f, -2f }, requiresGrad: true);
        var loss = (w * w * 3f).Sum(); // d/dw = 6w
        loss.Backward();
        Assert.Equal(new[] { 6f, -12f }, w.Grad!.Data);
        loss.Backward();
        Assert.Equal(new[] { 12f, -24f }, w.Grad!.Data);
    }

    [Fact]
    public void Gradients_accumulate_until_zeroed()
    {
        var w = Tensor.Scalar(2f, requiresGrad: true);
        (w * 5f).Backward();
        (w * 5f).Backward();
        Assert.Equal(10f, w.Grad!.Item());
        w.ZeroGrad();
        Assert.Equal(0f, w.Grad!.Item());
    }

    [Fact]
    public void NoGrad_records_no_graph_and_restores_afterwards()
    {
        var w = Tensor.Scalar(2f, requiresGrad: true);
        Tensor inside;
        using (Tensor.NoGrad())
        {
            Assert.False(Tensor.IsGradEnabled);
            inside = w * 3f;
        }
        Assert.True(Tensor.IsGradEnabled);
        Assert.False(inside.RequiresGrad);
        Assert.Empty(inside.Parents);
        Assert.Throws<InvalidOperationException>(() => inside.Backward());
        Assert.True((w * 3f).RequiresGrad);
    }

    [Fact]
    public void Detach_cuts_the_graph()
    {
        var w = Tensor.Scalar(2f, requiresGrad: true);
        var y = w * w.Detach(); // only the first factor carries a gradient: dy/dw = w
        y.Backward();
        Assert.Equal(2f, w.Grad!.Item());
    }

    [Fact]
    public void Backward_on_a_non_scalar_explains_what_to_do()
    {
        var w = Tensor.Ones(2, 2);
        w.RequiresGrad = true;
        var error = Assert.Throws<InvalidOperationException>(() => (w * 2f).Backward());
        Assert.Contains("[2, 2]", error.Message);
        Assert.Contains("Sum()", error.Message);
    }

    [Fact]
    public void Chain_rule_example_f_equals_w_times_x_plus_b()
    {
        // COURSE.md 07: f = g + b, g = w·x with w = -2, x = 5, b = 3.
        var w = Tensor.Scalar(-2f, true);
        var x = Tensor.Scalar(5f, true);
        var b = Tensor.Scalar(3f, true);
        var g = w * x;
        var f = g + b;
        f.Backward();
        Assert.Equal(5f, w.Grad!.Item());
        Assert.Equal(-2f, x.Grad!.Item());
        Assert.Equal(1f, b.Grad!.Item());
        Assert.Equal(-7f, f.Item());
    }

    [Fact]
    public void Partial_derivatives_of_the_backpropagation_handout_examples()
    {
        // COURSE.md 08: f = x² + xy + a -> df/dx = 2x + y; z = (x + y)² -> dz/dx = 2(x + y).
        var x = Tensor.Scalar(3f, true);
        var y = Tensor.Scalar(-4f, true);
        (x * x + x * y + 7f).Backward();
        Assert.Equal(2 * 3f - 4f, x.Grad!.Item());
        x.ZeroGrad();
        (x + y).Pow(2).Backward();
        Assert.Equal(2 * (3f - 4f), x.Grad!.Item());
    }

    [Fact]
    public void Minimising_w_squared_plus_10w_plus_25_with_sgd_reaches_minus_5()
    {
        // COURSE.md 00: lr 0.01, 1000 steps from w = 0; the handout reports -4.9999886 in float32.
        var w = Tensor.Scalar(0f, requiresGrad: true);
        for (var step = 0; step < 1000; step++)
        {
            var cost = w * w + 10f * w + 25f;
            w.ZeroGrad();
            cost.Backward();
            using (Tensor.NoGrad()) w.Data[0] -= 0.01f * w.Grad!.Item();
        }
        Assert.Equal(-5.0, w.Item(), 1e-4);
        // The exact iteration w <- w - 0.01 (2w + 10) = 0.98 w - 0.1 gives -5 (1 - 0.98^1000).
        Assert.Equal(-5 * (1 - Math.Pow(0.98, 1000)), w.Item(), 5e-5); // float32 rounding over 1000 steps
    }

    [Fact]
    public void Same_seed_gives_the_same_random_tensors()
    {
        Tensor.ManualSeed(42);
        var a = Tensor.RandomNormal([3, 4]);
        Tensor.ManualSeed(42);
        var b = Tensor.RandomNormal([3, 4]);
        Assert.Equal(a.Data, b.Data);
        Assert.Equal(Tensor.RandomUniform([5], random: new Random(1)).Data, Tensor.RandomUniform([5], random: new Random(1)).Data);
    }
}
