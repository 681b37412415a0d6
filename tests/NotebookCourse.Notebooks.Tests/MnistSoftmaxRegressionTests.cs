using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// 05-mnist-softmax-regression at the handouts' settings: the data, the from-scratch loop, the Keras-style
/// SGD and Adam models and the prediction of test image 0, each against the handouts' figures.
/// </summary>
public sealed class MnistSoftmaxRegressionTests(MnistSoftmaxRun run) : IClassFixture<MnistSoftmaxRun>
{
    private CourseNotebook Notebook => run.Notebook ?? throw new InvalidOperationException(MnistFiles.UnavailableReason);

    [MnistFact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [MnistFact]
    public void The_data_has_the_handouts_shapes_and_first_labels()
    {
        Assert.Equal([60000, 28, 28], Notebook.ListAfter("train images "));
        Assert.Equal([10000, 28, 28], Notebook.ListAfter("test images "));
        Assert.Equal(5, Notebook.NumberAfter("train label 0 = "));
        Assert.Equal(7, Notebook.NumberAfter("test label 0 = "));
    }

    [MnistFact]
    public void Scaling_and_one_hot_match_the_handouts_print_out()
    {
        double[] handoutRow = [0.01176471, 0.07058824, 0.07058824, 0.07058824, 0.49411765, 0.53333336];
        var row = CourseNotebook.Numbers(Notebook.ValueAfter("image 0, row 5, pixels 12-17 = "));
        Assert.Equal(handoutRow.Length, row.Length);
        for (var i = 0; i < row.Length; i++) Assert.Equal(handoutRow[i], row[i], 7);
        Assert.Equal([0, 0, 0, 0, 0, 1, 0, 0, 0, 0], Notebook.ListAfter("one-hot label of image 0 = "));
    }

    [MnistFact]
    public void From_scratch_loop_reaches_the_handouts_test_accuracy_0_9113_within_0_01()
        => Assert.InRange(Notebook.NumberAfter("test accuracy (from scratch) = "), 0.9113 - 0.01, 0.9113 + 0.01);

    [MnistFact]
    public void From_scratch_costs_start_and_end_near_the_handouts()
    {
        // Epoch 1 depends on the random N(0, 1) start (ours is not TensorFlow's draw); epoch 50 much less.
        Assert.InRange(Notebook.NumberAfter("epoch  1  cost "), 2.27 - 0.3, 2.27 + 0.3);
        Assert.InRange(Notebook.NumberAfter("epoch 50  cost "), 0.2926 - 0.02, 0.2926 + 0.02);
    }

    [MnistFact]
    public void Keras_style_model_has_7850_parameters_in_the_handouts_shapes()
    {
        Assert.Equal(7850, Notebook.NumberAfter("parameters = "));
        Assert.Equal([784, 10, 10], CourseNotebook.Numbers(Notebook.ValueAfter("weight shape = "))[..3]);
    }

    [MnistFact]
    public void SGD_with_batches_of_2048_for_100_epochs_reaches_0_8927_within_0_01()
    {
        Assert.InRange(Notebook.NumberAfter("test accuracy (SGD, batch 2048) = "), 0.8927 - 0.01, 0.8927 + 0.01);
        Assert.StartsWith("3,000 steps", Notebook.ValueAfter("SGD, batch 2048: "));
    }

    [MnistFact]
    public void Adam_for_15_epochs_reaches_the_handouts_validation_accuracy_0_9278_within_0_01()
    {
        Assert.InRange(Notebook.NumberAfter("val_accuracy (last epoch) = "), 0.9278 - 0.01, 0.9278 + 0.01);
        var first = CourseNotebook.Numbers(Notebook.ValueAfter("epoch 1:  "));   // loss, accuracy, val_loss, val_accuracy
        Assert.InRange(first[0], 0.6258 - 0.05, 0.6258 + 0.05);
        Assert.InRange(first[3], 0.9077 - 0.01, 0.9077 + 0.01);
    }

    [MnistFact]
    public void Test_image_0_is_predicted_as_a_7_with_probability_at_least_0_95()
    {
        Assert.Equal(7, Notebook.NumberAfter("predicted class of test image 0 = "));
        Assert.True(Notebook.NumberAfter("P(7) = ") >= 0.95);
    }

    [MnistFact]
    public void Confusion_matrix_agrees_with_the_validation_accuracy_and_names_five_mistakes()
    {
        Assert.Equal(Notebook.NumberAfter("val_accuracy (last epoch) = "), Notebook.NumberAfter("test accuracy from the confusion matrix = "), 4);
        var mistakes = Notebook.LinesStartingWith("true ");
        Assert.Equal(5, mistakes.Count);
        var counts = mistakes.Select(l => CourseNotebook.Numbers(l)[^1]).ToList();
        Assert.Equal(counts.OrderDescending(), counts);
    }

    [MnistFact]
    public void The_8x8_digits_and_MLNET_give_sensible_accuracies()
    {
        Assert.True(CourseNotebook.Numbers(Notebook.ValueAfter("8 x 8 digits: "))[^1] > 0.9);
        Assert.True(Notebook.NumberAfter("ML.NET SDCA maximum entropy: test accuracy = ") > 0.8);
    }
}
