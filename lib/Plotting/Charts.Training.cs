using NotebookCourse.Training;

namespace NotebookCourse.Plotting;

public static partial class Charts
{
    /// <summary>
    /// Training curves from a <see cref="Training.History"/>: one subplot per metric (default: every key
    /// without the "val_" prefix, e.g. loss and accuracy), each with the training line and, when recorded,
    /// the validation line (dashed). The x axis counts epochs from 1; every line has its own colour.
    /// </summary>
    /// <exception cref="ArgumentException">A requested key is not in the history, or the history is empty.</exception>
    public static Figure History(History history, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Epochs == 0) throw new ArgumentException("The history has no epochs yet; train first.", nameof(history));
        var shown = keys is { Length: > 0 } ? keys : [.. history.Keys.Where(k => !k.StartsWith("val_", StringComparison.Ordinal))];
        foreach (var key in shown)
        {
            if (!history.Contains(key))
            {
                throw new ArgumentException($"History has no '{key}'; it has: {string.Join(", ", history.Keys)}.", nameof(keys));
            }
        }
        var panels = new List<Figure>();
        foreach (var key in shown)
        {
            var panel = new Figure().Title(key).XAxis("epoch").YAxis(key);
            AddEpochCurve(panel, key, history[key], dash: null);
            if (history.Contains("val_" + key)) AddEpochCurve(panel, "val_" + key, history["val_" + key], dash: "dash");
            panels.Add(panel);
        }
        if (panels.Count == 1) return panels[0];
        var cols = Math.Min(panels.Count, 2);
        return Figure.Grid((panels.Count + cols - 1) / cols, cols, panels);
    }

    // A per-epoch curve at x = 1, 2, ...; with markers while there are few epochs, so each one is visible.
    private static void AddEpochCurve(Figure figure, string name, IReadOnlyList<double> values, string? dash)
    {
        var epochs = Epochs(values.Count);
        if (values.Count <= 30) figure.LinesAndMarkers(epochs, values, name, dash: dash, size: 5);
        else figure.Line(epochs, values, name, dash: dash);
    }

    /// <summary>
    /// A per-epoch value (by default the loss) of several runs on one chart, one colour per run — e.g. one
    /// run per learning rate: <c>Charts.LossCurves([("lr 0.1", h1), ("lr 0.01", h2)])</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A run's history has no <paramref name="key"/>.</exception>
    public static Figure LossCurves(IEnumerable<(string Name, History History)> runs, string key = "loss", string? title = null, bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var values = new List<(string, IReadOnlyList<double>)>();
        foreach (var (name, history) in runs)
        {
            if (!history.Contains(key))
            {
                throw new ArgumentException($"Run '{name}' has no '{key}'; it has: {string.Join(", ", history.Keys)}.", nameof(key));
            }
            values.Add((name, history[key]));
        }
        return LossCurves(values, title, key, logY);
    }

    /// <summary>Per-epoch values of several runs on one chart (x = epoch 1, 2, ...).</summary>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static Figure LossCurves(IEnumerable<(string Name, IReadOnlyList<double> Values)> runs, string? title = null, string yTitle = "loss", bool logY = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var figure = new Figure();
        foreach (var (name, values) in runs) AddEpochCurve(figure, name, values, dash: null);
        if (figure.Traces.Count == 0) throw new ArgumentException("LossCurves needs at least one run.", nameof(runs));
        return figure.Title(title).XAxis("epoch").YAxis(yTitle, log: logY);
    }

    /// <summary>
    /// The gradient norm of each layer of one network as bars, on a log scale by default so that a gradient
    /// a million times smaller than another still shows (vanishing gradients).
    /// </summary>
    public static Figure GradientNorms(IReadOnlyList<(string Layer, double Norm)> norms, bool logScale = true, string? title = "Gradient norm per layer")
    {
        ArgumentNullException.ThrowIfNull(norms);
        return GradientNorms([("gradient norm", norms)], logScale, title).Legend(false);
    }

    /// <summary>
    /// Gradient norms per layer of several networks as grouped bars, one colour per network — e.g. a sigmoid
    /// network against a ReLU one.
    /// </summary>
    /// <exception cref="ArgumentException">No networks.</exception>
    public static Figure GradientNorms(
        IEnumerable<(string Net, IReadOnlyList<(string Layer, double Norm)> Norms)> nets,
        bool logScale = true, string? title = "Gradient norm per layer")
    {
        ArgumentNullException.ThrowIfNull(nets);
        var figure = new Figure();
        foreach (var (net, norms) in nets) figure.Bar(norms.Select(n => n.Layer), norms.Select(n => n.Norm), net);
        if (figure.Traces.Count == 0) throw new ArgumentException("GradientNorms needs at least one network.", nameof(nets));
        return figure.Title(title).XAxis("layer").YAxis("gradient norm", log: logScale);
    }
}
