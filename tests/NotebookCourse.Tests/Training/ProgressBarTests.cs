using NotebookCourse.Layers;
using NotebookCourse.Optimizers;
using NotebookCourse.Presentation;
using NotebookCourse.Tests.Presentation;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

[Collection(nameof(FakeInteractive))]
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
        var context = FakeInteractive.KernelInvocationContext.Current = new();
        var bar = new ProgressBar(false, null, NotebookDisplay.Find([typeof(FakeInteractive).Assembly, typeof(Microsoft.DotNet.Interactive.Formatting.FormattedValue).Assembly], FakeInteractive.Names));
        FakeInteractive.KernelInvocationContext.Current = null;

        CompiledModel().Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 2, epochs: 3, callbacks: [bar]);

        Assert.True(bar.InNotebook);
        var produced = Assert.Single(context.Published.OfType<FakeInteractive.DisplayedValueProduced>());
        Assert.Equal(1, Assert.IsType<TrainingProgress>(produced.Value).Epoch);
        var updates = context.Published.OfType<FakeInteractive.DisplayedValueUpdated>().ToList();
        Assert.All(updates, u => Assert.Equal(produced.ValueId, u.ValueId));
        var epochsSeen = updates.Select(u => Assert.IsType<TrainingProgress>(u.Value).Epoch).Distinct();
        Assert.Equal([1, 2, 3], epochsSeen);
        var final = Assert.IsType<TrainingProgress>(updates[^1].Value);
        Assert.Equal((3, 3, 4, 4), (final.Epoch, final.Epochs, final.Batch, final.Batches));
        Assert.True(final.Logs.ContainsKey("accuracy"));
        Assert.Contains(updates[^1].FormattedValues, v => v.MimeType == "text/plain" && v.Value == final.ToString());
    }
}
