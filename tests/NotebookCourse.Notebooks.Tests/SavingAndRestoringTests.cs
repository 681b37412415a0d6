using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>06-saving-and-restoring-models: save, load, resume, checkpoint, and the file's layout.</summary>
public sealed class SavingAndRestoringTests(SavingAndRestoringRun run) : IClassFixture<SavingAndRestoringRun>
{
    private CourseNotebook Notebook => run.Notebook ?? throw new InvalidOperationException(MnistFiles.UnavailableReason);

    [MnistFact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [MnistFact]
    public void Model_files_go_to_a_new_folder_inside_the_runs_temporary_folder_which_is_removed_after_the_run()
    {
        var folder = Notebook.ValueAfter("model files go to ");
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "nbcourse-notebook-"), folder, StringComparison.Ordinal);
        Assert.Contains($"{Path.DirectorySeparatorChar}notebookcourse-06-", folder, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), $"{folder} was left behind");
    }

    [MnistFact]
    public void Evaluation_is_identical_before_saving_and_after_loading()
    {
        Assert.Equal(Notebook.ValueAfter("before saving: "), Notebook.ValueAfter("after loading: "));
        Assert.Equal("True", Notebook.ValueAfter("evaluation identical = "));
        Assert.Equal("True", Notebook.ValueAfter("all 100,000 probabilities identical = "));
    }

    [MnistFact]
    public void Resumed_training_repeats_the_uninterrupted_loss_curve_and_compiling_again_does_not()
    {
        Assert.Equal("True", Notebook.ValueAfter("resumed curve equals uninterrupted = "));
        Assert.Equal("False", Notebook.ValueAfter("re-compiled curve equals uninterrupted = "));
        var first = CourseNotebook.Numbers(Notebook.ValueAfter("first epoch after the file: "));
        Assert.Equal(first[0], first[1]);
        Assert.NotEqual(first[0], first[2]);
    }

    [MnistFact]
    public void A_checkpoint_restores_the_weights_into_a_model_built_by_CreateModel()
    {
        var loaded = Notebook.ValueAfter("after LoadWeights: ");
        Assert.Equal(Notebook.ValueAfter("the model that was saved: "), loaded);
        Assert.NotEqual(Notebook.ValueAfter("new model, untrained: "), loaded);
    }

    [MnistFact]
    public void Loading_weights_into_a_different_model_names_every_mismatch()
    {
        Assert.Contains(Notebook.Printed.Split('\n'), l => l.Contains("the weights do not fit the Sequential (4 mismatches; nothing was loaded)", StringComparison.Ordinal));
        Assert.Equal(4, Notebook.LinesStartingWith("  - '").Count);
    }

    [MnistFact]
    public void The_header_lists_the_weights_and_Adams_state_and_the_data_size_follows_from_their_shapes()
    {
        // 784 x 10 weights and 10 biases, Adam's m and v for each, and its step count: 4 bytes each.
        var floats = 3 * (784 * 10 + 10) + 1;
        Assert.Contains($"then {4 * floats:N0} bytes of numbers", Notebook.Printed);
        Assert.Equal(7, Notebook.LinesStartingWith("1.").Count + Notebook.LinesStartingWith("optimizer.").Count);
    }
}
