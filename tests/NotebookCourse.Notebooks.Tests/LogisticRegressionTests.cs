namespace NotebookCourse.Notebooks.Tests;

/// <summary>01-logistic-regression: the handout's toy model, the regression review and breast cancer.</summary>
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
        var descent = Notebook.ValueAfter("gradient descent: ");
        var numbers = CourseNotebook.Numbers(descent);
        Assert.Equal(slope, numbers[0], 2);
        Assert.Equal(intercept, numbers[1], 1);
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
    public void Breast_cancer_test_accuracy_is_at_least_95_percent_for_mlnet()
        => Assert.InRange(Notebook.NumberAfter("ML.NET: test accuracy = "), 0.95, 1.0);

    [Fact]
    public void Handout_cross_entropy_cases_are_infinite_and_zero()
    {
        Assert.True(double.IsPositiveInfinity(Notebook.NumberAfter("truth [0, 1], prediction [1, 0] -> cost ")));
        Assert.Equal(0, Notebook.NumberAfter("truth [0, 1], prediction [0, 1] -> cost "));
    }
}
