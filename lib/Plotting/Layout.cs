using System.Text.Json.Serialization;

namespace NotebookCourse.Plotting;

/// <summary>
/// Everything around the traces of a plotly.js figure: title, axes, legend, size, reference lines and
/// notes. Property names are plotly.js attribute names in PascalCase; unset (null) ones are left out.
/// </summary>
public sealed class Layout
{
    /// <summary>The figure's title.</summary>
    public TitleStyle? Title { get; set; }

    /// <summary>Height in pixels. There is no width: the figure always takes its container's width.</summary>
    public int Height { get; set; } = Figure.DefaultHeight;

    /// <summary>Lets plotly.js size the figure to its container (with <see cref="Height"/> fixed).</summary>
    public bool AutoSize { get; set; } = true;

    /// <summary>
    /// The font of every text in the figure unless a text sets its own: by default <see cref="Figure.FontFamily"/>,
    /// the exported site's font, so Korean titles and legends show wherever the figure is drawn.
    /// </summary>
    public Font? Font { get; set; } = new() { Family = Figure.FontFamily };

    /// <summary>False hides the legend; null lets plotly.js decide (it hides a legend of one trace).</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Where the legend stands.</summary>
    public LegendStyle? Legend { get; set; }

    /// <summary>Space around the plotting area, in pixels (axes grow it when their labels need more).</summary>
    public Margin? Margin { get; set; }

    /// <summary>"group" puts the bars of several traces side by side.</summary>
    public string? BarMode { get; set; }

    /// <summary>The background of the plotting area.</summary>
    [JsonPropertyName("plot_bgcolor")]
    public string? PlotBackground { get; set; }

    /// <summary>Lines drawn over the plot, e.g. reference lines.</summary>
    public List<Shape>? Shapes { get; set; }

    /// <summary>Text placed on the plot: notes, arrows, subplot titles.</summary>
    public List<Note>? Annotations { get; set; }

    /// <summary>
    /// The axes by plotly name: "xaxis" and "yaxis" for the first subplot, "xaxis2" and "yaxis2" for the
    /// second, ... Written into the layout object as its own properties.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, object> Axes { get; set; } = [];

    /// <summary>The axis called <paramref name="name"/> ("xaxis", "yaxis2", ...), created when missing.</summary>
    public Axis AxisNamed(string name)
    {
        if (Axes.TryGetValue(name, out var found) && found is Axis axis) return axis;
        axis = new Axis();
        Axes[name] = axis;
        return axis;
    }

    /// <summary>A copy whose axes, shapes and notes can be changed without changing this layout.</summary>
    internal Layout Copy()
    {
        var copy = (Layout)MemberwiseClone();
        copy.Title = Title is null ? null : Title with { };
        copy.Legend = Legend is null ? null : Legend with { };
        copy.Margin = Margin is null ? null : Margin with { };
        copy.Font = Font is null ? null : Font with { };
        copy.Shapes = Shapes?.Select(s => s with { Line = s.Line is null ? null : s.Line with { } }).ToList();
        copy.Annotations = Annotations?.Select(a => a with { }).ToList();
        copy.Axes = Axes.ToDictionary(a => a.Key, a => a.Value is Axis axis ? (object)(axis with { }) : a.Value);
        return copy;
    }
}

/// <summary>A title's text (and, for the figure's title, where it stands).</summary>
public sealed record TitleStyle
{
    /// <summary>The text; plotly reads a little HTML in it (&lt;br&gt;, &lt;sub&gt;, &lt;b&gt;).</summary>
    public string? Text { get; set; }

    /// <summary>Horizontal position, 0 (left) to 1 (right).</summary>
    public double? X { get; set; }

    /// <summary>Which side of the title sits at <see cref="X"/>: "left", "center" or "right".</summary>
    public string? XAnchor { get; set; }

    /// <summary>What <see cref="X"/> is measured against: "paper" (the plotting area) or "container" (the whole figure).</summary>
    public string? XRef { get; set; }
}

/// <summary>One axis: its title, scale, range and ticks.</summary>
public sealed record Axis
{
    /// <summary>The axis title.</summary>
    public TitleStyle? Title { get; set; }

    /// <summary>"linear", "log" or "category"; null lets plotly.js guess from the data.</summary>
    public string? Type { get; set; }

    /// <summary>The visible range [min, max]; on a log axis in powers of ten (log10 of the values).</summary>
    public double[]? Range { get; set; }

    /// <summary>"reversed" draws the axis the other way (rows of a matrix top-down).</summary>
    public string? AutoRange { get; set; }

    /// <summary>The step between ticks; on a log axis in powers of ten (1: a tick at every power of ten).</summary>
    public double? DTick { get; set; }

    /// <summary>How large and small tick numbers are written: "none" (0.001), "power" (10⁻³), "e" (1e-3), ...</summary>
    public string? ExponentFormat { get; set; }

    /// <summary>A d3-format string for tick labels, e.g. ".0%".</summary>
    public string? TickFormat { get; set; }

    /// <summary>Where the ticks go, in data units (null: plotly chooses).</summary>
    public double[]? TickVals { get; set; }

    /// <summary>False hides the numbers along the axis.</summary>
    public bool? ShowTickLabels { get; set; }

    /// <summary>"" hides the tick marks; "outside" draws them.</summary>
    public string? Ticks { get; set; }

    /// <summary>Whether grid lines are drawn.</summary>
    public bool? ShowGrid { get; set; }

    /// <summary>Whether the line at zero is drawn.</summary>
    public bool? ZeroLine { get; set; }

    /// <summary>False hides the whole axis.</summary>
    public bool? Visible { get; set; }

    /// <summary>Ties this axis's scale to another ("x"): one unit is as long on both, so images stay square.</summary>
    public string? ScaleAnchor { get; set; }

    /// <summary>"domain" shrinks the axis's space (not its range) when <see cref="ScaleAnchor"/> needs room.</summary>
    public string? Constrain { get; set; }

    /// <summary>The part of the figure the axis spans, [start, end] as fractions 0..1 (subplots).</summary>
    public double[]? Domain { get; set; }

    /// <summary>The axis this one crosses ("y2" for "xaxis2").</summary>
    public string? Anchor { get; set; }

    /// <summary>Lets the axis grow the margin so that long tick labels and its title are never cut.</summary>
    public bool? AutoMargin { get; set; }
}

/// <summary>Where the legend stands and how its entries flow.</summary>
public sealed record LegendStyle
{
    /// <summary>"v" (one entry per line) or "h" (entries side by side, wrapping).</summary>
    public string? Orientation { get; set; }

    /// <summary>Horizontal position in figure fractions (1 is the right edge of the plotting area).</summary>
    public double? X { get; set; }

    /// <summary>Vertical position in figure fractions (1 is the top of the plotting area).</summary>
    public double? Y { get; set; }

    /// <summary>Which side of the legend sits at <see cref="X"/>: "left", "center", "right".</summary>
    public string? XAnchor { get; set; }

    /// <summary>Which side of the legend sits at <see cref="Y"/>: "top", "middle", "bottom".</summary>
    public string? YAnchor { get; set; }

    /// <summary>What <see cref="Y"/> is measured against: "paper" (the plotting area) or "container" (the whole figure).</summary>
    public string? YRef { get; set; }
}

/// <summary>Space around the plotting area, in pixels.</summary>
public sealed record Margin
{
    /// <summary>Left.</summary>
    public int? L { get; set; }

    /// <summary>Right.</summary>
    public int? R { get; set; }

    /// <summary>Top.</summary>
    public int? T { get; set; }

    /// <summary>Bottom.</summary>
    public int? B { get; set; }
}

/// <summary>
/// A line drawn over the plot. Coordinates refer to an axis ("x": data units) or to the axis's length
/// ("y domain": 0 is the bottom of the plotting area, 1 the top).
/// </summary>
public sealed record Shape
{
    /// <summary>"line".</summary>
    public string Type { get; set; } = "line";

    /// <summary>What x0 and x1 are measured in: "x", "x domain", "x2", ...</summary>
    public string? XRef { get; set; }

    /// <summary>What y0 and y1 are measured in: "y", "y domain", "y2", ...</summary>
    public string? YRef { get; set; }

    /// <summary>Start x.</summary>
    public double X0 { get; set; }

    /// <summary>End x.</summary>
    public double X1 { get; set; }

    /// <summary>Start y.</summary>
    public double Y0 { get; set; }

    /// <summary>End y.</summary>
    public double Y1 { get; set; }

    /// <summary>Colour, dash and width.</summary>
    public LineStyle? Line { get; set; }
}

/// <summary>Text on the plot (plotly.js calls it an annotation), optionally with an arrow pointing at (X, Y).</summary>
public sealed record Note
{
    /// <summary>The text (a little HTML is allowed).</summary>
    public string Text { get; set; } = "";

    /// <summary>Where the note points, in <see cref="XRef"/> units.</summary>
    public double X { get; set; }

    /// <summary>Where the note points, in <see cref="YRef"/> units.</summary>
    public double Y { get; set; }

    /// <summary>"x" (data), "x2", "paper" (figure fractions), ...</summary>
    public string? XRef { get; set; }

    /// <summary>"y" (data), "y2", "paper" (figure fractions), ...</summary>
    public string? YRef { get; set; }

    /// <summary>Which side of the text sits at X: "left", "center", "right".</summary>
    public string? XAnchor { get; set; }

    /// <summary>Which side of the text sits at Y: "top", "middle", "bottom".</summary>
    public string? YAnchor { get; set; }

    /// <summary>Whether an arrow points from the text to (X, Y).</summary>
    public bool ShowArrow { get; set; }

    /// <summary>Arrow head style, 0 to 8.</summary>
    public int? ArrowHead { get; set; }

    /// <summary>Where the arrow starts: x in <see cref="AXRef"/> units, or pixels from X when AXRef is null.</summary>
    public double? AX { get; set; }

    /// <summary>Where the arrow starts: y in <see cref="AYRef"/> units, or pixels from Y when AYRef is null.</summary>
    public double? AY { get; set; }

    /// <summary>"x" when <see cref="AX"/> is in data units.</summary>
    public string? AXRef { get; set; }

    /// <summary>"y" when <see cref="AY"/> is in data units.</summary>
    public string? AYRef { get; set; }

    /// <summary>Pixels left free between the arrow's head and (X, Y).</summary>
    public double? Standoff { get; set; }

    /// <summary>Pixels left free between the arrow's tail and (AX, AY).</summary>
    public double? StartStandoff { get; set; }

    /// <summary>The text's font.</summary>
    public Font? Font { get; set; }
}

/// <summary>A font's family, size and colour.</summary>
public sealed record Font
{
    /// <summary>A CSS font-family list, e.g. <c>"Noto Sans KR", sans-serif</c>.</summary>
    public string? Family { get; set; }

    /// <summary>Size in points.</summary>
    public double? Size { get; set; }

    /// <summary>A CSS colour.</summary>
    public string? Color { get; set; }
}
