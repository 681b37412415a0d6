namespace NotebookCourse.Notebooks.Tests;

/// <summary>07-xor-and-the-multilayer-perceptron: the 75% limit, the hand-set table, the chain rule, the MLP.</summary>
public sealed class XorMultilayerPerceptronTests(XorMultilayerPerceptronRun run) : IClassFixture<XorMultilayerPerceptronRun>
{
    // The handout's table: x1, x2 -> y1, y2, XOR.
    private static readonly int[][] HandoutTable = [[0, 0, 0, 1, 0], [0, 1, 0, 0, 1], [1, 0, 0, 0, 1], [1, 1, 1, 0, 0]];

    private CourseNotebook Notebook => run.Notebook;

    [Fact]
    public void Every_cell_runs_without_failing() => Notebook.AssertNoFailedCell();

    [Fact]
    public void No_line_gets_more_than_3_of_the_4_XOR_points_and_logistic_regression_ends_undecided()
    {
        Assert.Equal(0.75, Notebook.NumberAfter("best single line: 3 of 4 points, accuracy = "));
        Assert.Equal([0.5, 0.5, 0.5, 0.5], Notebook.ListAfter("outputs: "));
    }

    [Fact]
    public void The_hand_set_perceptrons_give_the_handouts_table_exactly()
    {
        // Rows "  x1  x2 | y1 y2 ȳ | rounded y1 y2 ȳ   | handout y1 y2 XOR".
        var rows = Notebook.Printed.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  [01]  [01] \| \d\.\d{3} ")).ToList();
        Assert.Equal(4, rows.Count);
        for (var i = 0; i < 4; i++)
        {
            var n = CourseNotebook.Numbers(rows[i]);
            Assert.Equal(HandoutTable[i][..2], new[] { (int)n[0], (int)n[1] });
            Assert.Equal(HandoutTable[i][2..], new[] { (int)n[5], (int)n[6], (int)n[7] });
        }
        Assert.Equal("True", Notebook.ValueAfter("hand-set table equals the handout's = "));
        Assert.True(CourseNotebook.Numbers(Notebook.ValueAfter("with the handout's printed [-11, 11]: output for (0, 0) = "))[0] > 0.5);
    }

    [Fact]
    public void Autograd_gives_the_handouts_derivatives_on_f_equals_w_x_plus_b()
    {
        Assert.Equal([5, -2, 1, 1], Derivatives());
        Assert.Equal([-10, -7], CourseNotebook.Numbers(Notebook.ValueAfter("g = ")));
    }

    private double[] Derivatives()
    {
        // "df/dw = 5, df/dx = -2, df/db = 1, df/dg = 1   (handout: 5, -2, 1, 1)": the values follow each "= ".
        var line = "df/dw = " + Notebook.ValueAfter("df/dw = ");
        return System.Text.RegularExpressions.Regex.Matches(line, @"= (-?\d+)").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void The_handouts_MLP_has_33_parameters_and_has_not_learned_XOR_after_100_epochs()
    {
        Assert.Equal(33, Notebook.NumberAfter("parameters = "));
        var after = CourseNotebook.Numbers(Notebook.ValueAfter("after 100 epochs: "));   // loss, accuracy, handout loss, handout accuracy
        Assert.InRange(after[0], 0.2, 0.26);
        Assert.True(after[1] < 1.0, $"the network learned XOR in 100 epochs already (accuracy {after[1]})");
    }

    [Fact]
    public void Longer_training_reaches_accuracy_1_and_predicts_class_1_for_1_0()
    {
        Assert.Equal(1.0, Notebook.NumberAfter("accuracy after the longer training = "));
        var prediction = CourseNotebook.Numbers(Notebook.ValueAfter("prediction for [1, 0] = "));
        Assert.True(prediction[0] >= 0.5);
        Assert.Equal(1, prediction[1]);
    }

    [Fact]
    public void The_history_log_file_has_a_header_and_one_row_per_epoch()
    {
        Assert.Single(Notebook.LinesStartingWith("epoch,loss,accuracy,val_loss,val_accuracy"));
        Assert.Equal(1000, CourseNotebook.Numbers(Notebook.ValueAfter("... "))[0]);
    }
}
