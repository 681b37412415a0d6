using System.Globalization;
using System.Numerics;
using NotebookCourse.Presentation;

namespace NotebookCourse.Plotting;

/// <summary>
/// A chart: a small typed model of a plotly.js figure, its <see cref="Traces"/> (the data, drawn as lines,
/// markers, bars or heatmaps) and its <see cref="Layout"/> (title, axes, legend). Build it with chained calls,
/// <code>new Figure().Line(xs, ys, name: "cost").Title("Gradient descent").XAxis("w").YAxis("J(w)", log: true)</code>
/// and end a notebook cell with it (or pass it to <c>display</c>): it shows as an interactive plotly.js chart
/// that takes the width of the notebook. <see cref="ToJson"/> gives the figure as plotly.js reads it.
/// </summary>
[TypeFormatterSource(typeof(FormatterSource), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed partial class Figure : IHtmlDisplayable
{
    /// <summary>The height of a figure, in pixels, until <see cref="Height"/> changes it.</summary>
    public const int DefaultHeight = 420;

    /// <summary>
    /// The font figures ask for (<see cref="Layout.Font"/>): the exported site's own list. On the site "Noto Sans KR"
    /// is the Korean font the site bundles, so Korean axis titles and legends show on any machine; in VS Code
    /// the figure falls back to the system's fonts (its Korean font for Hangul).
    /// </summary>
    public const string FontFamily =
        "\"Noto Sans KR\", system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"Apple SD Gothic Neo\", \"Malgun Gothic\", \"NanumGothic\", \"Noto Sans CJK KR\", sans-serif";

    /// <summary>
    /// Ten clearly different colours that stay distinguishable with colour-blindness: Okabe and Ito's palette
    /// without its yellow (too pale for a line on white), black last, and three of Paul Tol's (wine, olive,
    /// indigo). Traces without a colour of their own take the next unused one, so the entries of a legend
    /// never share a colour (up to ten traces).
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#882255", "#999933", "#332288", "#000000"];

    private readonly List<Trace> _traces = [];

    /// <summary>The traces in drawing order (later ones on top).</summary>
    public IReadOnlyList<Trace> Traces => _traces;

    /// <summary>Title, axes, legend, size, reference lines and notes: change it for anything the chained calls do not offer.</summary>
    public Layout Layout { get; } = new();

    /// <summary>
    /// Adds a trace built by hand. A scatter or bar trace without a <see cref="Trace.Color"/> takes the
    /// first <see cref="Palette"/> colour no other trace of the figure uses.
    /// </summary>
    public Figure Add(Trace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.Color is null && trace is not HeatmapTrace)
        {
            trace.Color = NextPaletteColor(_traces);
            trace.PaletteColor = true;
        }
        _traces.Add(trace);
        return this;
    }

    // The first palette colour no trace uses yet; past ten traces the palette starts again.
    private static string NextPaletteColor(IEnumerable<Trace> traces)
    {
        var used = new HashSet<string>(traces.Select(t => t.Color).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        return Palette.FirstOrDefault(c => !used.Contains(c)) ?? Palette[traces.Count(t => t.PaletteColor) % Palette.Count];
    }

    /// <summary>
    /// A line through the points (x[i], y[i]). Numbers may be double, float or int.
    /// <paramref name="dash"/>: "solid", "dot", "dash" or "dashdot"; <paramref name="color"/>: any CSS colour
    /// (null: the next palette colour); <paramref name="width"/> in pixels.
    /// </summary>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public Figure Line<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, string? dash = null, string? color = null, double? width = null)
        where TX : INumber<TX>
        where TY : INumber<TY>
    {
        var trace = Points("lines", x, y, name);
        trace.Line = new LineStyle { Color = color, Dash = dash, Width = width };
        return Add(trace);
    }

    /// <summary>A line through y[0], y[1], ... at x = 0, 1, 2, ... (a value per step or epoch).</summary>
    public Figure Line<TY>(IEnumerable<TY> y, string? name = null, string? dash = null, string? color = null, double? width = null)
        where TY : INumber<TY>
    {
        var ys = ToDoubles(y);
        return Line(Enumerable.Range(0, ys.Length), ys, name, dash, color, width);
    }

    /// <summary>
    /// Points (x[i], y[i]) as markers, not joined. <paramref name="size"/> in pixels; <paramref name="symbol"/>
    /// a plotly symbol ("circle", "square", "diamond", "x", ...); <paramref name="text"/> one hover label per point.
    /// </summary>
    /// <exception cref="ArgumentException">x, y (or text) differ in length.</exception>
    public Figure Markers<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, string? color = null,
        double? size = null, string? symbol = null, IEnumerable<string>? text = null)
        where TX : INumber<TX>
        where TY : INumber<TY>
    {
        var trace = Points("markers", x, y, name);
        trace.Marker = new MarkerStyle { Color = color, Size = size, Symbol = symbol };
        if (text is not null)
        {
            trace.Text = [.. text];
            if (trace.Text.Length != trace.X.Length)
            {
                throw new ArgumentException($"Markers {Quoted(name)}has {trace.X.Length} points but {trace.Text.Length} text labels.", nameof(text));
            }
        }
        return Add(trace);
    }

    /// <summary>A line through the points with a marker on each.</summary>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public Figure LinesAndMarkers<TX, TY>(IEnumerable<TX> x, IEnumerable<TY> y, string? name = null, string? color = null,
        string? dash = null, double? size = null)
        where TX : INumber<TX>
        where TY : INumber<TY>
    {
        var trace = Points("lines+markers", x, y, name);
        trace.Line = new LineStyle { Color = color, Dash = dash };
        trace.Marker = new MarkerStyle { Color = color, Size = size };
        return Add(trace);
    }

    /// <summary>One bar per category. Several Bar calls stand side by side, one colour each.</summary>
    /// <exception cref="ArgumentException">Categories and values differ in length.</exception>
    public Figure Bar<T>(IEnumerable<string> categories, IEnumerable<T> values, string? name = null, string? color = null)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(categories);
        var trace = new BarTrace { Name = name, X = [.. categories], Y = ToDoubles(values) };
        if (trace.X.Length != trace.Y.Length)
        {
            throw new ArgumentException($"Bar {Quoted(name)}has {trace.X.Length} categories but {trace.Y.Length} values.", nameof(values));
        }
        trace.Marker = new MarkerStyle { Color = color };
        return Add(trace);
    }

    /// <summary>
    /// A matrix as coloured cells, row 0 at the top as it is printed, with a colour bar; or with the value
    /// written in every cell (<paramref name="showValues"/>). "Blues" (the default) and "Greys" run from white
    /// for the smallest value to dark for the largest; any other plotly.js scale name ("Viridis") is used as is.
    /// </summary>
    /// <exception cref="ArgumentException">A label count differs from the matrix's size.</exception>
    public Figure Heatmap(double[,] z, IEnumerable<string>? xLabels = null, IEnumerable<string>? yLabels = null,
        string colorScale = "Blues", bool showValues = false)
    {
        ArgumentNullException.ThrowIfNull(z);
        int rows = z.GetLength(0), cols = z.GetLength(1);
        var trace = new HeatmapTrace
        {
            Z = [.. Enumerable.Range(0, rows).Select(r => Enumerable.Range(0, cols).Select(c => z[r, c]).ToArray())],
            X = xLabels?.ToArray(),
            Y = yLabels?.ToArray(),
            ColorScale = NamedScale(colorScale),
            ShowScale = !showValues,
            HoverTemplate = "row %{y}, column %{x}: %{z}<extra></extra>",
        };
        if (trace.X is { } xs && xs.Length != cols) throw new ArgumentException($"Heatmap got {xs.Length} x labels for {cols} columns.", nameof(xLabels));
        if (trace.Y is { } ys && ys.Length != rows) throw new ArgumentException($"Heatmap got {ys.Length} y labels for {rows} rows.", nameof(yLabels));
        if (showValues) WriteValues(trace.Z);
        Add(trace);
        var yAxis = Layout.AxisNamed("yaxis");
        yAxis.AutoRange = "reversed";
        if (trace.Y is not null) yAxis.Type = "category";
        if (trace.X is not null) Layout.AxisNamed("xaxis").Type = "category";
        return this;
    }

    /// <summary>
    /// A grey-scale image, ink dark on white, first pixel row at the top and square pixels, with no ticks:
    /// <paramref name="pixels"/> is [height, width], [1, height, width] or a square [side·side] (an MNIST row).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not an image shape.</exception>
    public Figure Image(Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var (height, width) = ImageSize(pixels.Shape);
        var rows = new double[height][];
        for (var r = 0; r < height; r++)
        {
            rows[r] = new double[width];
            for (var c = 0; c < width; c++) rows[r][c] = FromFloat(pixels.Data[r * width + c]);
        }
        return AddImage(rows);
    }

    /// <summary>A grey-scale image from a [height, width] array (see <see cref="Image(Tensor)"/>).</summary>
    public Figure Image(float[,] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        int height = pixels.GetLength(0), width = pixels.GetLength(1);
        var rows = new double[height][];
        for (var r = 0; r < height; r++)
        {
            rows[r] = new double[width];
            for (var c = 0; c < width; c++) rows[r][c] = FromFloat(pixels[r, c]);
        }
        return AddImage(rows);
    }

    // The value of every cell as a note on it: white on the darker half of the scale, black on the paler half.
    private void WriteValues(double[][] z)
    {
        var values = z.SelectMany(row => row).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var middle = (values.Min() + values.Max()) / 2;
        for (var r = 0; r < z.Length; r++)
        {
            for (var c = 0; c < z[r].Length; c++)
            {
                // On a category axis a note's position is the category's index.
                (Layout.Annotations ??= []).Add(new Note
                {
                    Text = NumberText.Short(z[r][c]),
                    X = c,
                    Y = r,
                    XRef = "x",
                    YRef = "y",
                    ShowArrow = false,
                    Font = new Font { Color = z[r][c] > middle ? "white" : "black" },
                });
            }
        }
    }

    private Figure AddImage(double[][] rows)
    {
        Add(new HeatmapTrace
        {
            Z = rows,
            ColorScale = NamedScale("Greys"),
            HoverTemplate = "row %{y}, column %{x}: %{z}<extra></extra>",
        });
        foreach (var name in new[] { "xaxis", "yaxis" })
        {
            var axis = Layout.AxisNamed(name);
            axis.ShowTickLabels = false;
            axis.Ticks = "";
            axis.ShowGrid = false;
            axis.ZeroLine = false;
            axis.Constrain = "domain";
        }
        Layout.AxisNamed("yaxis").AutoRange = "reversed";
        Layout.AxisNamed("yaxis").ScaleAnchor = "x";
        Layout.PlotBackground = "white";
        return this;
    }

    // --- helpers, also used by Charts ---

    private static ScatterTrace Points<TX, TY>(string mode, IEnumerable<TX> x, IEnumerable<TY> y, string? name)
        where TX : INumber<TX>
        where TY : INumber<TY>
    {
        var trace = new ScatterTrace { Mode = mode, Name = name, X = ToDoubles(x), Y = ToDoubles(y) };
        if (trace.X.Length != trace.Y.Length)
        {
            var kind = mode == "lines" ? "Line" : mode == "markers" ? "Markers" : "LinesAndMarkers";
            throw new ArgumentException($"{kind} {Quoted(name)}has {trace.X.Length} x values but {trace.Y.Length} y values.", nameof(y));
        }
        return trace;
    }

    private static string Quoted(string? name) => name is null ? "" : $"'{name}' ";

    /// <summary>
    /// Numbers of any type as doubles. A float keeps its own shortest digits (0.1f becomes 0.1, not
    /// 0.100000001490116), so the JSON stays short and reads like the numbers printed.
    /// </summary>
    internal static double[] ToDoubles<T>(IEnumerable<T> values)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. values.Select(v => v is float f ? FromFloat(f) : double.CreateChecked(v))];
    }

    /// <summary>A float as the double with the same shortest decimal digits (0.1f → 0.1).</summary>
    internal static double FromFloat(float value)
        => float.IsFinite(value) ? double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;

    // "Blues" and "Greys" as stops from white (low) to dark (high); plotly's own scales of these names run the other way.
    internal static object NamedScale(string name) => name switch
    {
        "Blues" => new object[][] { [0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"] },
        "Greys" => new object[][] { [0.0, "#ffffff"], [1.0, "#000000"] },
        _ => name,
    };

    private static (int Height, int Width) ImageSize(int[] shape)
    {
        switch (shape.Length)
        {
            case 2:
                return (shape[0], shape[1]);
            case 3 when shape[0] == 1:
                return (shape[1], shape[2]);
            case 1:
                var side = (int)Math.Round(Math.Sqrt(shape[0]));
                if (side * side == shape[0] && side > 0) return (side, side);
                break;
        }
        throw new ArgumentException(
            $"Image needs pixels shaped [height, width], [1, height, width] or a square [side*side]; got {Tensor.ShapeText(shape)}.", "pixels");
    }
}
