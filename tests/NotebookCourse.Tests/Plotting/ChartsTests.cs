using NotebookCourse.Plotting;
using NotebookCourse.Training;
using Plotly.NET;

namespace NotebookCourse.Tests.Plotting;

public class ChartsTests
{
    private static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    private static History TwoEpochHistory(bool validation = true)
    {
        var h = new History();
        h.Add(validation
            ? new Dictionary<string, double> { ["loss"] = 1.0, ["accuracy"] = 0.5, ["val_loss"] = 1.2, ["val_accuracy"] = 0.4 }
            : new Dictionary<string, double> { ["loss"] = 1.0, ["accuracy"] = 0.5 });
        h.Add(validation
            ? new Dictionary<string, double> { ["loss"] = 0.5, ["accuracy"] = 0.75, ["val_loss"] = 0.7, ["val_accuracy"] = 0.625 }
            : new Dictionary<string, double> { ["loss"] = 0.5, ["accuracy"] = 0.75 });
        return h;
    }

    [Fact]
    public void FunctionFamily_draws_one_curve_per_parameter_with_the_function_values()
    {
        double[] weights = [0.5, 1, 2];
        var chart = Charts.FunctionFamily((x, w) => Sigmoid(w * x), weights, -5, 5, points: 40, title: "sigmoid(W x)", paramName: "W");
        var traces = ChartJson.Traces(chart);
        Assert.Equal(3, traces.Length);
        Assert.Equal(["W = 0.5", "W = 1", "W = 2"], traces.Select(t => t.GetProperty("name").GetString()));
        for (var k = 0; k < 3; k++)
        {
            var x = traces[k].GetProperty("x").Doubles();
            var y = traces[k].GetProperty("y").Doubles();
            Assert.Equal(40, x.Length);
            Assert.Equal(-5, x[0]);
            Assert.True(x[^1] < 5, "the range is half-open: [from, to)");
            Assert.Equal(0.25, x[1] - x[0], 12);
            for (var i = 0; i < x.Length; i++) Assert.Equal(Sigmoid(weights[k] * x[i]), y[i], 12);
        }
        Assert.Equal("sigmoid(W x)", ChartJson.Layout(chart).GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void FunctionFamily_marks_x_equals_zero_with_a_dotted_vertical_line_spanning_the_plot()
    {
        var chart = Charts.FunctionFamily((x, b) => Sigmoid(x + b), [0.5, 1, 1.5], -5, 5, paramName: "b");
        var shape = Assert.Single(ChartJson.Layout(chart).GetProperty("shapes").EnumerateArray());
        Assert.Equal("line", shape.GetProperty("type").GetString());
        Assert.Equal(0, shape.GetProperty("x0").GetDouble());
        Assert.Equal(0, shape.GetProperty("x1").GetDouble());
        Assert.Equal("paper", shape.GetProperty("yref").GetString());
        Assert.Equal(0, shape.GetProperty("y0").GetDouble());
        Assert.Equal(1, shape.GetProperty("y1").GetDouble());
        Assert.Equal("dot", shape.GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void FunctionFamily_without_reference_line_has_no_shapes()
    {
        var chart = Charts.FunctionFamily((x, w) => w * x, [1], 0, 1, verticalLineAt: null);
        Assert.False(ChartJson.Layout(chart).TryGetProperty("shapes", out _));
    }

    [Fact]
    public void FunctionFamily_rejects_an_empty_range()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.FunctionFamily((x, w) => x, [1], 5, -5));
        Assert.Contains("'to' must be larger", e.Message);
    }

    [Fact]
    public void History_chart_has_a_panel_per_metric_with_training_and_validation_lines()
    {
        var h = TwoEpochHistory();
        var chart = Charts.History(h);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["loss", "val_loss", "accuracy", "val_accuracy"], traces.Select(t => t.GetProperty("name").GetString()));
        foreach (var t in traces)
        {
            var key = t.GetProperty("name").GetString()!;
            Assert.Equal(h[key], t.GetProperty("y").Doubles());
            Assert.Equal([1.0, 2.0], t.GetProperty("x").Doubles());
        }
        // loss in the first panel, accuracy in the second.
        Assert.Equal("x", traces[0].GetProperty("xaxis").GetString());
        Assert.Equal("x2", traces[2].GetProperty("xaxis").GetString());
        var layout = ChartJson.Layout(chart);
        Assert.Equal(2, layout.GetProperty("grid").GetProperty("columns").GetInt32());
        Assert.Equal(["loss", "accuracy"], layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
    }

    [Fact]
    public void History_chart_without_validation_has_only_training_lines()
    {
        var traces = ChartJson.Traces(Charts.History(TwoEpochHistory(validation: false), "loss"));
        var t = Assert.Single(traces);
        Assert.Equal("loss", t.GetProperty("name").GetString());
    }

    [Fact]
    public void History_chart_names_the_recorded_keys_when_a_metric_is_missing()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.History(TwoEpochHistory(), "precision"));
        Assert.Contains("precision", e.Message);
        Assert.Contains("val_accuracy", e.Message);
    }

    [Fact]
    public void LossCurves_puts_each_run_on_one_chart_by_epoch()
    {
        var slow = TwoEpochHistory();
        var fast = new History();
        fast.Add(new Dictionary<string, double> { ["loss"] = 0.8 });
        fast.Add(new Dictionary<string, double> { ["loss"] = 0.2 });
        fast.Add(new Dictionary<string, double> { ["loss"] = 0.1 });
        var traces = ChartJson.Traces(Charts.LossCurves([("lr = 0.01", slow), ("lr = 0.1", fast)]));
        Assert.Equal(["lr = 0.01", "lr = 0.1"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([1.0, 0.5], traces[0].GetProperty("y").Doubles());
        Assert.Equal([1.0, 2.0, 3.0], traces[1].GetProperty("x").Doubles());
        Assert.Equal([0.8, 0.2, 0.1], traces[1].GetProperty("y").Doubles());
    }

    [Fact]
    public void LossCurves_can_use_a_log_axis()
    {
        var chart = Charts.LossCurves([("run", (IReadOnlyList<double>)[1.0, 0.1, 0.01])], logY: true);
        Assert.Equal("log", ChartJson.Layout(chart).GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Lines_rejects_a_series_whose_x_and_y_differ_in_length()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.Lines(("bad", [1.0, 2.0], [1.0])));
        Assert.Contains("'bad'", e.Message);
    }

    [Fact]
    public void GradientNorms_draws_grouped_bars_per_series_on_a_log_axis()
    {
        var chart = Charts.GradientNorms([
            ("sigmoid", [("dense_1", 1e-4), ("dense_2", 1e-2), ("dense_3", 0.3)]),
            ("relu", [("dense_1", 0.2), ("dense_2", 0.25), ("dense_3", 0.3)]),
        ]);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(2, traces.Length);
        Assert.All(traces, t => Assert.Equal("bar", t.GetProperty("type").GetString()));
        Assert.Equal(["dense_1", "dense_2", "dense_3"], traces[0].GetProperty("x").Strings());
        Assert.Equal([1e-4, 1e-2, 0.3], traces[0].GetProperty("y").Doubles());
        Assert.Equal("relu", traces[1].GetProperty("name").GetString());
        Assert.Equal("log", ChartJson.Layout(chart).GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("power", ChartJson.Layout(chart).GetProperty("yaxis").GetProperty("exponentformat").GetString());
    }

    [Fact]
    public void GradientNorms_on_a_linear_axis_sets_no_axis_type()
    {
        var chart = Charts.GradientNorms([("d1", 1.0), ("d2", 2.0)], logScale: false);
        Assert.False(ChartJson.Layout(chart).GetProperty("yaxis").TryGetProperty("type", out _));
    }

    [Fact]
    public void Charts_render_to_an_html_fragment_for_notebooks()
    {
        var html = GenericChart.toChartHTML(Charts.Lines(("a", [0.0, 1.0], [1.0, 0.0])));
        Assert.Contains("<div", html);
        Assert.Contains("Plotly.newPlot", html);
    }

    [Fact]
    public void Charts_leave_out_the_default_template_that_costs_a_second_to_serialise()
    {
        var h = TwoEpochHistory();
        GenericChart[] charts =
        [
            Charts.Lines(("a", [0.0, 1.0], [1.0, 0.0])),
            Charts.History(h),
            Charts.ImageGrid(Tensor.Zeros(2, 4), 1, 2),
            Charts.ConfusionMatrix(new int[2, 2]),
            Charts.Combine(Charts.Scatter([1.0], [1.0])),
            Charts.ComputationGraph(new Tensor([1f], [1], requiresGrad: true) * 2f),
        ];
        Assert.All(charts, c => Assert.False(ChartJson.Layout(c).TryGetProperty("template", out _)));
    }

    [Fact]
    public void GradientNorms_takes_a_models_own_gradient_norms()
    {
        var model = new NotebookCourse.Layers.Sequential(
            new NotebookCourse.Layers.Dense(4, "sigmoid", inputSize: 3),
            new NotebookCourse.Layers.Dense(4, "sigmoid"),
            new NotebookCourse.Layers.Dense(1));
        model.Call(Tensor.Ones(2, 3)).Sum().Backward();
        var norms = model.GradientNorms();
        var bar = Assert.Single(ChartJson.Traces(Charts.GradientNorms([("sigmoid", norms)])));
        Assert.Equal(norms.Select(n => n.Name), bar.GetProperty("x").Strings());
        Assert.Equal(norms.Select(n => n.Norm), bar.GetProperty("y").Doubles());
        Assert.Equal(3, norms.Count);
    }
}
