using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NotebookCourse.Plotting;

public static partial class Charts
{
    /// <summary>
    /// The regions a 2-feature classifier assigns to each class, as a coloured background, with the labelled
    /// points on top. <paramref name="predictClasses"/> gets a [m, 2] batch of grid points and returns, per
    /// point, a class index ([m] or [m, 1]; a probability in [0, 1] rounds to class 0 or 1) or one score per
    /// class ([m, k]: the largest wins). The grid spans the points plus <paramref name="padding"/> on each side.
    /// </summary>
    /// <exception cref="ArgumentException">Points not [n, 2], label count differs, or a prediction of the wrong size.</exception>
    public static GenericChart DecisionRegions(
        Func<Tensor, Tensor> predictClasses, Tensor points, IReadOnlyList<int> labels, int resolution = 100,
        IReadOnlyList<string>? classNames = null, double padding = 0.5, string? title = "Decision regions",
        string xTitle = "x1", string yTitle = "x2")
    {
        ArgumentNullException.ThrowIfNull(predictClasses);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (points.Rank != 2 || points.Shape[1] != 2)
        {
            throw new ArgumentException($"DecisionRegions needs points shaped [n, 2]; got {NotebookCourse.Tensor.ShapeText(points.Shape)}.", nameof(points));
        }
        var n = points.Shape[0];
        if (labels.Count != n) throw new ArgumentException($"Got {labels.Count} labels for {n} points.", nameof(labels));
        if (resolution < 2) throw new ArgumentException($"Resolution must be at least 2, got {resolution}.", nameof(resolution));

        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        for (var i = 0; i < n; i++)
        {
            xMin = Math.Min(xMin, points.Data[2 * i]); xMax = Math.Max(xMax, points.Data[2 * i]);
            yMin = Math.Min(yMin, points.Data[2 * i + 1]); yMax = Math.Max(yMax, points.Data[2 * i + 1]);
        }
        xMin -= padding; xMax += padding; yMin -= padding; yMax += padding;
        var xs = Grid(xMin, xMax, resolution);
        var ys = Grid(yMin, yMax, resolution);

        // Row-major grid: y outer, x inner, so prediction k belongs to z[k / resolution][k % resolution].
        var grid = new float[resolution * resolution * 2];
        for (var r = 0; r < resolution; r++)
        {
            for (var c = 0; c < resolution; c++)
            {
                grid[2 * (r * resolution + c)] = (float)xs[c];
                grid[2 * (r * resolution + c) + 1] = (float)ys[r];
            }
        }
        Tensor predicted;
        using (NotebookCourse.Tensor.NoGrad()) predicted = predictClasses(new Tensor(grid, [resolution * resolution, 2]));
        var classes = ClassesOf(predicted, resolution * resolution);

        var classCount = Math.Max(classNames?.Count ?? 0, Math.Max(labels.DefaultIfEmpty(0).Max(), classes.DefaultIfEmpty(0).Max()) + 1);
        var z = new double[resolution][];
        for (var r = 0; r < resolution; r++)
        {
            z[r] = new double[resolution];
            for (var c = 0; c < resolution; c++) z[r][c] = classes[r * resolution + c];
        }
        var regions = CsChart.Heatmap<double, double, double, string>(zData: z, X: xs, Y: ys, ShowScale: false, Opacity: 0.35, Name: "regions");
        // Fix the colour of each class whatever classes the grid happens to contain.
        var trace = GenericChart.getTraces(regions).Head;
        trace.SetProperty("zmin", -0.5);
        trace.SetProperty("zmax", classCount - 0.5);
        trace.SetProperty("colorscale", DiscreteScale(classCount));
        trace.SetProperty("hoverinfo", "skip");

        var layers = new List<GenericChart> { regions };
        layers.AddRange(ClassPoints(points, labels, classCount, classNames));
        return Finish(CsChart.Combine(layers), title, xTitle, yTitle);
    }

    /// <summary>A <see cref="Metrics.ConfusionMatrix"/> as an annotated heatmap with its class names.</summary>
    public static GenericChart ConfusionMatrix(Metrics.ConfusionMatrix matrix, string? title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return ConfusionMatrix(matrix.Counts, matrix.ClassNames, title);
    }

    /// <summary>
    /// A confusion matrix as a heatmap with the count written in every cell; rows are the true classes
    /// (first at the top), columns the predicted ones.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not square or the names do not match its size.</exception>
    public static GenericChart ConfusionMatrix(int[,] counts, IReadOnlyList<string>? classNames = null, string? title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(counts);
        var k = counts.GetLength(0);
        if (counts.GetLength(1) != k) throw new ArgumentException($"A confusion matrix is square; got {k} × {counts.GetLength(1)}.", nameof(counts));
        if (classNames is not null && classNames.Count != k)
        {
            throw new ArgumentException($"Got {classNames.Count} class names for a {k} × {k} matrix.", nameof(classNames));
        }
        var names = classNames?.ToArray() ?? [.. Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        var z = new double[k][];
        var max = 0;
        foreach (var c in counts) max = Math.Max(max, c);
        var annotations = new List<Plotly.NET.LayoutObjects.Annotation>();
        for (var i = 0; i < k; i++)
        {
            z[i] = new double[k];
            for (var j = 0; j < k; j++)
            {
                z[i][j] = counts[i, j];
                // Category axes accept the category's index as position; white text on the dark cells.
                var font = new DynamicObj.DynamicObj();
                font.SetProperty("color", counts[i, j] > max / 2.0 ? "white" : "black");
                var note = new Plotly.NET.LayoutObjects.Annotation();
                note.SetProperty("x", j);
                note.SetProperty("y", i);
                note.SetProperty("text", counts[i, j].ToString(CultureInfo.InvariantCulture));
                note.SetProperty("showarrow", false);
                note.SetProperty("font", font);
                annotations.Add(note);
            }
        }
        var chart = CsChart.Heatmap<double, string, string, string>(zData: z, X: names, Y: names, ReverseYAxis: true);
        var trace = GenericChart.getTraces(chart).Head;
        trace.SetProperty("colorscale", "Blues");
        trace.SetProperty("reversescale", true);
        trace.SetProperty("zmin", 0);
        GenericChart.getLayout(chart).SetProperty("annotations", annotations);
        return Finish(chart, title, "predicted", "true");
    }

    private static double[] Grid(double from, double to, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = from + (to - from) * i / (count - 1);
        return values;
    }

    private static int[] ClassesOf(Tensor predicted, int expected)
    {
        if (predicted.Shape.Length == 0 || predicted.Shape[0] != expected)
        {
            throw new ArgumentException(
                $"predictClasses returned shape {NotebookCourse.Tensor.ShapeText(predicted.Shape)} for {expected} grid points; expected [{expected}], [{expected}, 1] or [{expected}, classes].");
        }
        if (predicted.Rank == 2 && predicted.Shape[1] > 1) return predicted.ArgMax(1).ToIntArray();
        if (predicted.Size != expected)
        {
            throw new ArgumentException($"predictClasses returned shape {NotebookCourse.Tensor.ShapeText(predicted.Shape)}; expected one value per grid point.");
        }
        var classes = predicted.ToIntArray();
        foreach (var c in classes)
        {
            if (c < 0) throw new ArgumentException($"predictClasses returned class {c}; classes are 0, 1, 2, ...");
        }
        return classes;
    }

    // Steps, not a gradient: class k fills [k/K, (k+1)/K] of the scale with one colour.
    private static object[][] DiscreteScale(int classCount)
    {
        var stops = new List<object[]>();
        for (var k = 0; k < classCount; k++)
        {
            stops.Add([(double)k / classCount, ColorOf(k)]);
            stops.Add([(double)(k + 1) / classCount, ColorOf(k)]);
        }
        return [.. stops];
    }
}
