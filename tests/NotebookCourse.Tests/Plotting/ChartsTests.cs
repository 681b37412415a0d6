using NotebookCourse.Plotting;
using NotebookCourse.Training;

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
        var chart = Charts.FunctionFamily((x, w) => Sigmoid(w * x), weights, -5, 5, points: 41, title: "sigmoid(W x)", paramName: "W");
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["W = 0.5", "W = 1", "W = 2"], traces.Select(t => t.Name()));
        for (var k = 0; k < 3; k++)
        {
            var x = traces[k].GetProperty("x").Doubles();
            var y = traces[k].GetProperty("y").Doubles();
            Assert.Equal(41, x.Length);
            Assert.Equal(-5, x[0]);
            Assert.Equal(5, x[^1]);
            Assert.Equal(0.25, x[1] - x[0], 12);
            for (var i = 0; i < x.Length; i++) Assert.Equal(Sigmoid(weights[k] * x[i]), y[i], 12);
        }
        Assert.Equal(3, traces.Select(t => t.Color()).Distinct().Count());
        var layout = ChartJson.Layout(chart);
        Assert.Equal("sigmoid(W x)", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("x", layout.AxisTitle("xaxis"));
        Assert.Equal("f(x, W)", layout.AxisTitle("yaxis"));
    }

    [Fact]
    public void FunctionFamily_takes_axis_titles_and_a_reference_line_can_be_added()
    {
        var chart = Charts.FunctionFamily((x, b) => Sigmoid(x + b), [0.5, 1, 1.5], -5, 5, paramName: "b", xTitle: "z", yTitle: "sigmoid(z + b)").VerticalLine(0);
        var layout = ChartJson.Layout(chart);
        Assert.Equal("sigmoid(z + b)", layout.AxisTitle("yaxis"));
        Assert.Equal(0, Assert.Single(layout.GetProperty("shapes").EnumerateArray()).GetProperty("x0").GetDouble());
    }

    [Fact]
    public void FunctionFamily_rejects_an_empty_range_and_no_parameters()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.FunctionFamily((x, w) => x, [1], 5, -5));
        Assert.Contains("'to' must be larger", e.Message);
        Assert.Throws<ArgumentException>(() => Charts.FunctionFamily((x, w) => x, [], 0, 1));
        Assert.Throws<ArgumentException>(() => Charts.FunctionFamily((x, w) => x, [1], 0, 1, points: 1));
    }

    [Fact]
    public void Functions_draws_each_named_function_on_one_chart()
    {
        static double Relu(double x) => x > 0 ? x : 0;
        static double LeakyRelu(double x) => Math.Max(0.1 * x, x);
        var chart = Charts.Functions(-3, 3, ("ReLU", Relu), ("Leaky ReLU", LeakyRelu));
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["ReLU", "Leaky ReLU"], traces.Select(t => t.Name()));
        var x = traces[1].GetProperty("x").Doubles();
        Assert.Equal(-3, x[0]);
        Assert.Equal(3, x[^1]);
        Assert.Equal(x.Select(LeakyRelu), traces[1].GetProperty("y").Doubles());
        Assert.NotEqual(traces[0].Color(), traces[1].Color());
        Assert.Equal("f(x)", ChartJson.Layout(chart).AxisTitle("yaxis"));
        Assert.Throws<ArgumentException>(() => Charts.Functions(-1, 1));
    }

    [Fact]
    public void FunctionWithDerivative_draws_the_derivative_dashed_beside_the_function()
    {
        var chart = Charts.FunctionWithDerivative(Sigmoid, z => Sigmoid(z) * (1 - Sigmoid(z)), -6, 6, name: "σ", title: "σ and σ′");
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["σ(x)", "σ′(x)"], traces.Select(t => t.Name()));
        Assert.Equal(0.25, traces[1].GetProperty("y").Doubles().Max(), 3);
        Assert.False(traces[0].GetProperty("line").TryGetProperty("dash", out _));
        Assert.Equal("dash", traces[1].GetProperty("line").GetProperty("dash").GetString());
        Assert.NotEqual(traces[0].Color(), traces[1].Color());
        Assert.Equal("x", ChartJson.Layout(chart).AxisTitle("xaxis"));
        Assert.Equal("σ(x) and σ′(x)", ChartJson.Layout(chart).AxisTitle("yaxis"));
    }

    [Fact]
    public void History_chart_has_a_subplot_per_metric_with_training_and_validation_lines()
    {
        var h = TwoEpochHistory();
        var chart = Charts.History(h);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["loss", "val_loss", "accuracy", "val_accuracy"], traces.Select(t => t.Name()));
        foreach (var t in traces)
        {
            Assert.Equal(h[t.Name()], t.GetProperty("y").Doubles());
            Assert.Equal([1.0, 2.0], t.GetProperty("x").Doubles());
        }
        Assert.False(traces[1].TryGetProperty("xaxis", out _));
        Assert.Equal("x2", traces[2].GetProperty("xaxis").GetString());
        Assert.Equal(4, traces.Select(t => t.Color()).Distinct().Count());
        Assert.Equal("dash", traces[1].GetProperty("line").GetProperty("dash").GetString());
        var layout = ChartJson.Layout(chart);
        Assert.Equal(["loss", "accuracy"], layout.NoteTexts());
        Assert.Equal("epoch", layout.AxisTitle("xaxis"));
        Assert.Equal("epoch", layout.AxisTitle("xaxis2"));
        Assert.Equal("loss", layout.AxisTitle("yaxis"));
        Assert.Equal("accuracy", layout.AxisTitle("yaxis2"));
    }

    [Fact]
    public void History_of_one_metric_is_a_single_chart()
    {
        var chart = Charts.History(TwoEpochHistory(validation: false), "loss");
        var t = Assert.Single(ChartJson.Traces(chart));
        Assert.Equal("loss", t.Name());
        Assert.Equal("epoch", ChartJson.Layout(chart).AxisTitle("xaxis"));
    }

    [Fact]
    public void History_chart_names_the_recorded_keys_when_a_metric_is_missing()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.History(TwoEpochHistory(), "precision"));
        Assert.Contains("precision", e.Message);
        Assert.Contains("val_accuracy", e.Message);
        Assert.Throws<ArgumentException>(() => Charts.History(new History()));
    }

    [Fact]
    public void History_of_many_epochs_draws_plain_lines()
    {
        var h = new History();
        for (var i = 0; i < 50; i++) h.Add(new Dictionary<string, double> { ["loss"] = 1.0 / (i + 1) });
        Assert.Equal("lines", Assert.Single(ChartJson.Traces(Charts.History(h))).GetProperty("mode").GetString());
    }

    [Fact]
    public void LossCurves_puts_each_run_on_one_chart_by_epoch()
    {
        var slow = TwoEpochHistory();
        var fast = new History();
        fast.Add(new Dictionary<string, double> { ["loss"] = 0.8 });
        fast.Add(new Dictionary<string, double> { ["loss"] = 0.2 });
        fast.Add(new Dictionary<string, double> { ["loss"] = 0.1 });
        var chart = Charts.LossCurves([("lr = 0.01", slow), ("lr = 0.1", fast)]);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["lr = 0.01", "lr = 0.1"], traces.Select(t => t.Name()));
        Assert.Equal([1.0, 0.5], traces[0].GetProperty("y").Doubles());
        Assert.Equal([1.0, 2.0, 3.0], traces[1].GetProperty("x").Doubles());
        Assert.Equal([0.8, 0.2, 0.1], traces[1].GetProperty("y").Doubles());
        Assert.NotEqual(traces[0].Color(), traces[1].Color());
        Assert.Equal("epoch", ChartJson.Layout(chart).AxisTitle("xaxis"));
        Assert.Equal("loss", ChartJson.Layout(chart).AxisTitle("yaxis"));
    }

    [Fact]
    public void LossCurves_of_histories_names_a_missing_key()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.LossCurves([("run", TwoEpochHistory())], key: "val_precision"));
        Assert.Contains("'run'", e.Message);
    }

    [Fact]
    public void LossCurves_can_use_a_log_axis()
    {
        var chart = Charts.LossCurves([("run", (IReadOnlyList<double>)[1.0, 0.1, 0.01])], yTitle: "cross-entropy", logY: true);
        var y = ChartJson.Layout(chart).GetProperty("yaxis");
        Assert.Equal("log", y.GetProperty("type").GetString());
        Assert.Equal(1, y.GetProperty("dtick").GetDouble());
        Assert.Equal("cross-entropy", ChartJson.Layout(chart).AxisTitle("yaxis"));
    }

    [Fact]
    public void Lines_rejects_a_series_whose_x_and_y_differ_in_length()
    {
        var e = Assert.Throws<ArgumentException>(() => Charts.Lines(("bad", [1.0, 2.0], [1.0])));
        Assert.Contains("'bad'", e.Message);
    }

    [Fact]
    public void GradientNorms_draws_grouped_bars_per_network_on_a_log_axis()
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
        Assert.Equal(["sigmoid", "relu"], traces.Select(t => t.Name()));
        Assert.NotEqual(traces[0].Color(), traces[1].Color());
        var layout = ChartJson.Layout(chart);
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("power", layout.GetProperty("yaxis").GetProperty("exponentformat").GetString());
        Assert.Equal("layer", layout.AxisTitle("xaxis"));
        Assert.Equal("gradient norm", layout.AxisTitle("yaxis"));
    }

    [Fact]
    public void GradientNorms_of_one_network_hides_the_legend_and_can_use_a_linear_axis()
    {
        var chart = Charts.GradientNorms([("d1", 1.0), ("d2", 2.0)], logScale: false);
        var layout = ChartJson.Layout(chart);
        Assert.False(layout.GetProperty("yaxis").TryGetProperty("type", out _));
        Assert.False(layout.GetProperty("showlegend").GetBoolean());
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
        var bar = Assert.Single(ChartJson.Traces(Charts.GradientNorms(norms)));
        Assert.Equal(norms.Select(n => n.Name), bar.GetProperty("x").Strings());
        Assert.Equal(norms.Select(n => n.Norm), bar.GetProperty("y").Doubles());
        Assert.Equal(3, norms.Count);
    }
}
