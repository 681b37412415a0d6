namespace NotebookCourse.Notebooks.Tests;

/// <summary>01-logistic-regression: the regression review, the handout's toy model by hand and with the library, breast cancer.</summary>
public sealed class LogisticRegressionTests(LogisticRegressionRun run) : IClassFixture<LogisticRegressionRun>
{
    private CourseNotebook Notebook => run.Notebook;

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void Gradient_descent_reaches_the_least_squares_line()
    {
        // Closed-form least squares for the notebook's table, computed here independently.
        double[] x = [1, 2, 3, 4, 5, 6];
        double[] y = [52, 58, 61, 67, 73, 76];
        var mx = x.Average();
        var my = y.Average();
        var slope = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / x.Sum(a => (a - mx) * (a - mx));
        var intercept = my - slope * mx;
        var numbers = CourseNotebook.Numbers(Notebook.ValueAfter("gradient descent: "));
        Assert.Equal(slope, numbers[0], 2);
        Assert.Equal(intercept, numbers[1], 1);
    }

    [Fact]
    public void The_hand_derived_gradient_matches_autograd()
    {
        foreach (var label in new[] { "dL/dW: autograd ", "dL/db: autograd " })
        {
            var numbers = CourseNotebook.Numbers(Notebook.ValueAfter(label));
            Assert.Equal(numbers[0], numbers[1], 5);
        }
    }

    [Fact]
    public void Level_1_and_the_library_end_at_the_same_weight_from_the_same_start()
    {
        var moved = CourseNotebook.Numbers(Notebook.ValueAfter("W moved by "));
        var level3 = CourseNotebook.Numbers(Notebook.ValueAfter("W = "))[0];
        Assert.Equal(level3, moved[^1], 3);
        // The printed move is the difference between the final and the initial weight.
        Assert.Equal(level3 - Notebook.NumberAfter("initial W = "), moved[0], 3);
    }

    [Fact]
    public void Accuracy_leaves_0_when_the_weight_crosses_0()
    {
        var numbers = CourseNotebook.Numbers(Notebook.ValueAfter("W starts at "));
        var (start, crosses, firstRight) = (numbers[0], numbers[2], numbers[^1]);
        Assert.True(start < 0, "the explanation relies on a negative starting W");
        Assert.InRange(firstRight, crosses - 1, crosses);
    }

    [Fact]
    public void Handout_toy_data_is_classified_perfectly_with_increasing_probabilities()
    {
        var lines = Notebook.LinesStartingWith("x = ");
        Assert.Equal(6, lines.Count);
        var probabilities = lines.Select(l => CourseNotebook.Numbers(l[l.IndexOf("P(y=1) = ", StringComparison.Ordinal)..])[1]).ToArray();
        int[] truth = [0, 0, 0, 1, 1, 1];
        for (var i = 0; i < 6; i++)
        {
            Assert.True((probabilities[i] >= 0.5 ? 1 : 0) == truth[i], $"point {i}: P(y=1) = {probabilities[i]} but the class is {truth[i]}");
        }
        for (var i = 1; i < 6; i++)
        {
            Assert.True(probabilities[i] > probabilities[i - 1], $"probabilities not increasing: {string.Join(", ", probabilities)}");
        }
    }

    [Fact]
    public void Breast_cancer_test_accuracy_is_at_least_95_percent_for_our_model()
        => Assert.InRange(Notebook.NumberAfter("our model: test accuracy = "), 0.95, 1.0);

    [Fact]
    public void Breast_cancer_accuracy_over_five_splits_is_at_least_95_percent_for_both_models()
    {
        var means = CourseNotebook.Numbers(Notebook.ValueAfter("mean over 5 splits: "));
        Assert.InRange(means[0], 0.95, 1.0);   // ours
        Assert.InRange(means[1], 0.95, 1.0);   // ML.NET
        Assert.Equal(5, Notebook.LinesStartingWith("split ").Count);
    }

    [Fact]
    public void The_test_set_is_kept_out_of_training_and_validation()
    {
        var sizes = CourseNotebook.Numbers(Notebook.ValueAfter("train "));
        Assert.Equal(569, sizes.Sum());
        Assert.InRange(sizes[2], 113, 114);   // 20% of 569 held out as the test set
    }

    [Fact]
    public void Handout_cross_entropy_cases_are_infinite_and_zero()
    {
        Assert.True(double.IsPositiveInfinity(Notebook.NumberAfter("truth [0, 1], prediction [1, 0] -> cost ")));
        Assert.Equal(0, Notebook.NumberAfter("truth [0, 1], prediction [0, 1] -> cost "));
    }
}
