using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NotebookCourse.Plotting;

public static partial class Charts
{
    /// <summary>
    /// Several functions of x on one chart, sampled at <paramref name="points"/> steps over [from, to) — e.g.
    /// ReLU, Leaky ReLU and ELU with their derivatives: <c>Charts.Functions([("relu", x =&gt; Math.Max(0, x))], -3, 3)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No functions, to ≤ from, or fewer than 2 points.</exception>
    public static GenericChart Functions(
        IEnumerable<(string Name, Func<double, double> F)> functions, double from, double to, int points = 200,
        string? title = null, double? verticalLineAt = null, string xTitle = "x", string yTitle = "y")
    {
        ArgumentNullException.ThrowIfNull(functions);
        var list = functions.ToList();
        if (list.Count == 0) throw new ArgumentException("Functions needs at least one function.", nameof(functions));
        var xs = Samples(from, to, points);
        var chart = Lines(list.Select(f => (f.Name, (IReadOnlyList<double>)xs, (IReadOnlyList<double>)Array.ConvertAll(xs, x => f.F(x)))), title, xTitle, yTitle);
        return verticalLineAt is { } at ? chart.WithVerticalLine(at) : chart;
    }

    /// <summary>Points (x[i], y[i]) as markers, e.g. the data behind a fitted line; combine with <see cref="Combine"/>.</summary>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public static GenericChart Scatter(IReadOnlyList<double> x, IReadOnlyList<double> y, string name = "data", string? title = null, string? xTitle = null, string? yTitle = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"Scatter '{name}' has {x.Count} x values but {y.Count} y values.", nameof(y));
        var chart = CsChart.Point<double, double, string>(x: x, y: y, Name: name, MarkerColor: Color.fromString(ColorOf(0)));
        return Finish(chart, title, xTitle, yTitle);
    }

    /// <summary>
    /// 2-feature samples coloured by class, one legend entry per class: <paramref name="points"/> is [n, 2],
    /// <paramref name="labels"/> the class index of each row.
    /// </summary>
    /// <exception cref="ArgumentException">Points not [n, 2] or a label count that differs.</exception>
    public static GenericChart Scatter(Tensor points, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null,
        string? title = null, string xTitle = "x1", string yTitle = "x2")
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (points.Rank != 2 || points.Shape[1] != 2)
        {
            throw new ArgumentException($"Scatter needs points shaped [n, 2]; got {NotebookCourse.Tensor.ShapeText(points.Shape)}.", nameof(points));
        }
        if (labels.Count != points.Shape[0]) throw new ArgumentException($"Got {labels.Count} labels for {points.Shape[0]} points.", nameof(labels));
        var classCount = Math.Max(classNames?.Count ?? 0, labels.DefaultIfEmpty(0).Max() + 1);
        return Finish(CsChart.Combine(ClassPoints(points, labels, classCount, classNames)), title, xTitle, yTitle);
    }

    /// <summary>Several charts drawn on the same axes (Plotly.NET's Chart.Combine, without the name clash).</summary>
    public static GenericChart Combine(params GenericChart[] charts)
    {
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Length == 0) throw new ArgumentException("Combine needs at least one chart.", nameof(charts));
        return Lean(CsChart.Combine(charts));
    }

    internal static double[] Samples(double from, double to, int points)
    {
        if (!(to > from)) throw new ArgumentException($"The range [{from}, {to}) is empty: 'to' must be larger than 'from'.", nameof(to));
        if (points < 2) throw new ArgumentException($"Need at least 2 points, got {points}.", nameof(points));
        var xs = new double[points];
        for (var i = 0; i < points; i++) xs[i] = from + (to - from) * i / points;
        return xs;
    }

    // One marker trace per class that has points, in the class's palette colour.
    internal static List<GenericChart> ClassPoints(Tensor points, IReadOnlyList<int> labels, int classCount, IReadOnlyList<string>? classNames)
    {
        var layers = new List<GenericChart>();
        for (var k = 0; k < classCount; k++)
        {
            var px = new List<double>();
            var py = new List<double>();
            for (var i = 0; i < labels.Count; i++)
            {
                if (labels[i] != k) continue;
                px.Add(points.Data[2 * i]);
                py.Add(points.Data[2 * i + 1]);
            }
            if (px.Count == 0) continue;
            var name = classNames is not null && k < classNames.Count ? classNames[k] : "class " + k.ToString(CultureInfo.InvariantCulture);
            layers.Add(CsChart.Point<double, double, string>(x: px, y: py, Name: name, MarkerColor: Color.fromString(ColorOf(k))));
        }
        return layers;
    }
}
