using NotebookCourse.Layers;
using NotebookCourse.Optimizers;
using NotebookCourse.Serialization;
using NotebookCourse.Training;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>
/// A layer type is a one-file change: a layer written here, outside the library, registers, trains, saves
/// and loads with nothing else added anywhere (the layer owns its name, its config and its FromConfig).
/// </summary>
public sealed class RegisteredLayerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("registered-layer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>y = factor · x with one trainable factor, which starts at <paramref name="initial"/>.</summary>
    private sealed class TestOnlyScale : Layer, ILayerFromConfig<TestOnlyScale>
    {
        public TestOnlyScale(float initial = 1f)
        {
            Initial = initial;
            Factor = Tensor.Full([1], initial);
            Factor.RequiresGrad = true;
        }

        public float Initial { get; }

        public Tensor Factor { get; }

        public override LayerConfig Config => MakeConfig(("initial", Initial));

        public static TestOnlyScale FromConfig(LayerConfig config) => config.Named(new TestOnlyScale(config.Get("initial", 1f)));

        public override int[]? OutputShape(int[] inputShape) => (int[])inputShape.Clone();

        public override Tensor Forward(Tensor input) => input * Factor;
    }

    [Fact]
    public void A_layer_written_outside_the_library_registers_saves_and_loads()
    {
        Layer.Register<TestOnlyScale>();
        var (x, y) = Blobs();
        var model = new Sequential(new Dense(8, "relu", inputSize: 4, random: new Random(1)), new TestOnlyScale(0.5f), new Dense(3, "softmax", random: new Random(2)));
        model.Compile(new Adam(0.01f), "categorical_crossentropy");
        model.Fit(x, y, batchSize: 16, epochs: 2, seed: 1, verbose: 0);
        var path = Path.Combine(_folder, "scaled.safetensors");

        model.Save(path);
        var loaded = Sequential.Load(path);

        var scale = Assert.IsType<TestOnlyScale>(loaded[1]);
        Assert.Equal(0.5f, scale.Initial);
        Assert.Equal(model[1].LayerName, scale.LayerName);
        Assert.Equal(((TestOnlyScale)model[1]).Factor.Data, scale.Factor.Data); // trained, so no longer 0.5
        Assert.NotEqual(0.5f, scale.Factor.Item());
        Assert.Equal(model.Predict(x).Data, loaded.Predict(x).Data);
        Assert.Contains(nameof(TestOnlyScale), Layer.RegisteredTypeNames);
    }

    [Fact]
    public void Registering_a_second_type_under_a_taken_name_is_refused()
    {
        Layer.Register<Dense>(); // the same type again changes nothing
        var error = Assert.Throws<ArgumentException>(() => Layer.Register<Lookalike.Dense>());
        Assert.Contains("already stands for NotebookCourse.Layers.Dense", error.Message);
        Assert.Equal(typeof(Dense), Layer.RegisteredType("Dense"));
    }
}

/// <summary>A namespace holding a second class called Dense, which must not replace the library's.</summary>
internal static class Lookalike
{
    internal sealed class Dense : Layer, ILayerFromConfig<Dense>
    {
        public override LayerConfig Config => MakeConfig();

        public static Dense FromConfig(LayerConfig config) => new();

        public override int[]? OutputShape(int[] inputShape) => inputShape;

        public override Tensor Forward(Tensor input) => input;
    }
}
