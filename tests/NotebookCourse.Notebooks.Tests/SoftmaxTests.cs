namespace NotebookCourse.Notebooks.Tests;

/// <summary>02-softmax-and-cross-entropy: the handouts' softmax and cross-entropy figures.</summary>
public sealed class SoftmaxTests(SoftmaxRun run) : IClassFixture<SoftmaxRun>
{
    private CourseNotebook Notebook => run.Notebook;

    private static double[] Softmax(params double[] z)
    {
        var e = z.Select(Math.Exp).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void Softmax_of_2_1_01_matches_the_handout_to_3_decimals()
    {
        var printed = Notebook.ListAfter("softmax([2, 1, 0.1]) = ");
        var expected = Softmax(2, 1, 0.1);
        Assert.Equal(3, printed.Length);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Math.Round(expected[i], 3), printed[i], 3);
        }
        // COURSE.md reference, rounded to two decimals: [0.66, 0.24, 0.10].
        Assert.Equal([0.66, 0.24, 0.10], printed.Select(v => Math.Round(v, 2)));
    }

    [Fact]
    public void Softmax_of_5_2_minus1_3_matches_the_handout_percentages()
    {
        var printed = Notebook.ListAfter("softmax([5, 2, -1, 3]) = ");
        // COURSE.md: 84.2%, 4.2%, 0.2%, 11.4%.
        Assert.Equal([0.842, 0.042, 0.002, 0.114], printed);
        Assert.Equal(176.3, Notebook.NumberAfter("sum of e^o = "), 1);
    }

    [Fact]
    public void Softmax_of_3_15_03_matches_the_handout()
    {
        var printed = Notebook.ListAfter("softmax([3, 1.5, 0.3]) = ");
        Assert.Equal(0.775, printed[0], 3);
        Assert.Equal(0.17, printed[1], 2);
        Assert.Equal(0.05, printed[2], 2);
    }

    [Fact]
    public void Cross_entropy_of_the_handout_example_is_minus_log_02()
        => Assert.Equal(-Math.Log(0.2), Notebook.NumberAfter("cross-entropy = "), 5);

    [Fact]
    public void Autograd_gradient_of_softmax_cross_entropy_is_prediction_minus_truth()
    {
        var autograd = Notebook.ListAfter("autograd  dL/do = ");
        var p = Softmax(5, 2, -1, 3);
        double[] truth = [0, 1, 0, 0];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(p[i] - truth[i], autograd[i], 4);
        }
    }

    [Fact]
    public void The_loss_from_logits_keeps_the_exact_loss_and_gradient_where_probabilities_lose_them()
    {
        var viaLogits = CourseNotebook.Numbers(Notebook.ValueAfter("from logits:       loss = "));
        Assert.Equal(1000, viaLogits[0], 3);
        Assert.Equal([1.0, -1.0], viaLogits[^2..]);
        var viaProbabilities = CourseNotebook.Numbers(Notebook.ValueAfter("via probabilities: loss = "));
        Assert.Equal(-Math.Log(1e-7), viaProbabilities[0], 2);   // clipped probability
        Assert.Equal([0.0, 0.0], viaProbabilities[^2..].Select(Math.Abs));
    }

    [Fact]
    public void Finite_differences_agree_with_autograd()
        => Assert.InRange(Notebook.NumberAfter("largest difference from autograd: "), 0, 1e-4);
}
