namespace NotebookCourse.Notebooks.Tests;

/// <summary>Notebook 08, run with its defaults (η = 1, the handout's update without a learning rate).</summary>
public sealed class BackpropagationByHandRun
{
    /// <summary>The executed notebook.</summary>
    public CourseNotebook Notebook { get; } = TestRuns.Notebook("08-backpropagation-by-hand.ipynb");

    /// <summary>The same notebook with η = 0.5, the learning rate of Mazur's published walk-through.</summary>
    public CourseNotebook AtHalfLearningRate { get; } = CourseNotebook.Run("08-backpropagation-by-hand.ipynb", ("learningRate", "0.5"));
}

/// <summary>
/// 08-backpropagation-by-hand: the 2-2-2 sigmoid network's gradients computed by hand, checked against
/// autograd and finite differences, and one update step — all compared with an independent double-precision
/// backpropagation written here, and with Matt Mazur's published figures for the same starting values.
/// </summary>
public sealed class BackpropagationByHandTests(BackpropagationByHandRun run) : IClassFixture<BackpropagationByHandRun>
{
    private static readonly string[] Names = ["w11", "w21", "b1", "w12", "w22", "b2", "w31", "w41", "b3", "w32", "w42", "b4"];

    // Starting values (Mazur's example) in the order of Names, and the inputs and targets.
    private static readonly double[] Start = [0.15, 0.20, 0.35, 0.25, 0.30, 0.35, 0.40, 0.45, 0.60, 0.50, 0.55, 0.60];
    private const double X1 = 0.05, X2 = 0.10, T1 = 0.01, T2 = 0.99;

    private CourseNotebook Notebook => run.Notebook;

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>The reference: dE/dp for E = ½Σ(t − o)², by the chain rule written independently of the notebook.</summary>
    private static double[] ReferenceGradients(double[] p)
    {
        var h = new[] { Sigmoid(p[0] * X1 + p[1] * X2 + p[2]), Sigmoid(p[3] * X1 + p[4] * X2 + p[5]) };
        var o = new[] { Sigmoid(p[6] * h[0] + p[7] * h[1] + p[8]), Sigmoid(p[9] * h[0] + p[10] * h[1] + p[11]) };
        var t = new[] { T1, T2 };
        var deltaOut = new double[2];
        for (var k = 0; k < 2; k++) deltaOut[k] = (o[k] - t[k]) * o[k] * (1 - o[k]);
        // Output weight from hidden j to output k sits at p[6 + 3k + j].
        var deltaHidden = new double[2];
        for (var j = 0; j < 2; j++) deltaHidden[j] = (deltaOut[0] * p[6 + j] + deltaOut[1] * p[9 + j]) * h[j] * (1 - h[j]);
        var gradients = new double[12];
        for (var j = 0; j < 2; j++)
        {
            gradients[3 * j] = deltaHidden[j] * X1;
            gradients[3 * j + 1] = deltaHidden[j] * X2;
            gradients[3 * j + 2] = deltaHidden[j];
        }
        for (var k = 0; k < 2; k++)
        {
            gradients[6 + 3 * k] = deltaOut[k] * h[0];
            gradients[6 + 3 * k + 1] = deltaOut[k] * h[1];
            gradients[6 + 3 * k + 2] = deltaOut[k];
        }
        return gradients;
    }

    /// <summary>The numbers after a weight's name on its row of the side-by-side table (by hand, autograd, finite differences).</summary>
    private static double[] Row(CourseNotebook notebook, string name)
    {
        var line = notebook.LinesStartingWith(name + " ")
            .Single(l => !l.Contains("->", StringComparison.Ordinal) && !l.Contains(" after ", StringComparison.Ordinal));
        return CourseNotebook.Numbers(line[name.Length..]);
    }

    /// <summary>The value after "->" on a weight's row of the update table.</summary>
    private static double Updated(CourseNotebook notebook, string name)
    {
        var line = notebook.LinesStartingWith(name + " ").Single(l => l.Contains("->", StringComparison.Ordinal));
        return CourseNotebook.Numbers(line[(line.IndexOf("->", StringComparison.Ordinal) + 2)..])[0];
    }

    private static void Near(double expected, double actual, double tolerance, string what)
        => Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected} within {tolerance}, got {actual}");

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void Hand_computed_gradients_are_right_and_equal_autograd_to_1e6_and_finite_differences_to_1e3()
    {
        var reference = ReferenceGradients(Start);
        for (var i = 0; i < Names.Length; i++)
        {
            var row = Row(Notebook, Names[i]);
            var (byHand, autograd, differences) = (row[0], row[1], row[2]);
            Near(reference[i], byHand, 1e-9, $"{Names[i]} by hand");
            Assert.True(Math.Abs(byHand - autograd) <= 1e-6, $"{Names[i]}: by hand {byHand}, autograd {autograd}");
            Assert.True(Math.Abs(byHand - differences) <= 1e-3, $"{Names[i]}: by hand {byHand}, finite differences {differences}");
        }
        Assert.InRange(Notebook.NumberAfter("largest |by hand - autograd| = "), 0, 1e-6);
        Assert.InRange(Notebook.NumberAfter("largest |by hand - finite differences| = "), 0, 1e-3);
    }

    [Fact]
    public void Output_and_hidden_weight_gradients_match_the_published_walk_through()
    {
        // Mazur, "A Step by Step Backpropagation Example": E = 0.298371109, dE/dw5 = 0.082167041, dE/dw1 = 0.000438568.
        Near(0.298371109, Notebook.NumberAfter("E = "), 1e-9, "E");
        Near(0.082167041, Notebook.NumberAfter("dE/dw31 = "), 1e-9, "dE/dw31");
        Near(0.000438568, Notebook.NumberAfter("dE/dw11 = "), 1e-9, "dE/dw11");
    }

    [Fact]
    public void One_update_step_moves_every_weight_against_its_gradient_and_lowers_the_error()
    {
        var reference = ReferenceGradients(Start);
        for (var i = 0; i < Names.Length; i++)
        {
            Near(Start[i] - 1.0 * reference[i], Updated(Notebook, Names[i]), 1e-9, $"{Names[i]} after one step");
        }
        Near(Start[6] - reference[6], Notebook.NumberAfter("w31 after one step = "), 1e-9, "w31");
        Near(Start[0] - reference[0], Notebook.NumberAfter("w11 after one step = "), 1e-9, "w11");
        var errors = CourseNotebook.Numbers(Notebook.ValueAfter("E before = "));
        Assert.True(errors[1] < errors[0], $"the error did not fall: {errors[0]} -> {errors[1]}");
    }

    [Fact]
    public void With_learning_rate_one_half_the_updated_weights_are_the_published_ones()
    {
        run.AtHalfLearningRate.AssertNoFailedCell();
        // Mazur's w5+ = 0.35891648 and w1+ = 0.149780716.
        Near(0.35891648, run.AtHalfLearningRate.NumberAfter("w31 after one step = "), 1e-8, "w31 at η = 0.5");
        Near(0.149780716, run.AtHalfLearningRate.NumberAfter("w11 after one step = "), 1e-9, "w11 at η = 0.5");
    }

    [Fact]
    public void Hand_written_training_ends_where_autograd_with_SGD_ends()
    {
        Assert.InRange(Notebook.NumberAfter("largest |hand-written - autograd + SGD| = "), 0, 1e-4);
        Assert.True(Notebook.NumberAfter("after 1000 steps: E = ") < 1e-3);
    }

    [Fact]
    public void The_sigmoids_slope_peaks_at_one_quarter()
        => Near(0.25, Notebook.NumberAfter("largest value of σ'(x) on the grid: "), 1e-12, "max σ'");
}
