using System.Text.Json.Serialization;

namespace NotebookCourse.Plotting;

/// <summary>
/// One plotly.js trace: a set of data drawn one way (a line, markers, bars, a heatmap). Property names are
/// plotly.js attribute names in PascalCase (<c>ShowLegend</c> is plotly's <c>showlegend</c>); unset (null)
/// properties are left out of the JSON so plotly.js uses its own defaults.
/// </summary>
[JsonDerivedType(typeof(ScatterTrace))]
[JsonDerivedType(typeof(BarTrace))]
[JsonDerivedType(typeof(HeatmapTrace))]
public abstract class Trace
{
    /// <summary>Creates a trace of plotly.js's type <paramref name="type"/>.</summary>
    protected Trace(string type) => Type = type;

    /// <summary>plotly.js's trace type: "scatter", "bar" or "heatmap".</summary>
    [JsonPropertyOrder(-2)]
    public string Type { get; }

    /// <summary>The name shown in the legend and on hover.</summary>
    [JsonPropertyOrder(-1)]
    public string? Name { get; set; }

    /// <summary>False keeps the trace out of the legend.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>The x axis the trace is drawn on: null or "x" for the first subplot, "x2" for the second, ...</summary>
    public string? XAxis { get; set; }

    /// <summary>The y axis the trace is drawn on: null or "y" for the first subplot, "y2" for the second, ...</summary>
    public string? YAxis { get; set; }

    /// <summary>What hovering shows, e.g. "skip" for nothing.</summary>
    public string? HoverInfo { get; set; }

    /// <summary>The hover text with plotly placeholders, e.g. "%{x}: %{y}&lt;extra&gt;&lt;/extra&gt;".</summary>
    public string? HoverTemplate { get; set; }

    /// <summary>The trace's one colour (line, markers or bars); null for a heatmap, which uses a colour scale.</summary>
    [JsonIgnore]
    public abstract string? Color { get; set; }

    /// <summary>True when <see cref="Figure.Add"/> chose <see cref="Color"/> from <see cref="Figure.Palette"/>.</summary>
    [JsonIgnore]
    internal bool PaletteColor { get; set; }

    /// <summary>A short description for <see cref="Figure.ToString"/>, e.g. "line 'loss'".</summary>
    internal string Describe() => Kind + (Name is null ? "" : $" '{Name}'");

    /// <summary>"line", "markers", "bar", "heatmap", ...</summary>
    internal abstract string Kind { get; }

    /// <summary>A copy that can be changed (moved to another subplot, recoloured) without changing this one.</summary>
    internal abstract Trace Copy();
}

/// <summary>Points (x[i], y[i]) drawn as a line, as markers or both: plotly.js's "scatter" trace.</summary>
public sealed class ScatterTrace : Trace
{
    /// <summary>Creates an empty "scatter" trace.</summary>
    public ScatterTrace()
        : base("scatter")
    {
    }

    /// <summary>"lines", "markers", "lines+markers" or "markers+text".</summary>
    public string Mode { get; set; } = "lines";

    /// <summary>The x coordinates.</summary>
    public double[] X { get; set; } = [];

    /// <summary>The y coordinates, one per x.</summary>
    public double[] Y { get; set; } = [];

    /// <summary>A label per point: shown on hover, or beside the marker in mode "markers+text".</summary>
    public string[]? Text { get; set; }

    /// <summary>Where labels sit in mode "markers+text", e.g. "top center".</summary>
    public string? TextPosition { get; set; }

    /// <summary>The line's colour, dash and width.</summary>
    public LineStyle? Line { get; set; }

    /// <summary>The markers' colour, size and symbol.</summary>
    public MarkerStyle? Marker { get; set; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string? Color
    {
        get => Mode.Contains("lines", StringComparison.Ordinal) ? Line?.Color : Marker?.Color;
        set
        {
            if (Mode.Contains("lines", StringComparison.Ordinal)) (Line ??= new LineStyle()).Color = value;
            if (Mode.Contains("markers", StringComparison.Ordinal)) (Marker ??= new MarkerStyle()).Color = value;
        }
    }

    internal override string Kind => Mode switch
    {
        "lines" => "line",
        "lines+markers" => "line+markers",
        _ => "markers",
    };

    internal override Trace Copy()
    {
        var copy = (ScatterTrace)MemberwiseClone();
        copy.Line = Line is null ? null : Line with { };
        copy.Marker = Marker is null ? null : Marker with { Line = Marker.Line is null ? null : Marker.Line with { } };
        return copy;
    }
}

/// <summary>One bar per category: plotly.js's "bar" trace. Several bar traces stand side by side.</summary>
public sealed class BarTrace : Trace
{
    /// <summary>Creates an empty "bar" trace.</summary>
    public BarTrace()
        : base("bar")
    {
    }

    /// <summary>The category under each bar.</summary>
    public string[] X { get; set; } = [];

    /// <summary>The height of each bar.</summary>
    public double[] Y { get; set; } = [];

    /// <summary>The bars' colour.</summary>
    public MarkerStyle? Marker { get; set; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string? Color
    {
        get => Marker?.Color;
        set => (Marker ??= new MarkerStyle()).Color = value;
    }

    internal override string Kind => "bar";

    internal override Trace Copy()
    {
        var copy = (BarTrace)MemberwiseClone();
        copy.Marker = Marker is null ? null : Marker with { };
        return copy;
    }
}

/// <summary>
/// A grid of values drawn as coloured cells: plotly.js's "heatmap" trace (confusion matrices, images,
/// decision regions). Row <c>Z[0]</c> is drawn at the bottom unless the y axis is reversed.
/// </summary>
public sealed class HeatmapTrace : Trace
{
    /// <summary>Creates an empty "heatmap" trace.</summary>
    public HeatmapTrace()
        : base("heatmap")
    {
    }

    /// <summary>The values, one array per row.</summary>
    public double[][] Z { get; set; } = [];

    /// <summary>Category names of the columns (null: columns at <see cref="X0"/>, X0 + <see cref="DX"/>, ...).</summary>
    public string[]? X { get; set; }

    /// <summary>Category names of the rows (null: rows at <see cref="Y0"/>, Y0 + <see cref="DY"/>, ...).</summary>
    public string[]? Y { get; set; }

    /// <summary>The x coordinate of the first column.</summary>
    public double? X0 { get; set; }

    /// <summary>The x distance between columns.</summary>
    public double? DX { get; set; }

    /// <summary>The y coordinate of the first row.</summary>
    public double? Y0 { get; set; }

    /// <summary>The y distance between rows.</summary>
    public double? DY { get; set; }

    /// <summary>
    /// How values become colours: a plotly scale name ("Blues") or stops from 0 (lowest value) to 1 (highest),
    /// e.g. <c>new object[][] { [0.0, "#ffffff"], [1.0, "#000000"] }</c>.
    /// </summary>
    public object? ColorScale { get; set; }

    /// <summary>True flips the colour scale.</summary>
    public bool? ReverseScale { get; set; }

    /// <summary>Whether the colour bar is shown beside the plot.</summary>
    public bool ShowScale { get; set; }

    /// <summary>The value drawn with the scale's first colour (null: the smallest value).</summary>
    public double? ZMin { get; set; }

    /// <summary>The value drawn with the scale's last colour (null: the largest value).</summary>
    public double? ZMax { get; set; }

    /// <summary>0 (invisible) to 1 (opaque).</summary>
    public double? Opacity { get; set; }

    /// <summary>Pixels between columns.</summary>
    public double? XGap { get; set; }

    /// <summary>Pixels between rows.</summary>
    public double? YGap { get; set; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string? Color
    {
        get => null;
        set { }
    }

    internal override string Kind => "heatmap";

    internal override Trace Copy() => (HeatmapTrace)MemberwiseClone();
}

/// <summary>How a line is drawn.</summary>
public sealed record LineStyle
{
    /// <summary>A CSS colour, e.g. "#0072B2" or "gray".</summary>
    public string? Color { get; set; }

    /// <summary>"solid", "dot", "dash" or "dashdot".</summary>
    public string? Dash { get; set; }

    /// <summary>Width in pixels.</summary>
    public double? Width { get; set; }
}

/// <summary>How markers (or bars) are drawn.</summary>
public sealed record MarkerStyle
{
    /// <summary>A CSS colour.</summary>
    public string? Color { get; set; }

    /// <summary>Diameter in pixels.</summary>
    public double? Size { get; set; }

    /// <summary>A plotly symbol name: "circle", "square", "diamond", "x", "triangle-up", ...</summary>
    public string? Symbol { get; set; }

    /// <summary>The outline around each marker.</summary>
    public LineStyle? Line { get; set; }
}
