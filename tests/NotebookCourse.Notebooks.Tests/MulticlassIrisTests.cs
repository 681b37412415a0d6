namespace NotebookCourse.Notebooks.Tests;

/// <summary>Notebook 10, run with its defaults (the handout's 50 epochs of one flower).</summary>
public sealed class MulticlassIrisRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = TestRuns.Notebook("10-multiclass-classification-iris.ipynb");
}

/// <summary>10-multiclass-classification-iris: the handout's Iris model and the better recipe on held-out flowers.</summary>
public sealed class MulticlassIrisTests(MulticlassIrisRun run) : IClassFixture<MulticlassIrisRun>
{
    private CourseNotebook Notebook => run.Notebook;

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void Handout_model_has_80_plus_51_parameters()
    {
        // Dense(16) on 4 inputs: 4·16 + 16; Dense(3) on 16: 16·3 + 3.
        Assert.Equal(4 * 16 + 16 + 16 * 3 + 3, Notebook.NumberAfter("parameters = "));
        Assert.Equal(131, Notebook.NumberAfter("parameters = "));
    }

    [Fact]
    public void Label_encoder_counts_from_zero_and_the_first_flower_is_read_correctly()
    {
        Assert.Equal([0.0, 1.0, 2.0], Notebook.ListAfter("encoded labels of rows 0, 50, 100 = "));
        Assert.StartsWith("5.1, 3.5, 1.4, 0.2, setosa", Notebook.ValueAfter("row 0 = "), StringComparison.Ordinal);
    }

    [Fact]
    public void Better_model_reaches_at_least_90_percent_on_held_out_flowers()
        => Assert.InRange(Notebook.NumberAfter("held-out accuracy (cross-entropy + Adam) = "), 0.9, 1.0);

    [Fact]
    public void Handout_model_learns_its_training_flowers()
        => Assert.InRange(Notebook.NumberAfter("Accuracy on the training data: "), 0.8, 1.0);

    [Fact]
    public void Memoriser_is_perfect_on_its_training_flowers_only()
    {
        var accuracies = CourseNotebook.Numbers(Notebook.ValueAfter("memoriser: accuracy on its training flowers = "));
        Assert.Equal(1.0, accuracies[0]);
        Assert.InRange(accuracies[1], 0.8, 1.0);
    }

    [Fact]
    public void Cross_entropy_pushes_a_confidently_wrong_prediction_harder_than_mse()
    {
        var crossEntropy = Notebook.ListAfter("cross-entropy: gradient w.r.t. the logits = ");
        var mse = Notebook.ListAfter("MSE:           gradient w.r.t. the logits = ");
        Assert.True(Math.Abs(crossEntropy[2]) > 5 * Math.Abs(mse[2]), $"cross-entropy {crossEntropy[2]}, MSE {mse[2]}");
    }

    [Fact]
    public void MLNET_is_trained_and_evaluated_on_the_same_split()
        => Assert.InRange(Notebook.NumberAfter("ML.NET LbfgsMaximumEntropy: held-out accuracy = "), 0.8, 1.0);
}
