namespace NotebookCourse.Notebooks.Tests;

/// <summary>00-getting-started: tensors and the autograd minimisation of w^2 + 10w + 25.</summary>
public sealed class GettingStartedTests(GettingStartedRun run) : IClassFixture<GettingStartedRun>
{
    private CourseNotebook Notebook => run.Notebook;

    // Gradient descent on w² + c·w + k in float32 from w = 0, as the notebook does it: the last step
    // (1-based) at which w changed, computed here without the library.
    private static int LastChangingStep(float linearCoefficient, float rate = 0.01f, int steps = 1000)
    {
        var w = 0f;
        var last = 0;
        for (var step = 1; step <= steps; step++)
        {
            var gradient = w + w + linearCoefficient;   // d(w² + c·w + k)/dw
            var next = w - rate * gradient;
            if (next != w) last = step;
            w = next;
        }
        return last;
    }

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void Gradient_descent_on_w_squared_plus_10w_plus_25_ends_at_the_handouts_minus_4_9999886()
    {
        var w = Notebook.NumberAfter("w = ");
        Assert.InRange(w, -5 - 1e-4, -5 + 1e-4);
        // COURSE.md: the handout's float32 run reaches -4.9999886.
        Assert.InRange(w, -4.9999886 - 1e-6, -4.9999886 + 1e-6);
    }

    [Fact]
    public void The_step_where_float32_w_stops_moving_is_printed_and_right()
    {
        var printed = (int)Notebook.NumberAfter("w stops changing at step ");
        Assert.Equal(LastChangingStep(10f), printed);
        Assert.InRange(printed, 2, 999); // it stops before the end: the point of the paragraph
        // The exact-arithmetic distance after 1000 steps, 5 · 0.98^1000, is printed next to it.
        var exact = CourseNotebook.Numbers(Notebook.ValueAfter("distance |w + 5| now = "))[^1];
        Assert.Equal(5 * Math.Pow(0.98, 1000), exact, 1e-10);
    }

    [Fact]
    public void The_quiz_coefficients_stop_at_the_same_step_with_twice_the_shortfall()
    {
        var quiz = Notebook.ValueAfter("w for [1, -20, 100] = ");
        var numbers = CourseNotebook.Numbers(quiz);
        Assert.InRange(numbers[0], 10 - 1e-4, 10);
        Assert.Equal(LastChangingStep(-20f), (int)numbers[^1]);
        Assert.Equal(Notebook.NumberAfter("w stops changing at step "), numbers[^1]);
    }

    [Fact]
    public void Coefficients_passed_as_data_reach_the_same_minimum()
        => Assert.Equal(Notebook.NumberAfter("w = "), Notebook.NumberAfter("w (coefficients as data) = "));

    [Fact]
    public void Autograd_derivative_of_x_squared_at_3_is_6_and_adds_up_without_zero_grad()
    {
        Assert.Equal(6, Notebook.NumberAfter("y = 9, dy/dx = "), 5);
        Assert.Equal(12, Notebook.NumberAfter("without ZeroGrad: x.Grad = "), 5);
        Assert.Equal(6, Notebook.NumberAfter("after ZeroGrad:   x.Grad = "), 5);
        Assert.Equal(3, CourseNotebook.Numbers(Notebook.ValueAfter("z = "))[1], 5); // Detach: d(3·x)/dx
    }

    [Fact]
    public void The_tour_reaches_the_same_w_with_an_optimizer_and_fits_the_line_with_fit()
    {
        Assert.Equal(Notebook.NumberAfter("w = "), Notebook.NumberAfter("level 2 (SGD optimizer): w = "));
        var line = CourseNotebook.Numbers(Notebook.ValueAfter("level 3 (Sequential + Fit): "));
        Assert.Equal(2, line[0], 2);
        Assert.Equal(-1, line[1], 2);
    }
}
