using System.Globalization;
using NotebookCourse.Training;
using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NotebookCourse.Plotting;

/// <summary>
/// The course's charts, one call each. Every method returns a Plotly.NET <see cref="GenericChart"/>;
/// a notebook cell that ends with it shows the interactive chart.
/// </summary>
public static partial class Charts
{
    /// <summary>Plotly's default colours, used in order for series and classes.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The palette colour for series or class <paramref name="index"/> (wraps around).</summary>
    public static string ColorOf(int index) => Palette[((index % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>Several named lines on one chart, e.g. <c>Charts.Lines(("sigmoid", xs, ys), ("relu", xs, zs))</c>.</summary>
    public static GenericChart Lines(params (string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)[] series)
        => Lines(series, title: null);

    /// <summary>Several named lines on one chart with a title, axis titles and an optional log y axis.</summary>
    /// <exception cref="ArgumentException">No series, or a series whose x and y lengths differ.</exception>
    public static GenericChart Lines(
        IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series,
        string? title, string? xTitle = null, string? yTitle = null, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("Lines needs at least one series.", nameof(series));
        var charts = new List<GenericChart>();
        for (var i = 0; i < list.Count; i++)
        {
            var (name, x, y) = list[i];
            if (x.Count != y.Count)
            {
                throw new ArgumentException($"Series '{name}' has {x.Count} x values but {y.Count} y values.", nameof(series));
            }
            charts.Add(Line(name, x, y, ColorOf(i)));
        }
        return Finish(CsChart.Combine(charts), title, xTitle, yTitle, logY);
    }

    /// <summary>
    /// A family of curves y = f(x, p), one per parameter value p, sampled at <paramref name="points"/> steps
    /// over [from, to) — e.g. the sigmoid of W·x for W = 0.5, 1, 2. Each curve is named "<paramref name="paramName"/> = p";
    /// <paramref name="verticalLineAt"/> adds a dotted vertical reference line (null for none).
    /// </summary>
    /// <exception cref="ArgumentException">No parameters, to ≤ from, or fewer than 2 points.</exception>
    public static GenericChart FunctionFamily(
        Func<double, double, double> f, IEnumerable<double> parameters, double from, double to,
        int points = 200, string? title = null, string paramName = "p", double? verticalLineAt = 0,
        string xTitle = "x", string yTitle = "y")
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(parameters);
        var ps = parameters.ToList();
        if (ps.Count == 0) throw new ArgumentException("FunctionFamily needs at least one parameter value.", nameof(parameters));
        var xs = Samples(from, to, points);
        var series = ps.Select(p => (
            Name: $"{paramName} = {p.ToString(CultureInfo.InvariantCulture)}",
            X: (IReadOnlyList<double>)xs,
            Y: (IReadOnlyList<double>)Array.ConvertAll(xs, x => f(x, p))));
        var chart = Lines(series, title, xTitle, yTitle);
        return verticalLineAt is { } at ? chart.WithVerticalLine(at) : chart;
    }

    /// <summary>
    /// Training curves from a <see cref="History"/>: one panel per metric (default: every key without the
    /// "val_" prefix, e.g. loss and accuracy), each with the training line and, when recorded, the validation line.
    /// </summary>
    /// <exception cref="ArgumentException">A requested metric is not in the history, or the history is empty.</exception>
    public static GenericChart History(History history, params string[] metrics)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Epochs == 0) throw new ArgumentException("The history has no epochs yet; train first.", nameof(history));
        var keys = metrics is { Length: > 0 } ? metrics : [.. history.Keys.Where(k => !k.StartsWith("val_", StringComparison.Ordinal))];
        foreach (var key in keys)
        {
            if (!history.Contains(key))
            {
                throw new ArgumentException($"History has no '{key}'; it has: {string.Join(", ", history.Keys)}.", nameof(metrics));
            }
        }
        var panels = new List<GenericChart>();
        foreach (var key in keys)
        {
            var lines = new List<GenericChart> { Line(key, Epochs(history[key].Count), [.. history[key]], ColorOf(0)) };
            if (history.Contains("val_" + key))
            {
                var val = history["val_" + key];
                lines.Add(Line("val_" + key, Epochs(val.Count), [.. val], ColorOf(1)));
            }
            panels.Add(CsChart.Combine(lines).WithAxisTitles("epoch", key));
        }
        return Lean(CsChart.Grid(panels, 1, panels.Count, SubPlotTitles: keys, XGap: 0.15))
            .WithPixelSize(Math.Min(1000, 450 * panels.Count), 380);
    }

    /// <summary>
    /// Loss (or any per-epoch value) of several runs on one chart, e.g. one run per learning rate:
    /// <c>Charts.LossCurves(new[] { ("lr 0.1", h1), ("lr 0.01", h2) })</c>.
    /// </summary>
    public static GenericChart LossCurves(IEnumerable<(string Name, History History)> runs, string key = "loss", string? title = null, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return LossCurves(runs.Select(r => (r.Name, r.History[key])), title ?? key, key, logY);
    }

    /// <summary>Per-epoch values of several runs on one chart (x = epoch 1, 2, ...).</summary>
    public static GenericChart LossCurves(IEnumerable<(string Name, IReadOnlyList<double> Values)> runs, string? title = null, string yTitle = "loss", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return Lines(runs.Select(r => (r.Name, (IReadOnlyList<double>)Epochs(r.Values.Count), r.Values)), title, "epoch", yTitle, logY);
    }

    /// <summary>
    /// Per-layer gradient norms as grouped bars, one colour per series (e.g. sigmoid vs ReLU network), on a
    /// log scale by default so vanishing gradients stay visible.
    /// </summary>
    public static GenericChart GradientNorms(
        IEnumerable<(string Name, IReadOnlyList<(string Layer, double Norm)> Norms)> series,
        bool logScale = true, string? title = "Gradient norm per layer")
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("GradientNorms needs at least one series.", nameof(series));
        var bars = list.Select((s, i) => CsChart.Column<double, string, string>(
            values: s.Norms.Select(n => n.Norm),
            Keys: s.Norms.Select(n => n.Layer).ToArray(),
            Name: s.Name,
            MarkerColor: Color.fromString(ColorOf(i))));
        return Finish(CsChart.Combine(bars), title, "layer", "gradient norm", logScale);
    }

    /// <summary>Per-layer gradient norms of one network as bars.</summary>
    public static GenericChart GradientNorms(IReadOnlyList<(string Layer, double Norm)> norms, bool logScale = true, string? title = "Gradient norm per layer")
        => GradientNorms([("gradient norm", norms)], logScale, title);

    // --- helpers shared by the chart files ---

    internal static GenericChart Line(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string color)
        => CsChart.Line<double, double, string>(x: x, y: y, Name: name, LineColor: Color.fromString(color));

    internal static double[] Epochs(int count)
    {
        var epochs = new double[count];
        for (var i = 0; i < count; i++) epochs[i] = i + 1;
        return epochs;
    }

    internal static GenericChart Finish(GenericChart chart, string? title, string? xTitle, string? yTitle, bool logY = false)
    {
        chart = chart.WithAxisTitles(xTitle, yTitle, logY);
        return Lean(title is null ? chart : chart.WithTitle(title));
    }

    /// <summary>
    /// Drops Plotly.NET's default template from the chart's layout. Serialising that template costs about a
    /// second per chart (measured: 1.3 s warm for a two-point line, 0 ms without it); plotly.js's own
    /// defaults look the same to a learner.
    /// </summary>
    internal static GenericChart Lean(GenericChart chart)
    {
        GenericChart.getLayout(chart).RemoveProperty("template");
        return chart;
    }
}
