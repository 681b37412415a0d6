using System.Globalization;

namespace NotebookCourse.Plotting;

/// <summary>
/// The course's pictures, one call each. Every method returns a <see cref="Figure"/>: end a notebook cell
/// with it to see it, or keep changing it with chained calls (<c>.Title(...)</c>, <c>.YAxis(log: true)</c>).
/// </summary>
public static partial class Charts
{
    /// <summary>Several named lines on one chart, e.g. <c>Charts.Lines(("sigmoid", xs, ys), ("relu", xs, zs))</c>.</summary>
    public static Figure Lines(params (string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)[] series)
        => Lines(series, title: null);

    /// <summary>Several named lines on one chart with a title, axis titles and an optional log y axis.</summary>
    /// <exception cref="ArgumentException">No series, or a series whose x and y lengths differ.</exception>
    public static Figure Lines(
        IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series,
        string? title, string? xTitle = "x", string? yTitle = "y", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(series);
        var figure = new Figure();
        foreach (var (name, x, y) in series) figure.Line(x, y, name);
        if (figure.Traces.Count == 0) throw new ArgumentException("Lines needs at least one series.", nameof(series));
        return figure.Title(title).XAxis(xTitle).YAxis(yTitle, log: logY);
    }

    /// <summary>
    /// A family of curves y = f(x, p), one per parameter value p, each named "p = value" — e.g. the sigmoid of
    /// W·x for W = 0.5, 1, 2: <c>Charts.FunctionFamily((x, w) =&gt; Sigmoid(w * x), [0.5, 1, 2], -5, 5, paramName: "W")</c>.
    /// Each curve has <paramref name="points"/> samples from <paramref name="from"/> to <paramref name="to"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No parameter values, to ≤ from, or fewer than 2 points.</exception>
    public static Figure FunctionFamily(
        Func<double, double, double> f, IEnumerable<double> parameterValues, double from, double to, int points = 200,
        string? title = null, string paramName = "p", string? xTitle = "x", string? yTitle = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(parameterValues);
        var xs = Samples(from, to, points);
        var figure = new Figure();
        foreach (var p in parameterValues)
        {
            figure.Line(xs, xs.Select(x => f(x, p)), name: $"{paramName} = {p.ToString(CultureInfo.InvariantCulture)}");
        }
        if (figure.Traces.Count == 0) throw new ArgumentException("FunctionFamily needs at least one parameter value.", nameof(parameterValues));
        return figure.Title(title).XAxis(xTitle).YAxis(yTitle ?? $"f({xTitle ?? "x"}, {paramName})");
    }

    /// <summary>
    /// Several named functions of x on one chart, e.g. activations:
    /// <c>Charts.Functions(-3, 3, ("ReLU", x =&gt; Math.Max(0, x)), ("tanh", Math.Tanh))</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No functions, or to ≤ from.</exception>
    public static Figure Functions(double from, double to, params (string Name, Func<double, double> F)[] functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        if (functions.Length == 0) throw new ArgumentException("Functions needs at least one function.", nameof(functions));
        var xs = Samples(from, to, 200);
        var figure = new Figure();
        foreach (var (name, f) in functions) figure.Line(xs, xs.Select(f), name);
        return figure.XAxis("x").YAxis("f(x)");
    }

    /// <summary>
    /// A function and its derivative on one chart, the derivative dashed — e.g. the sigmoid and σ′ = σ(1 − σ),
    /// whose peak of 0.25 is why deep sigmoid networks learn slowly.
    /// </summary>
    /// <exception cref="ArgumentException">to ≤ from.</exception>
    public static Figure FunctionWithDerivative(Func<double, double> f, Func<double, double> derivative, double from, double to,
        string name = "f", string? title = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(derivative);
        var xs = Samples(from, to, 200);
        return new Figure()
            .Line(xs, xs.Select(f), name: $"{name}(x)")
            .Line(xs, xs.Select(derivative), name: $"{name}′(x)", dash: "dash")
            .Title(title)
            .XAxis("x")
            .YAxis($"{name}(x) and {name}′(x)");
    }

    /// <summary><paramref name="points"/> evenly spaced values from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    internal static double[] Samples(double from, double to, int points)
    {
        if (!double.IsFinite(from) || !double.IsFinite(to) || !(to > from))
        {
            throw new ArgumentException($"The range [{from}, {to}] is empty: 'to' must be larger than 'from'.", nameof(to));
        }
        if (points < 2) throw new ArgumentException($"Need at least 2 points, got {points}.", nameof(points));
        var xs = new double[points];
        for (var i = 0; i < points; i++) xs[i] = from + (to - from) * i / (points - 1);
        return xs;
    }

    /// <summary>The palette colour of class or series <paramref name="index"/> (the palette repeats after ten).</summary>
    internal static string ColorOf(int index) => Figure.Palette[((index % Figure.Palette.Count) + Figure.Palette.Count) % Figure.Palette.Count];

    /// <summary>1, 2, ..., count: epochs as Keras counts them.</summary>
    internal static int[] Epochs(int count) => [.. Enumerable.Range(1, count)];
}
