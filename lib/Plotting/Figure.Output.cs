using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NotebookCourse.Plotting;

// What a figure becomes: the plotly.js JSON (with the ticks of log axes chosen from the data) and a one-line summary.
public sealed partial class Figure
{
    /// <summary>
    /// The figure as plotly.js reads it: <c>{"data": [...], "layout": {...}}</c>. Log axes get their ticks
    /// here (they depend on the data), every axis may widen the margin so no label is cut, and the legend
    /// goes under the plot unless <see cref="Layout"/> places it.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(new FigureData(_traces, ResolvedLayout()), FigureJson.Options);

    /// <summary>A one-line summary, e.g. "Figure: 2 traces (line 'loss', line 'val_loss'); title 'History'".</summary>
    public override string ToString()
    {
        var text = new StringBuilder("Figure: ");
        text.Append(_traces.Count == 1 ? "1 trace" : $"{_traces.Count} traces");
        if (_traces.Count is > 0 and <= 8) text.Append(" (").Append(string.Join(", ", _traces.Select(t => t.Describe()))).Append(')');
        else if (_traces.Count > 8) text.Append(" (").Append(string.Join(", ", _traces.GroupBy(t => t.Kind).Select(g => $"{g.Count()} {g.Key}"))).Append(')');
        var subplots = Layout.Axes.Keys.Count(k => k.StartsWith("xaxis", StringComparison.Ordinal));
        if (subplots > 1) text.Append($"; {subplots} subplots");
        if (Layout.Title?.Text is { } title) text.Append("; title '").Append(title).Append('\'');
        return text.ToString();
    }

    // The layout as written: a copy with the log axes' ticks chosen from the data and margins that grow for labels.
    private Layout ResolvedLayout()
    {
        var layout = Layout.Copy();
        if (_traces.Count > 0)
        {
            layout.AxisNamed("xaxis");
            layout.AxisNamed("yaxis");
        }
        foreach (var (name, value) in layout.Axes)
        {
            if (value is not Axis axis) continue;
            axis.AutoMargin ??= true;
            if (axis.Type == "log" && axis.DTick is null) LogTicks(axis, AxisValues(name));
            // A log axis whose tick step the notebook chose still reads 10⁻⁴, never plotly's SI "100µ".
            if (axis.Type == "log") axis.ExponentFormat ??= "power";
        }
        // The legend under the plot, its entries side by side: they wrap on a narrow screen instead of
        // squeezing the plot or being cut, as a legend on the right would.
        layout.Legend ??= new LegendStyle { Orientation = "h", X = 0, XAnchor = "left", Y = 0, YAnchor = "bottom", YRef = "container" };
        layout.Margin ??= new Margin { L = 60, R = 20, T = 30, B = 50 };
        if (layout.Title is not null)
        {
            // Subplot titles stand just above their plots: the figure's title then needs a higher margin.
            var subplotTitles = layout.Annotations?.Any(n => n.YRef == "paper" && n.Y >= 1) == true;
            layout.Margin.T = Math.Max(layout.Margin.T ?? 0, subplotTitles ? 90 : 60);
        }
        return layout;
    }

    /// <summary>
    /// Ticks a reader can read on a log axis. When the data passes three or more powers of ten: one labelled
    /// tick per power (fewer past nine), written 0.01, 0.1, 1 — or 10⁻⁶ once the data goes below 0.001 or
    /// above 10 000. Over a shorter span: ticks at 1, 2 and 5 times each power (every digit within one
    /// power), each labelled with its full number — never plotly's lone "2" and "5", nor labels on top of
    /// each other.
    /// </summary>
    internal static void LogTicks(Axis axis, IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0) return;
        double low = positive.Min(), high = positive.Max();
        var powers = Math.Floor(Math.Log10(high)) - Math.Ceiling(Math.Log10(low)) + 1;
        if (powers >= 3)
        {
            axis.DTick = Math.Ceiling(powers / 9);
            axis.ExponentFormat ??= low < 1e-3 || high > 1e4 ? "power" : "none";
            return;
        }
        axis.TickFormat ??= "~g";
        int[] digits = high / low >= 10 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var ticks = new List<double>();
        for (var power = (int)Math.Floor(Math.Log10(low)) - 1; power <= (int)Math.Ceiling(Math.Log10(high)); power++)
        {
            foreach (var digit in digits)
            {
                // Parsed, not multiplied: 3e-1 is 0.3 exactly as written, where 3 * 0.1 is 0.30000000000000004.
                ticks.Add(double.Parse($"{digit}e{power}", CultureInfo.InvariantCulture));
            }
        }
        // Ticks a little beyond the data too, as plotly's range has a margin; fewer than two inside: plotly's own.
        if (ticks.Count(t => t >= low && t <= high) >= 2) axis.TickVals = [.. ticks.Where(t => t >= low / 2 && t <= high * 2)];
    }

    // The data values drawn along the axis called name ("yaxis2" -> traces with YAxis "y2").
    private IEnumerable<double> AxisValues(string axisName)
    {
        var isX = axisName.StartsWith('x');
        var id = axisName[0] + axisName["xaxis".Length..];
        foreach (var trace in _traces)
        {
            if ((isX ? trace.XAxis ?? "x" : trace.YAxis ?? "y") != id) continue;
            var values = trace switch
            {
                ScatterTrace s => isX ? s.X : s.Y,
                BarTrace b when !isX => b.Y,
                _ => [],
            };
            foreach (var v in values) yield return v;
        }
    }
}
