using Plotly.NET;
using Plotly.NET.CSharp;
using Plotly.NET.LayoutObjects;

namespace NotebookCourse.Plotting;

/// <summary>
/// Small finishing touches for any Plotly.NET chart, written once so the course's C# never has to spell
/// out Plotly.NET's F# optional arguments: titles, axis titles, log axes and reference lines.
/// </summary>
public static class ChartStyle
{
    /// <summary>Sets the chart's title.</summary>
    public static GenericChart WithTitle(this GenericChart chart, string title)
        => Plotly.NET.Chart.withTitle(title, null).Invoke(chart);

    /// <summary>Names the x and y axes (null leaves one as it is); <paramref name="logY"/> makes y logarithmic.</summary>
    public static GenericChart WithAxisTitles(this GenericChart chart, string? xTitle, string? yTitle, bool logY = false)
    {
        if (xTitle is not null) chart = chart.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        if (yTitle is not null || logY)
        {
            chart = logY
                ? chart.WithYAxisStyle<double, double, string>(TitleText: yTitle ?? "", AxisType: StyleParam.AxisType.Log)
                : chart.WithYAxisStyle<double, double, string>(TitleText: yTitle!);
        }
        if (logY && GenericChart.getLayout(chart).TryGetPropertyValue("yaxis") is { } axis && axis.Value is DynamicObj.DynamicObj yAxis)
        {
            // 10⁻⁵ reads better than plotly's default "10µ" for gradient sizes.
            yAxis.SetProperty("exponentformat", "power");
        }
        return chart;
    }

    /// <summary>
    /// Adds a vertical line at <paramref name="x"/> across the whole plot height (a layout shape), dotted
    /// by default — e.g. the x = 0 reference in the sigmoid families. Dash: "solid", "dot", "dash", "dashdot".
    /// </summary>
    public static GenericChart WithVerticalLine(this GenericChart chart, double x, string dash = "dot", string color = "gray")
        => Plotly.NET.Chart.withShape(ReferenceLine("x", x, dash, color), null).Invoke(chart);

    /// <summary>
    /// Adds a horizontal line at <paramref name="y"/> across the whole plot width, dotted by default — e.g. the
    /// 0.5 threshold where a sigmoid output switches class.
    /// </summary>
    public static GenericChart WithHorizontalLine(this GenericChart chart, double y, string dash = "dot", string color = "gray")
        => Plotly.NET.Chart.withShape(ReferenceLine("y", y, dash, color), null).Invoke(chart);

    // A line shape at a data position on one axis, spanning the plot ("paper" 0..1) on the other.
    private static Shape ReferenceLine(string axis, double at, string dash, string color)
    {
        var line = new Line();
        line.SetProperty("dash", dash);
        line.SetProperty("color", color);
        line.SetProperty("width", 1.5);
        var other = axis == "x" ? "y" : "x";
        var shape = new Shape();
        shape.SetProperty("type", "line");
        shape.SetProperty(axis + "ref", axis);
        shape.SetProperty(other + "ref", "paper");
        shape.SetProperty(axis + "0", at);
        shape.SetProperty(axis + "1", at);
        shape.SetProperty(other + "0", 0.0);
        shape.SetProperty(other + "1", 1.0);
        shape.SetProperty("line", line);
        return shape;
    }

    /// <summary>
    /// Removes Plotly.NET's default template from a chart built directly with Plotly.NET: serialising that
    /// template costs about a second per chart, and plotly.js's own defaults look the same. The course's
    /// <see cref="Charts"/> already do this.
    /// </summary>
    public static GenericChart WithoutDefaultTemplate(this GenericChart chart) => Charts.Lean(chart);

    /// <summary>Sets the chart's size in pixels.</summary>
    public static GenericChart WithPixelSize(this GenericChart chart, int width, int height)
        => chart.WithSize(Width: width, Height: height);
}
