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
    public void ImageGrid_draws_three_rows_of_twelve_digits_upright_with_labels()
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
            // Plotly draws z[0] at the bottom, so the image's top row must be the last z row.
            for (var r = 0; r < 28; r++)
                for (var c = 0; c < 28; c += 9) Assert.Equal(n * 10000 + r * 100 + c, z[27 - r][c]);
        }
        var layout = ChartJson.Layout(chart);
        Assert.Equal(3, layout.GetProperty("grid").GetProperty("rows").GetInt32());
        Assert.Equal(12, layout.GetProperty("grid").GetProperty("columns").GetInt32());
        Assert.Equal(labels.Take(36).Select(l => l.ToString()), layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        Assert.Equal("Greys", traces[0].GetProperty("colorscale").GetString());
        Assert.False(layout.GetProperty("xaxis12").GetProperty("showticklabels").GetBoolean());
    }

    [Fact]
    public void ImageGrid_accepts_images_shaped_n_by_side_by_side()
    {
        var chart = Charts.ImageGrid(NumberedImages(2, 5).Reshape(2, 5, 5), 1, 2);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.Equal(10000 + 4 * 100 + 3, traces[1].GetProperty("z").Matrix()[0][3]);
    }

    [Fact]
    public void ImageGrid_rejects_images_that_are_not_square()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.ImageGrid(Tensor.Zeros(3, 10), 1, 3));
        Assert.Contains("[3, 10]", e.Message);
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
        var xs = regions.GetProperty("x").Doubles();
        var ys = regions.GetProperty("y").Doubles();
        var z = regions.GetProperty("z").Matrix();
        Assert.Equal(21, xs.Length);
        Assert.Equal(-2.5, xs[0], 6);
        Assert.Equal(2.5, xs[^1], 6);
        Assert.Equal(-2.5, ys[0], 6);
        Assert.Equal(1.5, ys[^1], 6);
        for (var r = 0; r < 21; r++)
            for (var c = 0; c < 21; c++) Assert.Equal(xs[c] > 0 ? 1 : 0, z[r][c]);
        // Class colours are fixed whatever the grid contains.
        Assert.Equal(-0.5, regions.GetProperty("zmin").GetDouble());
        Assert.Equal(1.5, regions.GetProperty("zmax").GetDouble());
        Assert.Equal([-2.0, -1.0], traces[1].GetProperty("x").Doubles());
        Assert.Equal([1.0, 2.0], traces[2].GetProperty("x").Doubles());
        Assert.Equal([0.5, -2.0], traces[2].GetProperty("y").Doubles());
        Assert.Equal("class 1", traces[2].GetProperty("name").GetString());
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
        var chart = Charts.DecisionRegions(Scores, points, [2, 0, 1], resolution: 9, classNames: ["a", "b", "c"], padding: 0);
        var regions = ChartJson.Traces(chart)[0];
        var xs = regions.GetProperty("x").Doubles();
        var ys = regions.GetProperty("y").Doubles();
        var z = regions.GetProperty("z").Matrix();
        for (var r = 0; r < ys.Length; r++)
        {
            for (var c = 0; c < xs.Length; c++)
            {
                double[] scores = [ys[r], xs[c], 1];
                Assert.Equal(Array.IndexOf(scores, scores.Max()), z[r][c]);
            }
        }
        Assert.Equal(["a", "b", "c"], ChartJson.Traces(chart).Skip(1).Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public void DecisionRegions_rejects_a_label_count_that_differs_from_the_points()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.DecisionRegions(g => g, Tensor.Zeros(3, 2), [0, 1]));
        Assert.Contains("2 labels for 3 points", e.Message);
    }

    [Fact]
    public void ConfusionMatrix_shows_counts_as_heatmap_and_as_text_in_every_cell()
    {
        var counts = new int[,] { { 50, 2, 0 }, { 3, 40, 7 }, { 0, 5, 45 } };
        var chart = Charts.ConfusionMatrix(counts, ["setosa", "versicolor", "virginica"]);
        var heatmap = Assert.Single(ChartJson.Traces(chart));
        var z = heatmap.GetProperty("z").Matrix();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) Assert.Equal(counts[i, j], z[i][j]);
        Assert.Equal(["setosa", "versicolor", "virginica"], heatmap.GetProperty("x").Strings());
        var layout = ChartJson.Layout(chart);
        var texts = layout.GetProperty("annotations").EnumerateArray()
            .ToDictionary(a => (a.GetProperty("y").GetInt32(), a.GetProperty("x").GetInt32()), a => a.GetProperty("text").GetString());
        Assert.Equal(9, texts.Count);
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) Assert.Equal(counts[i, j].ToString(), texts[(i, j)]);
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        // Readable text: white on the darkest cells (more than half the largest count), black elsewhere.
        var colours = layout.GetProperty("annotations").EnumerateArray()
            .ToDictionary(a => (a.GetProperty("y").GetInt32(), a.GetProperty("x").GetInt32()), a => a.GetProperty("font").GetProperty("color").GetString());
        Assert.Equal("white", colours[(0, 0)]);
        Assert.Equal("black", colours[(1, 2)]);
        Assert.Equal("predicted", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void ConfusionMatrix_rejects_a_non_square_matrix()
    {
        Assert.Throws<ArgumentException>(() => Charts.ConfusionMatrix(new int[2, 3]));
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
