using System.Text.Json;
using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Metrics;
using NotebookCourse.Optimizers;
using NotebookCourse.Serialization;
using NotebookCourse.Training;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>Whole-model and weights-only files give back exactly what was saved.</summary>
public sealed class ModelFileRoundTripTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelfile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public void A_trained_model_round_trips_bit_exactly_with_its_training_setup()
    {
        var (x, y) = Blobs();
        var model = CreateModel();
        model.Compile(new Adam(0.01f), "categorical_crossentropy", ["accuracy"]);
        model.Fit(x, y, batchSize: 16, epochs: 3, seed: 1, verbose: 0);
        var path = PathOf("model.safetensors");

        model.Save(path);
        var loaded = Sequential.Load(path);

        Assert.Equal(model.Layers.Select(l => l.Config.ToString()), loaded.Layers.Select(l => l.Config.ToString())); // type, name and arguments
        Assert.Equal(model.LayerName, loaded.LayerName);
        Assert.Equal(Bits(model), Bits(loaded));
        Assert.Equal(Bits(model.Predict(x)), Bits(loaded.Predict(x)));

        var saved = model.Compiled();
        var restored = loaded.Compiled();
        var adam = Assert.IsType<Adam>(restored.Optimizer);
        Assert.Equal(0.01f, adam.LearningRate);
        Assert.Equal(saved.Optimizer.Steps, adam.Steps);
        Assert.Equal(3 * 4, adam.Steps); // 60 samples in batches of 16: 4 steps per epoch
        Assert.Same(loaded.Parameters().First(), adam.Parameters[0]);
        Assert.Equal(saved.Optimizer.State().Select(s => (s.Key, Bits(s.Value))), adam.State().Select(s => (s.Key, Bits(s.Value))));
        Assert.IsType<CategoricalCrossEntropy>(restored.Loss);
        Assert.Equal(["accuracy"], restored.Metrics.Select(m => m.Name));
        Assert.Equal(model.Evaluate(x, y)["loss"], loaded.Evaluate(x, y)["loss"]);
    }

    [Fact]
    public void Every_library_layer_type_and_setting_survives_a_round_trip()
    {
        var model = new Sequential(
            new Flatten([2, 2]),
            new Dense(6, "tanh", init: Init.He, biasInit: new Ones(), random: new Random(3)),
            new LeakyReLU(0.1f),
            new Dropout(0.25f, seed: 5),
            new Dense(5, useBias: false, random: new Random(4)),
            new ELU(0.5f),
            new Tanh(),
            new Sigmoid(),
            new ReLU(),
            new Activation("elu"),
            new Linear(5, 4, random: new Random(6)),
            new Sequential(new Dense(3, random: new Random(8)), new Softmax(-1)) { LayerName = "head" });
        model.Compile(new SGD(0.05f, momentum: 0.9f), new BinaryCrossEntropy(fromLogits: true), [new BinaryAccuracy(0.25f), "mse"]);
        var path = PathOf("all-layers.safetensors");

        model.Save(path);
        var loaded = ModelFile.Load(path);

        Assert.Equal(model.Layers.Select(l => l.Config.ToString()), loaded.Layers.Select(l => l.Config.ToString()));
        var head = Assert.IsType<Sequential>(loaded[^1]);
        Assert.Equal("head", head.LayerName);
        Assert.Equal(((Sequential)model[^1]).Layers.Select(l => l.Config.ToString()), head.Layers.Select(l => l.Config.ToString()));
        Assert.Equal(Bits(model), Bits(loaded));
        var x = Tensor.RandomNormal([7, 2, 2], 0, 1, new Random(9));
        Assert.Equal(Bits(model.Predict(x)), Bits(loaded.Predict(x)));
        var setup = loaded.Compiled();
        var sgd = Assert.IsType<SGD>(setup.Optimizer);
        Assert.Equal((0.05f, 0.9f), (sgd.LearningRate, sgd.Momentum));
        Assert.True(Assert.IsType<BinaryCrossEntropy>(setup.Loss).FromLogits);
        Assert.Equal(0.25f, Assert.IsType<BinaryAccuracy>(setup.Metrics[0]).Threshold);
        Assert.IsType<MeanSquaredError>(Assert.IsType<LossMetric>(setup.Metrics[1]).Loss);
    }

    [Fact]
    public void An_uncompiled_model_loads_uncompiled()
    {
        var model = CreateModel();
        var path = PathOf("plain.safetensors");
        model.Save(path);
        var loaded = Sequential.Load(path);
        Assert.False(loaded.IsCompiled());
        Assert.Equal(Bits(model), Bits(loaded));
    }

    [Fact]
    public void Weights_round_trip_into_a_model_made_by_CreateModel()
    {
        var (x, y) = Blobs();
        var trained = CreateModel();
        trained.Compile("adam", "categorical_crossentropy", ["accuracy"]);
        trained.Fit(x, y, batchSize: 16, epochs: 2, seed: 3, verbose: 0);
        var path = PathOf("checkpoint.safetensors");

        trained.SaveWeights(path);
        var fresh = CreateModel();
        Assert.NotEqual(Bits(trained), Bits(fresh)); // training changed the weights, so the copy below is real
        fresh.LoadWeights(path);

        Assert.Equal(Bits(trained), Bits(fresh));
        Assert.Equal(Bits(trained.Predict(x)), Bits(fresh.Predict(x)));
    }

    [Fact]
    public void A_whole_model_file_also_serves_as_weights_for_LoadWeights()
    {
        var (x, y) = Blobs();
        var trained = CreateModel();
        trained.Compile("rmsprop", "categorical_crossentropy");
        trained.Fit(x, y, epochs: 1, seed: 2, verbose: 0);
        var path = PathOf("whole.safetensors");
        trained.Save(path);

        var fresh = CreateModel();
        fresh.LoadWeights(path); // the optimizer.* tensors are not parameters and are skipped
        Assert.Equal(Bits(trained), Bits(fresh));
    }

    [Fact]
    public void LoadWeights_reads_a_plain_safetensors_file_such_as_one_written_from_Python()
    {
        // What safetensors.numpy.save_file({"0.Weight": w, ...}) writes: tensors, no metadata of ours.
        var reference = CreateModel();
        var values = reference.NamedParameters().Select(p => new KeyValuePair<string, Tensor>(p.Key, p.Value * 2f)).ToList();
        var path = PathOf("from-python.safetensors");
        SafeTensorsFile.Write(path, values);

        var model = CreateModel();
        model.LoadWeights(path);

        Assert.Equal(values.Select(v => Bits(v.Value)), model.NamedParameters().Select(p => Bits(p.Value)));
        Assert.Contains("no \"format\" entry", Assert.Throws<ModelFileException>(() => Sequential.Load(path)).Message);
    }

    [Fact]
    public void Weights_of_a_custom_module_round_trip_although_the_whole_module_cannot_be_saved()
    {
        var model = new TwoLayerNet(new Random(11));
        var path = PathOf("custom.safetensors");

        var error = Assert.Throws<NotSupportedException>(() => model.Save(path));
        Assert.Contains("TwoLayerNet", error.Message);
        Assert.Contains("SaveWeights", error.Message);
        Assert.False(File.Exists(path));

        model.SaveWeights(path);
        var copy = new TwoLayerNet(new Random(12));
        copy.LoadWeights(path);
        Assert.Equal(Bits(model), Bits(copy));
        Assert.Equal(["Hidden.Weight", "Hidden.Bias", "Output.Weight", "Output.Bias"], SafeTensorsFile.Read(path).Tensors.Select(t => t.Key));
    }

    [Fact]
    public void The_file_follows_the_documented_layout()
    {
        var (x, y) = Blobs();
        var model = CreateModel();
        model.Compile(new Adam(0.01f), "categorical_crossentropy", ["accuracy"]);
        model.Fit(x, y, batchSize: 16, epochs: 1, seed: 1, verbose: 0);
        var path = PathOf("layout.safetensors");
        model.Save(path);

        // Read the header by hand, as the safetensors specification describes it.
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var root = header.RootElement;
        var metadata = root.GetProperty("__metadata__");
        Assert.All(metadata.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind)); // Python's safetensors requires str -> str
        Assert.Equal("notebookcourse.model", metadata.GetProperty("format").GetString());
        Assert.Equal("2", metadata.GetProperty("format_version").GetString());
        Assert.Matches("^[0-9a-f]{64}$", metadata.GetProperty("notebookcourse.file_sha256").GetString());
        using var architecture = JsonDocument.Parse(metadata.GetProperty("architecture").GetString()!);
        var layers = architecture.RootElement.GetProperty("arguments").GetProperty("layers");
        Assert.Equal("Sequential", architecture.RootElement.GetProperty("type").GetString());
        Assert.Equal(["Dense", "Dense"], layers.EnumerateArray().Select(l => l.GetProperty("type").GetString()));
        Assert.Equal(8, layers[0].GetProperty("arguments").GetProperty("units").GetInt32());
        Assert.Equal("softmax", layers[1].GetProperty("arguments").GetProperty("activation").GetString());
        using var training = JsonDocument.Parse(metadata.GetProperty("training").GetString()!);
        Assert.Equal("adam", training.RootElement.GetProperty("optimizer").GetProperty("name").GetString());
        Assert.Equal(0.01, training.RootElement.GetProperty("optimizer").GetProperty("arguments").GetProperty("learning_rate").GetDouble());

        var weight = root.GetProperty("0.Weight");
        Assert.Equal([4, 8], weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        var begin = weight.GetProperty("data_offsets")[0].GetInt32();
        Assert.Equal(model[0].NamedParameters().First().Value.Data[5], BitConverter.ToSingle(bytes, 8 + headerLength + begin + 5 * 4));
        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("optimizer.steps", names);
        Assert.Contains("optimizer.m.0.Weight", names);
        Assert.Contains("optimizer.v.1.Bias", names);

        var description = ModelFile.Describe(path);
        Assert.Contains("checksum: SHA-256 of the whole file, verified", description);
        Assert.Contains("\"type\": \"Dense\"", description);
        Assert.Contains("0.Weight", description);
        Assert.Contains("[4, 8]", description);
    }

    /// <summary>A PyTorch-style model written as a class: its code is not in any file.</summary>
    private sealed class TwoLayerNet(Random random) : Module
    {
        public Linear Hidden { get; } = new(4, 6, random: random);

        public Linear Output { get; } = new(6, 3, random: random);

        public override Tensor Forward(Tensor input) => Output.Call(Hidden.Call(input).Relu());
    }
}
