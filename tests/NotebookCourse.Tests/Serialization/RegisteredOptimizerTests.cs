using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Metrics;
using NotebookCourse.Optimizers;
using NotebookCourse.Serialization;
using NotebookCourse.Training;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>
/// Optimizers, losses and metrics each own their name and config round trip: the library's rebuild from
/// their configs exactly, and an optimizer written here, outside the library, is one file.
/// </summary>
public sealed class RegisteredOptimizerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("registered-optimizer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>signSGD: p ← p − lr·sign(g), with its own name, default and config.</summary>
    private sealed class TestOnlySignSgd(float learningRate = TestOnlySignSgd.DefaultLearningRate) : Optimizer(null, learningRate), IOptimizerFromConfig<TestOnlySignSgd>
    {
        public const float DefaultLearningRate = 0.005f;

        public static string KerasName => "test_only_sign_sgd";

        public override string Name => KerasName;

        public override OptimizerConfig Config => new(Name, new Dictionary<string, double> { ["learning_rate"] = LearningRate });

        public static TestOnlySignSgd FromConfig(OptimizerConfig config) => new(config.Get("learning_rate", DefaultLearningRate));

        protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
        {
            for (var i = 0; i < parameter.Length; i++) parameter[i] -= LearningRate * MathF.Sign(gradient[i]);
        }
    }

    [Fact]
    public void An_optimizer_written_outside_the_library_registers_compiles_by_name_saves_and_loads()
    {
        Optimizer.Register<TestOnlySignSgd>();
        var (x, y) = Blobs();
        var model = CreateModel();
        model.Compile("test_only_sign_sgd", "categorical_crossentropy", ["accuracy"]);
        model.Compiled().Optimizer.LearningRate = 0.02f;
        model.Fit(x, y, batchSize: 16, epochs: 2, seed: 1, verbose: 0);
        var path = Path.Combine(_folder, "sign-sgd.safetensors");

        model.Save(path);
        var loaded = Sequential.Load(path);

        var optimizer = Assert.IsType<TestOnlySignSgd>(loaded.Compiled().Optimizer);
        Assert.Equal(0.02f, optimizer.LearningRate);
        Assert.Equal(model.Compiled().Optimizer.Steps, optimizer.Steps);
        Assert.Contains("test_only_sign_sgd", Optimizer.RegisteredNames);
    }

    [Fact]
    public void An_optimizer_by_name_has_the_defaults_of_its_constructor()
    {
        Assert.Equal(new SGD().Config.Arguments, Optimizer.FromName("sgd").Config.Arguments);
        Assert.Equal(new Adam().Config.Arguments, Optimizer.FromName("adam").Config.Arguments);
        Assert.Equal(new RMSprop().Config.Arguments, Optimizer.FromName("rmsprop").Config.Arguments);
    }

    public static TheoryData<Loss> Losses => [new MeanSquaredError(), new BinaryCrossEntropy(), new BinaryCrossEntropy(fromLogits: true),
        new CategoricalCrossEntropy(), new CategoricalCrossEntropy(fromLogits: true), new SparseCategoricalCrossEntropy(fromLogits: true), new CrossEntropyLoss()];

    [Theory]
    [MemberData(nameof(Losses))]
    public void Every_loss_rebuilds_from_its_config(Loss loss)
    {
        var rebuilt = Loss.Rebuild(loss.Config);
        Assert.IsType(loss.GetType(), rebuilt);
        Assert.Equal(loss.Config, rebuilt.Config);
    }

    public static TheoryData<Metric> Metrics => [new Accuracy(), new Accuracy("sparse_categorical_accuracy"), new BinaryAccuracy(0.3f),
        new LossMetric(new MeanSquaredError()), new LossMetric(new CategoricalCrossEntropy(fromLogits: true))];

    [Theory]
    [MemberData(nameof(Metrics))]
    public void Every_metric_rebuilds_from_its_config(Metric metric)
    {
        var rebuilt = Metric.Rebuild(metric.Config);
        Assert.IsType(metric.GetType(), rebuilt);
        Assert.Equal(metric.Name, rebuilt.Name);
        Assert.Equal(metric.Config.Arguments, rebuilt.Config.Arguments);
    }

    /// <summary>An optimizer of another type that claims the library's name "adam".</summary>
    private sealed class TestOnlyImpostor() : Optimizer(null, 0.1f), IOptimizerFromConfig<TestOnlyImpostor>
    {
        public static string KerasName => "Adam";

        public override string Name => KerasName;

        public override OptimizerConfig Config => new(Name, new Dictionary<string, double>());

        public static TestOnlyImpostor FromConfig(OptimizerConfig config) => new();

        protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
        {
        }
    }

    [Fact]
    public void Registering_an_optimizer_under_a_name_in_use_in_another_case_fails_and_keeps_the_first()
    {
        var error = Assert.Throws<ArgumentException>(() => Optimizer.Register<TestOnlyImpostor>());

        Assert.Contains("already stands for NotebookCourse.Optimizers.Adam", error.Message);
        Assert.IsType<Adam>(Optimizer.FromName(" ADAM "));
    }
}
