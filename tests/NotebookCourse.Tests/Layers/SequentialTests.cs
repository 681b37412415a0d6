using NotebookCourse.Layers;

namespace NotebookCourse.Tests.Layers;

/// <summary>Keras-style stacks: parameter counts from COURSE.md, shapes, names and configs.</summary>
[Collection(GlobalGeneratorCollection.Name)]
public class SequentialTests
{
    [Fact]
    public void Mnist_softmax_regression_has_7850_parameters()
    {
        var model = new Sequential(new Dense(10, "softmax", inputSize: 784));
        Assert.Equal(7_850, model.ParameterCount);
        var dense = (Dense)model[0];
        Assert.Equal([784, 10], dense.Weight!.Shape);
        Assert.Equal([10], dense.Bias!.Shape);
    }

    [Fact]
    public void Xor_mlp_has_33_parameters()
        => Assert.Equal(33, new Sequential(new Dense(8, "relu", inputSize: 2), new Dense(1, "sigmoid")).ParameterCount);

    [Fact]
    public void Iris_mlp_has_131_parameters()
    {
        var model = new Sequential(new Dense(16, "relu", inputSize: 4), new Dense(3, "softmax"));
        Assert.Equal(131, model.ParameterCount);
    }

    [Fact]
    public void Flattened_mlp_784_64_32_10_has_52650_parameters()
    {
        var model = new Sequential(
            new Flatten([28, 28]), new Dense(64, "relu"), new Dropout(0.5f), new Dense(32, "relu"), new Dropout(0.5f), new Dense(10));
        Assert.Equal(52_650, model.ParameterCount);
    }

    [Fact]
    public void Layers_build_lazily_from_the_first_batch()
    {
        var model = new Sequential(new Dense(8, "relu"), new Dense(1, "sigmoid"));
        Assert.False(model.IsBuilt);
        Assert.Equal(0, model.ParameterCount);
        var y = model.Call(Tensor.Ones(4, 2));
        Assert.True(model.IsBuilt);
        Assert.Equal([4, 1], y.Shape);
        Assert.Equal(33, model.ParameterCount);
    }

    [Fact]
    public void With_a_known_input_shape_layers_are_built_as_they_are_added()
    {
        // So that an optimizer made from model.Parameters() right away sees every parameter.
        var model = new Sequential(new Dense(8, "relu", inputSize: 2));
        model.Add(new Dense(1, "sigmoid"));
        Assert.True(model.IsBuilt);
        Assert.Equal([8, 1], ((Dense)model[1]).Weight!.Shape);
    }

    [Fact]
    public void Build_makes_every_parameter_of_a_lazy_model()
    {
        var model = new Sequential(new Flatten(), new Dense(4), new Dense(2));
        model.Build([3, 5]);
        Assert.Equal(15 * 4 + 4 + 4 * 2 + 2, model.ParameterCount);
    }

    [Fact]
    public void Output_shapes_follow_the_layers()
    {
        var model = new Sequential(new Flatten(), new Dense(16, "relu"), new Dropout(0.2f), new Dense(3, "softmax"));
        Assert.Equal([3], model.OutputShape([2, 2])!);
        Assert.Equal([784], new Flatten().OutputShape([28, 28])!);
        Assert.Equal([16], model[1].OutputShape([4])!);
    }

    [Fact]
    public void Parameters_are_named_by_position()
    {
        var model = new Sequential(new Dense(3, inputSize: 2), new ReLU(), new Dense(1, inputSize: 3));
        Assert.Equal(["0.Weight", "0.Bias", "2.Weight", "2.Bias"], model.NamedParameters().Select(p => p.Key).ToArray());
    }

    [Fact]
    public void Layer_names_follow_keras_numbering()
    {
        var a = new Dense(1);
        var b = new Dense(1);
        Assert.StartsWith("dense", a.LayerName);
        Assert.NotEqual(a.LayerName, b.LayerName);
        Assert.Matches("^dense(_[0-9]+)?$", b.LayerName);
        Assert.Matches("^re_lu(_[0-9]+)?$", new ReLU().LayerName);
    }

    [Fact]
    public void Config_records_constructor_arguments()
    {
        var config = new Dense(10, "Softmax", inputSize: 784).Config;
        Assert.Equal("Dense", config.Type);
        Assert.Equal(10, config.Get("units", 0));
        Assert.Equal("softmax", config.Get("activation", ""));
        Assert.Equal(784, config.Get<int?>("input_size", null));
        Assert.Equal("glorot_uniform", config.Get("kernel_initializer", ""));
        Assert.Equal(0.5f, new Dropout(0.5f).Config.Get("rate", 0f));
    }

    [Fact]
    public void Configs_rebuild_the_same_architecture_after_a_json_round_trip()
    {
        var model = new Sequential(
            new Flatten([4, 4]), new Dense(8, "relu", init: Init.He), new Dropout(0.25f, seed: 3), new LeakyReLU(0.1f),
            new Dense(3, "softmax"), new Activation("tanh"), new Linear(3, 2, bias: false), new Softmax(), new ELU(0.5f), new Sigmoid(), new Tanh(), new ReLU());
        var json = System.Text.Json.JsonSerializer.Serialize(model.Config);
        var config = System.Text.Json.JsonSerializer.Deserialize<LayerConfig>(json)!;
        var rebuilt = (Sequential)Layer.Rebuild(config);

        Assert.Equal(model.Layers.Select(l => l.GetType()), rebuilt.Layers.Select(l => l.GetType()));
        Assert.Equal(model.Layers.Select(l => l.LayerName), rebuilt.Layers.Select(l => l.LayerName));
        Assert.Equal(model.NamedParameters().Select(p => (p.Key, Tensor.ShapeText(p.Value.Shape))),
            rebuilt.NamedParameters().Select(p => (p.Key, Tensor.ShapeText(p.Value.Shape))));
        Assert.Equal(model.ParameterCount, rebuilt.ParameterCount);
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(rebuilt.Config));

        rebuilt.LoadParameters(model.NamedParameters());
        model.Eval();
        rebuilt.Eval();
        var x = Tensor.RandomNormal([2, 4, 4], random: new Random(1));
        Assert.Equal(model.Call(x).Data, rebuilt.Call(x).Data);
    }

    [Fact]
    public void Unknown_layer_type_in_a_config_is_named()
        => Assert.Contains("Conv2D", Assert.ThrowsAny<ArgumentException>(() => Layer.Rebuild(new LayerConfig("Conv2D", new Dictionary<string, object?>()))).Message);

    [Fact]
    public void Eval_added_later_layers_follow_the_model_mode()
    {
        var model = new Sequential(new Dense(2, inputSize: 2));
        model.Eval();
        var drop = new Dropout(0.5f);
        model.Add(drop);
        Assert.False(drop.IsTraining);
    }

    [Fact]
    public void Empty_model_explains_itself()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Sequential().Call(Tensor.Ones(1, 1)));
        Assert.Contains("no layers", error.Message);
    }
}
