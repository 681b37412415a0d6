using NotebookCourse.Plotting;

namespace NotebookCourse.Tests.Plotting;

public class ImageAndClassifierChartsTests
{
    // Image n has pixel (r, c) = n * 10000 + r * 100 + c, so each value says where it came from.
    private static Tensor NumberedImages(int count, int side)
    {
        var data = new float[count * side * side];
        for (var n = 0; n < count; n++)
            for (var r = 0; r < side; r++)
                for (var c = 0; c < side; c++) data[(n * side + r) * side + c] = n * 10000 + r * 100 + c;
        return new Tensor(data, [count, side * side]);
    }

    [Fact]
    public void ImageGrid_draws_three_rows_of_twelve_digits_each_on_its_own_axes_with_labels()
    {
        var labels = Enumerable.Range(0, 40).Select(i => i % 10).ToArray();
        var chart = Charts.ImageGrid(NumberedImages(40, 28), 3, 12, labels);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(36, traces.Length);
        Assert.All(traces, t => Assert.Equal("heatmap", t.GetProperty("type").GetString()));
        for (var n = 0; n < 36; n += 7)
        {
            var z = traces[n].GetProperty("z").Matrix();
            Assert.Equal(28, z.Length);
            Assert.All(z, row => Assert.Equal(28, row.Length));
            // Row 0 of z is the image's top row; the reversed y axis draws it at the top.
            for (var r = 0; r < 28; r++)
                for (var c = 0; c < 28; c += 9) Assert.Equal(n * 10000 + r * 100 + c, z[r][c]);
            if (n > 0) Assert.Equal("x" + (n + 1), traces[n].GetProperty("xaxis").GetString());
        }
        var layout = ChartJson.Layout(chart);
        Assert.Equal(labels.Take(36).Select(l => l.ToString()), layout.NoteTexts());
        var y12 = layout.GetProperty("yaxis12");
        Assert.Equal("reversed", y12.GetProperty("autorange").GetString());
        Assert.Equal("x12", y12.GetProperty("scaleanchor").GetString());
        Assert.False(layout.GetProperty("xaxis12").GetProperty("showticklabels").GetBoolean());
        // Second row sits below the first.
        Assert.True(layout.GetProperty("yaxis13").GetProperty("domain").Doubles()[1] < y12.GetProperty("domain").Doubles()[0]);
        Assert.False(layout.GetProperty("showlegend").GetBoolean());
    }

    [Fact]
    public void ImageGrid_accepts_images_shaped_n_by_side_by_side_and_text_captions()
    {
        var chart = Charts.ImageGrid(NumberedImages(2, 5).Reshape(2, 5, 5), 1, 2, ["7 (pred 1)", "2"]);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.Equal(10000 + 4 * 100 + 3, traces[1].GetProperty("z").Matrix()[4][3]);
        Assert.Equal(["7 (pred 1)", "2"], ChartJson.Layout(chart).NoteTexts());
    }

    [Fact]
    public void ImageGrid_rejects_images_that_are_not_square_and_too_few_labels()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.ImageGrid(Tensor.Zeros(3, 10), 1, 3));
        Assert.Contains("[3, 10]", e.Message);
        Assert.Throws<ArgumentException>(() => Charts.ImageGrid(Tensor.Zeros(3, 4), 1, 3, labels: [1]));
    }

    [Fact]
    public void DecisionRegions_colours_each_grid_cell_with_the_predicted_class()
    {
        var points = Tensor.FromArray(new float[,] { { -2, 1 }, { -1, -1 }, { 1, 0.5f }, { 2, -2 } });
        int[] labels = [0, 0, 1, 1];
        // The rule x1 > 0 as a probability column: rounding gives the class.
        var chart = Charts.DecisionRegions(grid => grid.Reshape(-1, 2).T.Row(0).Gt(0), points, labels, resolution: 21);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(3, traces.Length);
        var regions = traces[0];
        Assert.Equal("heatmap", regions.GetProperty("type").GetString());
        var z = regions.GetProperty("z").Matrix();
        Assert.Equal(21, z.Length);
        double x0 = regions.GetProperty("x0").GetDouble(), dx = regions.GetProperty("dx").GetDouble();
        double y0 = regions.GetProperty("y0").GetDouble(), dy = regions.GetProperty("dy").GetDouble();
        // The points span x in [-2, 2] and y in [-2, 1]; the grid adds a tenth of the spread on each side.
        Assert.Equal(-2.4, x0, 6);
        Assert.Equal(2.4, x0 + 20 * dx, 6);
        Assert.Equal(-2.3, y0, 6);
        Assert.Equal(1.3, y0 + 20 * dy, 6);
        for (var r = 0; r < 21; r++)
            for (var c = 0; c < 21; c++) Assert.Equal(x0 + c * dx > 0 ? 1 : 0, z[r][c]);
        // Class colours are fixed whatever the grid contains, and the points use the same ones.
        Assert.Equal(-0.5, regions.GetProperty("zmin").GetDouble());
        Assert.Equal(1.5, regions.GetProperty("zmax").GetDouble());
        var scale = regions.GetProperty("colorscale");
        Assert.Equal(traces[1].Color(), scale[0][1].GetString());
        Assert.Equal(traces[2].Color(), scale[3][1].GetString());
        Assert.Equal([-2.0, -1.0], traces[1].GetProperty("x").Doubles());
        Assert.Equal([1.0, 2.0], traces[2].GetProperty("x").Doubles());
        Assert.Equal([0.5, -2.0], traces[2].GetProperty("y").Doubles());
        Assert.Equal("class 1", traces[2].Name());
        var layout = ChartJson.Layout(chart);
        Assert.Equal("x1", layout.AxisTitle("xaxis"));
        Assert.Equal("x2", layout.AxisTitle("yaxis"));
    }

    [Fact]
    public void DecisionRegions_takes_the_highest_score_when_the_model_returns_one_column_per_class()
    {
        var points = Tensor.FromArray(new float[,] { { 0, 0 }, { 1, 1 }, { 2, 0 } });
        // Scores [x2, x1, 1]: class 2 wins where both features are below 1.
        Tensor Scores(Tensor g)
        {
            var n = g.Shape[0];
            var s = new float[n * 3];
            for (var i = 0; i < n; i++) { s[3 * i] = g[i, 1]; s[3 * i + 1] = g[i, 0]; s[3 * i + 2] = 1; }
            return new Tensor(s, [n, 3]);
        }
        var chart = Charts.DecisionRegions(Scores, points, [2, 0, 1], ["a", "b", "c"], "Three classes", "length", "width", resolution: 9);
        var regions = ChartJson.Traces(chart)[0];
        double x0 = regions.GetProperty("x0").GetDouble(), dx = regions.GetProperty("dx").GetDouble();
        double y0 = regions.GetProperty("y0").GetDouble(), dy = regions.GetProperty("dy").GetDouble();
        var z = regions.GetProperty("z").Matrix();
        for (var r = 0; r < 9; r++)
        {
            for (var c = 0; c < 9; c++)
            {
                // The grid is made of floats: compare with the scores of the float coordinates.
                double[] scores = [(float)(y0 + r * dy), (float)(x0 + c * dx), 1];
                Assert.Equal(Array.IndexOf(scores, scores.Max()), z[r][c]);
            }
        }
        Assert.Equal(["a", "b", "c"], ChartJson.Traces(chart).Skip(1).Select(t => t.Name()));
        var layout = ChartJson.Layout(chart);
        Assert.Equal("Three classes", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("length", layout.AxisTitle("xaxis"));
    }

    [Fact]
    public void DecisionRegions_rejects_a_label_count_that_differs_from_the_points_and_a_wrong_prediction()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.DecisionRegions(g => g, Tensor.Zeros(3, 2), [0, 1]));
        Assert.Contains("2 labels for 3 points", e.Message);
        var wrong = Assert.Throws<ArgumentException>(() => Charts.DecisionRegions(g => Tensor.Zeros(3), Tensor.Zeros(3, 2), [0, 1, 1], resolution: 4));
        Assert.Contains("16 grid points", wrong.Message);
    }

    [Fact]
    public void Scatter_of_labelled_points_draws_one_trace_per_class_in_the_class_colour()
    {
        var points = Tensor.FromArray(new float[,] { { 10, 5 }, { 3, 2 }, { 9, 5 }, { 11, 1 } });
        var chart = Charts.Scatter(points, [0, 1, 0, 2], ["A", "B", "C"], xTitle: "petal length");
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["A", "B", "C"], traces.Select(t => t.Name()));
        Assert.Equal([10.0, 9.0], traces[0].GetProperty("x").Doubles());
        Assert.Equal([5.0, 5.0], traces[0].GetProperty("y").Doubles());
        Assert.Equal([11.0], traces[2].GetProperty("x").Doubles());
        Assert.Equal(Figure.Palette.Take(3), traces.Select(t => t.Color()));
        Assert.Equal("petal length", ChartJson.Layout(chart).AxisTitle("xaxis"));
        Assert.Equal("x2", ChartJson.Layout(chart).AxisTitle("yaxis"));
    }

    [Fact]
    public void Scatter_of_lists_draws_markers_at_the_points()
    {
        var trace = Assert.Single(ChartJson.Traces(Charts.Scatter([45.0, 50, 55], [0.0, 0, 1], "pass/fail")));
        Assert.Equal("markers", trace.GetProperty("mode").GetString());
        Assert.Equal([45.0, 50, 55], trace.GetProperty("x").Doubles());
        Assert.Equal("pass/fail", trace.Name());
    }

    [Fact]
    public void ConfusionMatrix_shows_counts_as_a_heatmap_with_true_classes_down_the_side()
    {
        var counts = new int[,] { { 50, 2, 0 }, { 3, 40, 7 }, { 0, 5, 45 } };
        var chart = Charts.ConfusionMatrix(counts, ["setosa", "versicolor", "virginica"]);
        var heatmap = Assert.Single(ChartJson.Traces(chart));
        var z = heatmap.GetProperty("z").Matrix();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) Assert.Equal(counts[i, j], z[i][j]);
        Assert.Equal(["setosa", "versicolor", "virginica"], heatmap.GetProperty("x").Strings());
        Assert.Equal(["setosa", "versicolor", "virginica"], heatmap.GetProperty("y").Strings());
        var layout = ChartJson.Layout(chart);
        var notes = layout.GetProperty("annotations").EnumerateArray()
            .ToDictionary(a => (a.GetProperty("y").GetInt32(), a.GetProperty("x").GetInt32()));
        Assert.Equal(9, notes.Count);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) Assert.Equal(counts[i, j].ToString(), notes[(i, j)].GetProperty("text").GetString());
        Assert.Equal("white", notes[(0, 0)].GetProperty("font").GetProperty("color").GetString());
        Assert.Equal("black", notes[(1, 2)].GetProperty("font").GetProperty("color").GetString());
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("predicted", layout.AxisTitle("xaxis"));
        Assert.Equal("true", layout.AxisTitle("yaxis"));
        Assert.Equal("Confusion matrix", layout.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void ConfusionMatrix_rejects_a_non_square_matrix_and_wrong_names()
    {
        Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix(new int[2, 3]));
        Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix(new int[2, 2], ["only one"]));
    }

    [Fact]
    public void ConfusionMatrix_chart_of_a_metrics_object_uses_its_counts_and_names()
    {
        var cm = NotebookCourse.Metrics.ConfusionMatrix.From([0, 1, 1, 1], [0, 0, 1, 1], ["no", "yes"]);
        var heatmap = Assert.Single(ChartJson.Traces(Charts.ConfusionMatrix(cm)));
        Assert.Equal([[1.0, 1.0], [0.0, 2.0]], heatmap.GetProperty("z").Matrix());
        Assert.Equal(["no", "yes"], heatmap.GetProperty("y").Strings());
    }
}
