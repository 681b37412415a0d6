using NotebookCourse.Plotting;

namespace NotebookCourse.Tests.Plotting;

public class BasicChartsTests
{
    [Fact]
    public void Functions_draws_each_function_with_its_values()
    {
        static double Relu(double x) => x > 0 ? x : 0;
        static double LeakyRelu(double x) => Math.Max(0.1 * x, x);
        var chart = Charts.Functions([("relu", Relu), ("leaky relu", LeakyRelu)], -3, 3, points: 12, verticalLineAt: 0);
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["relu", "leaky relu"], traces.Select(t => t.GetProperty("name").GetString()));
        var x = traces[1].GetProperty("x").Doubles();
        Assert.Equal(12, x.Length);
        Assert.Equal(-3, x[0]);
        Assert.Equal(0.5, x[1] - x[0], 12);
        Assert.Equal(x.Select(LeakyRelu), traces[1].GetProperty("y").Doubles());
        Assert.Single(ChartJson.Layout(chart).GetProperty("shapes").EnumerateArray());
    }

    [Fact]
    public void Scatter_of_lists_draws_markers_at_the_points()
    {
        var trace = Assert.Single(ChartJson.Traces(Charts.Scatter([45.0, 50, 55, 60, 65, 70], [0.0, 0, 0, 1, 1, 1], "pass/fail")));
        Assert.Equal("markers", trace.GetProperty("mode").GetString());
        Assert.Equal([45.0, 50, 55, 60, 65, 70], trace.GetProperty("x").Doubles());
        Assert.Equal([0.0, 0, 0, 1, 1, 1], trace.GetProperty("y").Doubles());
    }

    [Fact]
    public void Scatter_of_labelled_points_draws_one_trace_per_class()
    {
        var points = Tensor.FromArray(new float[,] { { 10, 5 }, { 3, 2 }, { 9, 5 }, { 11, 1 } });
        var traces = ChartJson.Traces(Charts.Scatter(points, [0, 1, 0, 2], ["A", "B", "C"]));
        Assert.Equal(["A", "B", "C"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([10.0, 9.0], traces[0].GetProperty("x").Doubles());
        Assert.Equal([5.0, 5.0], traces[0].GetProperty("y").Doubles());
        Assert.Equal([11.0], traces[2].GetProperty("x").Doubles());
    }

    [Fact]
    public void Combine_overlays_a_fitted_line_on_its_data()
    {
        var chart = Charts.Combine(Charts.Scatter([1.0, 2], [2.0, 3]), Charts.Lines(("fit", [0.0, 3], [1.0, 4])));
        var traces = ChartJson.Traces(chart);
        Assert.Equal(["markers", "lines"], traces.Select(t => t.GetProperty("mode").GetString()));
    }

    [Fact]
    public void Horizontal_and_vertical_reference_lines_span_the_plot()
    {
        var chart = Charts.Lines(("p", [-1.0, 1.0], [0.2, 0.8])).WithHorizontalLine(0.5).WithVerticalLine(0, dash: "dash");
        var shapes = ChartJson.Layout(chart).GetProperty("shapes").EnumerateArray().ToList();
        Assert.Equal(2, shapes.Count);
        var horizontal = shapes.Single(s => s.GetProperty("xref").GetString() == "paper");
        Assert.Equal(0.5, horizontal.GetProperty("y0").GetDouble());
        Assert.Equal(0.5, horizontal.GetProperty("y1").GetDouble());
        Assert.Equal(0, horizontal.GetProperty("x0").GetDouble());
        Assert.Equal(1, horizontal.GetProperty("x1").GetDouble());
        Assert.Equal("dot", horizontal.GetProperty("line").GetProperty("dash").GetString());
        var vertical = shapes.Single(s => s.GetProperty("yref").GetString() == "paper");
        Assert.Equal(0, vertical.GetProperty("x0").GetDouble());
        Assert.Equal("dash", vertical.GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void A_chart_built_directly_with_plotly_can_drop_the_default_template()
    {
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x: [0.0, 1.0], y: [1.0, 2.0]);
        Assert.True(ChartJson.Layout(chart).TryGetProperty("template", out _));
        Assert.False(ChartJson.Layout(chart.WithoutDefaultTemplate()).TryGetProperty("template", out _));
    }
}
