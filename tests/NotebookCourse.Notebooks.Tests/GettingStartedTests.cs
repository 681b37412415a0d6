namespace NotebookCourse.Notebooks.Tests;

/// <summary>00-getting-started: tensors and the autograd minimisation of w^2 + 10w + 25.</summary>
public sealed class GettingStartedTests(GettingStartedRun run) : IClassFixture<GettingStartedRun>
{
    private CourseNotebook Notebook => run.Notebook;

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void Gradient_descent_on_w_squared_plus_10w_plus_25_ends_at_minus_5()
    {
        var w = Notebook.NumberAfter("w = ");
        Assert.InRange(w, -5 - 1e-4, -5 + 1e-4);
        // COURSE.md: the handout's float32 run reaches -4.9999886.
        Assert.InRange(w, -4.9999886 - 1e-6, -4.9999886 + 1e-6);
    }

    [Fact]
    public void Coefficients_passed_as_data_reach_the_same_minimum()
        => Assert.InRange(Notebook.NumberAfter("w (coefficients as data) = "), -5 - 1e-4, -5 + 1e-4);

    [Fact]
    public void Other_coefficients_move_the_minimum_to_10()
        => Assert.InRange(Notebook.NumberAfter("w for [1, -20, 100] = "), 10 - 1e-3, 10 + 1e-3);

    [Fact]
    public void Autograd_derivative_of_x_squared_at_3_is_6()
        => Assert.Equal(6, Notebook.NumberAfter("y = 9, dy/dx = "), 5);
}
