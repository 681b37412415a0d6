using NotebookCourse.Layers;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

/// <summary>Parameter counts against the figures Keras prints for the course's models (COURSE.md).</summary>
public class SummaryTests
{
    [Fact]
    public void Mnist_softmax_regression_has_7850_parameters()
    {
        var model = new Sequential(new Dense(10, "softmax", inputSize: 784));

        var summary = model.Summary();

        Assert.Equal(7850, summary.TotalParameters);
        Assert.Equal(7850, summary.TrainableParameters);
        Assert.Equal("(None, 10)", Assert.Single(summary.Rows).OutputShape);
        Assert.Contains("Total params: 7,850", summary.ToString());
    }

    [Fact]
    public void Xor_mlp_has_24_plus_9_parameters()
    {
        var model = new Sequential(new Dense(8, "relu", inputSize: 2), new Dense(1, "sigmoid"));

        var summary = model.Summary();

        Assert.Equal([24L, 9L], summary.Rows.Select(r => r.Parameters));
        Assert.Equal(["(None, 8)", "(None, 1)"], summary.Rows.Select(r => r.OutputShape));
        Assert.Equal(33, summary.TotalParameters);
    }

    [Fact]
    public void Iris_network_has_80_plus_51_parameters()
    {
        var model = new Sequential(new Dense(16, "relu", inputSize: 4), new Dense(3, "softmax"));

        var summary = model.Summary();

        Assert.Equal([80L, 51L], summary.Rows.Select(r => r.Parameters));
        Assert.Equal(131, summary.TotalParameters);
    }

    [Fact]
    public void Mlp_784_64_32_10_with_dropout_has_52650_parameters()
    {
        var model = new Sequential(
            new Dense(64, "relu", inputSize: 784), new Dropout(0.5f),
            new Dense(32, "relu"), new Dropout(0.5f),
            new Dense(10));

        var summary = model.Summary();

        Assert.Equal([50240L, 0L, 2080L, 0L, 330L], summary.Rows.Select(r => r.Parameters));
        Assert.Equal(52650, summary.TotalParameters);
        Assert.Contains("Total params: 52,650", summary.ToString());
    }

    [Fact]
    public void Flatten_first_layer_shows_the_flattened_shape()
    {
        var model = new Sequential(new Flatten(inputShape: [28, 28]), new Dense(10, "softmax"));

        var summary = model.Summary();

        Assert.Equal(["(None, 784)", "(None, 10)"], summary.Rows.Select(r => r.OutputShape));
        Assert.Equal(7850, summary.TotalParameters);
    }

    [Fact]
    public void Input_shape_can_be_given_to_Summary_when_the_first_layer_lacks_it()
    {
        var model = new Sequential(new Dense(10, "softmax"));

        Assert.NotNull(model.Summary().Note);
        Assert.Equal(7850, model.Summary(784).TotalParameters);
    }

    [Fact]
    public void Table_lists_each_layer_with_name_type_shape_and_count()
    {
        var dense = new Dense(3, inputSize: 4);
        var text = new Sequential(dense).Summary().ToString();

        Assert.Contains($"{dense.LayerName} (Dense)", text);
        Assert.Contains("(None, 3)", text);
        Assert.Contains("Trainable params: 15", text);
        Assert.Contains("Non-trainable params: 0", text);
    }

    private sealed class TwoLayerNet : Module
    {
        public Linear Hidden { get; } = new(4, 5);
        public Linear Output { get; } = new(5, 2);
        public Tensor Scale { get; } = Tensor.Ones(2);

        public TwoLayerNet() => Scale.RequiresGrad = true;

        public override Tensor Forward(Tensor input) => Output.Call(Hidden.Call(input).Relu()) * Scale;
    }

    [Fact]
    public void A_custom_module_lists_its_children_and_own_parameters()
    {
        var summary = new TwoLayerNet().Summary();

        Assert.Equal([25L, 12L, 2L], summary.Rows.Select(r => r.Parameters));
        Assert.Equal(39, summary.TotalParameters);
    }

    [Fact]
    public void A_single_layer_as_the_whole_model_is_one_row()
    {
        var summary = new Dense(10, inputSize: 784).Summary();

        var row = Assert.Single(summary.Rows);
        Assert.Equal(("(None, 10)", 7850L), (row.OutputShape, row.Parameters));
    }
}
