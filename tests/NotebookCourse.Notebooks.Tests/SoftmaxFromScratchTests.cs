namespace NotebookCourse.Notebooks.Tests;

/// <summary>03-softmax-classifier-from-scratch: the 8 x 4 toy data set at three levels.</summary>
public sealed class SoftmaxFromScratchTests(SoftmaxFromScratchRun run) : IClassFixture<SoftmaxFromScratchRun>
{
    private static readonly double[] HandoutPredictions = [2, 2, 2, 1, 1, 1, 0, 0];

    private CourseNotebook Notebook => run.Notebook;

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void Toy_data_is_learned_with_accuracy_1()
        => Assert.Equal(1.0, Notebook.NumberAfter("accuracy = "));

    [Fact]
    public void Toy_predictions_are_the_handouts_2_2_2_1_1_1_0_0()
        => Assert.Equal(HandoutPredictions, Notebook.ListAfter("predicted classes = "));

    [Fact]
    public void Final_loss_is_near_the_handouts_0139()
    {
        // The handout ends at 0.139 from its own random start; ours starts elsewhere.
        Assert.InRange(Notebook.NumberAfter("final loss = "), 0.05, 0.25);
    }

    [Fact]
    public void Loss_is_printed_every_100_steps_and_falls()
    {
        var lines = Notebook.LinesStartingWith("step ");
        Assert.Equal(21, lines.Count);
        var losses = lines.Select(l => CourseNotebook.Numbers(l)[1]).ToArray();
        Assert.True(losses[^1] < losses[0] / 10, $"loss did not fall: {losses[0]} -> {losses[^1]}");
    }

    [Fact]
    public void Each_test_row_alone_gets_the_handouts_class()
    {
        var outputs = Notebook.LinesStartingWith("input: ").Select(l => CourseNotebook.Numbers(l[l.IndexOf("output", StringComparison.Ordinal)..])[0]);
        Assert.Equal(HandoutPredictions, outputs);
    }

    [Fact]
    public void Module_level_and_sequential_level_predict_the_same_classes()
    {
        Assert.Equal(HandoutPredictions, Notebook.ListAfter("module + optimizer: "));
        Assert.Equal(HandoutPredictions, Notebook.ListAfter("Sequential + Fit: "));
    }

    [Fact]
    public void The_zig_zag_at_the_handouts_learning_rate_is_counted_and_dies_out_before_the_end()
    {
        var numbers = CourseNotebook.Numbers(Notebook.ValueAfter("the loss rose at "));
        var (rises, steps, lastRise) = (numbers[0], numbers[1], numbers[^1]);
        Assert.Equal(2000, steps);
        Assert.InRange(rises, 1, steps - 1);
        Assert.InRange(lastRise, 1, steps - 1);
    }

    [Fact]
    public void Decision_region_models_report_accuracy_on_held_out_flowers()
    {
        foreach (var label in new[] { "linear softmax: ", "one hidden layer: " })
        {
            var accuracies = CourseNotebook.Numbers(Notebook.ValueAfter(label));
            Assert.InRange(accuracies[^1], 0.85, 1.0);   // test accuracy, printed last
        }
    }

    [Fact]
    public void All_three_levels_start_from_different_losses_and_end_with_the_same_predictions()
    {
        var levels = new[] { "1. raw tensors + autograd", "2. module + optimizer loop", "3. Sequential + Compile/Fit" }
            .Select(l => CourseNotebook.Numbers(Notebook.ValueAfter(l))).ToList();
        Assert.Equal(3, levels.Select(n => n[0]).Distinct().Count());
        Assert.All(levels, n => Assert.Equal(1.0, n[2]));
    }
}
