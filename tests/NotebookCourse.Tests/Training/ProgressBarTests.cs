using NotebookCourse.Layers;
using NotebookCourse.Optimizers;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

[Collection(nameof(FakeKernel))]
public class ProgressBarTests
{
    private static Sequential CompiledModel()
    {
        var model = new Sequential(new Dense(3, "softmax", inputSize: 4, random: new Random(2)));
        model.Compile(new SGD(0.1f), "categorical_crossentropy", ["accuracy"]);
        return model;
    }

    [Fact]
    public void Console_bar_redraws_one_line_per_epoch_with_a_full_bar_at_the_end()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(oneLinePerEpoch: false, output, display: null);

        CompiledModel().Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 2, epochs: 2, validationData: (ToyData.SoftmaxX, ToyData.SoftmaxY), callbacks: [bar]);

        var text = output.ToString();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains('\r', text);
        Assert.Contains("Epoch 1/2 0/4 [>", lines[0]);
        var last = lines[1].Split('\r')[^1];
        Assert.StartsWith("Epoch 2/2 4/4 [" + new string('=', TrainingProgress.BarWidth) + "]", last);
        Assert.Contains("- loss: ", last);
        Assert.Contains("- val_accuracy: ", last);
        Assert.Contains("elapsed", last);
        Assert.False(bar.InNotebook);
    }

    [Fact]
    public void One_line_per_epoch_mode_prints_only_finished_epochs()
    {
        var output = new StringWriter();

        CompiledModel().Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 2, epochs: 3, callbacks: [new ProgressBar(true, output, null)]);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.StartsWith("Epoch 3/3 4/4 [", lines[2]);
    }

    [Fact]
    public void In_a_notebook_one_display_per_fit_is_updated_in_place_through_every_epoch()
    {
        FakeKernel.Shown.Clear();
        var bar = new ProgressBar(false, null, NotebookDisplay.FromType(typeof(FakeKernel)));

        CompiledModel().Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 2, epochs: 3, callbacks: [bar]);

        Assert.True(bar.InNotebook);
        var show = Assert.Single(FakeKernel.Shown, s => s.Kind == "show");
        Assert.Equal(1, Assert.IsType<TrainingProgress>(show.Value).Epoch);
        var epochsSeen = FakeKernel.Shown.Select(s => Assert.IsType<TrainingProgress>(s.Value).Epoch).Distinct();
        Assert.Equal([1, 2, 3], epochsSeen);
        var (kind, value) = FakeKernel.Shown[^1];
        var final = Assert.IsType<TrainingProgress>(value);
        Assert.Equal("update", kind);
        Assert.Equal((3, 3, 4, 4), (final.Epoch, final.Epochs, final.Batch, final.Batches));
        Assert.True(final.Logs.ContainsKey("accuracy"));
        Assert.Equal(final.ToString(), value!.ToString());
    }
}
