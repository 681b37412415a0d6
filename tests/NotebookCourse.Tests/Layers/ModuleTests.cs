using NotebookCourse.Layers;

namespace NotebookCourse.Tests.Layers;

/// <summary>The PyTorch-style module of handout 004 and the parameter bookkeeping that reflection does.</summary>
[Collection(GlobalGeneratorCollection.Name)]
public class ModuleTests
{
    /// <summary>The handout's 784-64-32-10 MLP with dropout 0.5, written as a learner would.</summary>
    private sealed class Mlp : Module
    {
        private readonly Linear fc1 = new(784, 64), fc2 = new(64, 32), fc3 = new(32, 10);
        private readonly Dropout drop = new(0.5f);

        public override Tensor Forward(Tensor x) => fc3.Call(drop.Call(fc2.Call(drop.Call(fc1.Call(x).Relu())).Relu()));
    }

    /// <summary>Handout 004's exact form: an nn.Sequential inside the module.</summary>
    private sealed class HandoutMlp : Module
    {
        private readonly Sequential layers = new(
            new Flatten(), new Linear(28 * 28 * 1, 64), new Dropout(0.5f), new ReLU(),
            new Linear(64, 32), new Dropout(0.5f), new ReLU(), new Linear(32, 10));

        public override Tensor Forward(Tensor x) => layers.Call(x);
    }

    /// <summary>A module that keeps its own parameter tensors and a list of sub-modules.</summary>
    private sealed class Custom : Module
    {
        public Tensor Scale { get; } = new([1f, 1f, 1f], [3], requiresGrad: true);
        private readonly Tensor _notAParameter = Tensor.Zeros(3);
        public List<Linear> Blocks { get; } = [new Linear(3, 3), new Linear(3, 3)];

        public override Tensor Forward(Tensor x)
        {
            foreach (var b in Blocks) x = b.Call(x);
            return x * Scale + _notAParameter;
        }
    }

    [Fact]
    public void Field_initialised_submodules_of_the_handout_mlp_are_found()
    {
        var model = new Mlp();
        var names = model.NamedParameters().Select(p => p.Key).ToArray();
        Assert.Equal(["fc1.Weight", "fc1.Bias", "fc2.Weight", "fc2.Bias", "fc3.Weight", "fc3.Bias"], names);
        Assert.Equal(["fc1", "fc2", "fc3", "drop"], model.Children().Select(c => c.Key).ToArray());
    }

    [Fact]
    public void Handout_mlp_has_52650_parameters()
    {
        // (784·64 + 64) + (64·32 + 32) + (32·10 + 10), COURSE.md section 09.
        Assert.Equal(784 * 64 + 64 + 64 * 32 + 32 + 32 * 10 + 10, new Mlp().ParameterCount);
        Assert.Equal(52_650, new Mlp().ParameterCount);
    }

    [Fact]
    public void Handout_mlp_forward_gives_ten_scores_per_row_and_backward_reaches_every_parameter()
    {
        Tensor.ManualSeed(7);
        var model = new Mlp();
        var x = Tensor.RandomNormal([5, 784]);
        var y = model.Call(x);
        Assert.Equal([5, 10], y.Shape);
        y.Square().Mean().Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
    }

    [Fact]
    public void Handout_sequential_form_trains_with_cross_entropy_loss_and_adam()
    {
        Tensor.ManualSeed(3);
        var mlp = new HandoutMlp();
        Assert.Equal(52_650, mlp.ParameterCount);
        Assert.StartsWith("layers.1.", mlp.NamedParameters().First().Key);
        var criterion = new NotebookCourse.Losses.CrossEntropyLoss();
        var optimizer = new NotebookCourse.Optimizers.Adam(mlp.Parameters(), 1e-3f);
        var inputs = Tensor.RandomUniform([8, 28, 28]);
        var targets = Tensor.FromArray(new float[] { 0, 1, 2, 3, 4, 5, 6, 7 });
        float EvalLoss()
        {
            mlp.Eval();
            using var _ = Tensor.NoGrad();
            var value = criterion.Call(mlp.Call(inputs), targets).Item();
            mlp.Train();
            return value;
        }
        var before = EvalLoss();
        for (var step = 0; step < 100; step++)
        {
            optimizer.ZeroGrad();
            var outputs = mlp.Call(inputs);
            var loss = criterion.Call(outputs, targets);
            loss.Backward();
            optimizer.Step();
        }
        var after = EvalLoss();
        // Ten classes start near ln 10 ≈ 2.3; a hundred steps on eight samples must fit them clearly better.
        Assert.InRange(before, 1.8, 2.8);
        Assert.True(after < before * 0.7f, $"loss went from {before} to {after}");
    }

    [Fact]
    public void Load_parameters_copies_values_by_name_and_checks_shapes()
    {
        var source = new Mlp();
        var target = new Mlp();
        target.LoadParameters(source.NamedParameters());
        Assert.All(source.NamedParameters().Zip(target.NamedParameters()), pair => Assert.Equal(pair.First.Value.Data, pair.Second.Value.Data));
        Assert.NotSame(source.Parameters().First(), target.Parameters().First());

        var wrong = source.NamedParameters().Select(p => p.Key == "fc3.Bias" ? new KeyValuePair<string, Tensor>(p.Key, Tensor.Zeros(11)) : p);
        Assert.Contains("fc3.Bias", Assert.Throws<ArgumentException>(() => target.LoadParameters(wrong)).Message);
        Assert.Contains("fc2.Weight", Assert.Throws<ArgumentException>(() => target.LoadParameters(source.NamedParameters().Where(p => p.Key != "fc2.Weight"))).Message);
    }

    [Fact]
    public void Eval_and_train_reach_nested_modules()
    {
        var model = new Mlp();
        model.Eval();
        Assert.All(model.Children(), c => Assert.False(c.Value.IsTraining));
        model.Train();
        Assert.All(model.Children(), c => Assert.True(c.Value.IsTraining));
    }

    [Fact]
    public void In_eval_mode_the_handout_mlp_is_deterministic()
    {
        var model = new Mlp();
        model.Eval();
        var x = Tensor.RandomNormal([3, 784], random: new Random(1));
        Assert.Equal(model.Call(x).Data, model.Call(x).Data);
    }

    [Fact]
    public void Properties_lists_and_plain_tensors_are_told_apart()
    {
        var model = new Custom();
        var names = model.NamedParameters().Select(p => p.Key).ToArray();
        Assert.Equal(["Scale", "Blocks.0.Weight", "Blocks.0.Bias", "Blocks.1.Weight", "Blocks.1.Bias"], names);
        Assert.Equal(3 + 2 * (9 + 3), model.ParameterCount);
    }

    /// <summary>A module that keeps its last hidden activations for a chart, as learners do.</summary>
    private sealed class Recorder : Module
    {
        private readonly Linear _layer = new(2, 2);

        public Tensor? LastHidden { get; private set; }

        public override Tensor Forward(Tensor x) => LastHidden = _layer.Call(x).Tanh();
    }

    [Fact]
    public void Stored_intermediate_results_are_not_parameters()
    {
        var model = new Recorder();
        model.Call(Tensor.Ones(1, 2));
        Assert.NotNull(model.LastHidden);
        Assert.True(model.LastHidden!.RequiresGrad);
        Assert.Equal(["_layer.Weight", "_layer.Bias"], model.NamedParameters().Select(p => p.Key).ToArray());
    }

    [Fact]
    public void ToString_prints_the_module_tree_like_pytorch()
    {
        var lines = new Mlp().ToString().Split('\n');
        Assert.Equal("Mlp(", lines[0]);
        Assert.StartsWith("  (fc1): Linear(in_features: 784, out_features: 64, bias: true", lines[1]);
        Assert.Equal("  (drop): Dropout(rate: 0.5, seed: null)", lines[4]);
        Assert.Equal(")", lines[^1]);
        Assert.Contains("    (1): Linear(in_features: 784", new HandoutMlp().ToString());
    }

    [Fact]
    public void Gradient_norms_are_the_root_sum_of_squares_per_weight()
    {
        var model = new Custom();
        model.Call(Tensor.Ones(2, 3)).Sum().Backward();
        var norms = model.GradientNorms();
        Assert.Equal(["Blocks.0.Weight", "Blocks.1.Weight"], norms.Select(n => n.Name).ToArray());
        var grad = model.Blocks[1].Weight!.Grad!.Data;
        Assert.Equal(Math.Sqrt(grad.Sum(v => (double)v * v)), norms[1].Norm, 5);
        Assert.Equal(5, model.GradientNorms(weightsOnly: false).Count);
    }

    [Fact]
    public void ZeroGrad_clears_every_parameter_gradient()
    {
        var model = new Custom();
        model.Call(Tensor.Ones(2, 3)).Sum().Backward();
        Assert.Contains(model.Parameters(), p => p.Grad!.Data.Any(v => v != 0));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.All(p.Grad!.Data, v => Assert.Equal(0f, v)));
    }
}
