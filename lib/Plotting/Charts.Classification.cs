using System.Globalization;

namespace NotebookCourse.Plotting;

public static partial class Charts
{
    /// <summary>Points (x[i], y[i]) as markers, e.g. the data behind a fitted line (add the line with <c>.Line(...)</c>).</summary>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public static Figure Scatter(IReadOnlyList<double> x, IReadOnlyList<double> y, string name = "data",
        string? title = null, string? xTitle = "x", string? yTitle = "y")
        => new Figure().Markers(x, y, name).Title(title).XAxis(xTitle).YAxis(yTitle);

    /// <summary>
    /// 2-feature samples coloured by class, one legend entry per class: <paramref name="points"/> is [n, 2],
    /// <paramref name="labels"/> the class index of each row. Class k always gets palette colour k.
    /// </summary>
    /// <exception cref="ArgumentException">Points not [n, 2] or a label count that differs.</exception>
    public static Figure Scatter(Tensor points, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null,
        string? title = null, string? xTitle = null, string? yTitle = null)
    {
        CheckPoints(points, labels, nameof(Scatter));
        var figure = new Figure();
        AddClassPoints(figure, points, labels, ClassCount(labels, classNames, []), classNames);
        return figure.Title(title).XAxis(xTitle ?? "x1").YAxis(yTitle ?? "x2");
    }

    /// <summary>
    /// The regions a 2-feature classifier gives each class, as a pale coloured background, with the labelled
    /// points on top in the same colours. <paramref name="predict"/> gets a [m, 2] batch of grid points and
    /// returns per point a class index ([m] or [m, 1]; a probability in [0, 1] rounds to class 0 or 1) or one
    /// score or probability per class ([m, k]: the largest wins). The grid spans the points with a margin of
    /// a tenth of their spread, <paramref name="resolution"/> × <paramref name="resolution"/> cells.
    /// </summary>
    /// <exception cref="ArgumentException">Points not [n, 2], label count differs, or a prediction of the wrong shape.</exception>
    public static Figure DecisionRegions(
        Func<Tensor, Tensor> predict, Tensor points, IReadOnlyList<int> labels, IReadOnlyList<string>? classNames = null,
        string? title = null, string? xTitle = null, string? yTitle = null, int resolution = 150)
    {
        ArgumentNullException.ThrowIfNull(predict);
        CheckPoints(points, labels, nameof(DecisionRegions));
        if (resolution < 2) throw new ArgumentException($"Resolution must be at least 2, got {resolution}.", nameof(resolution));
        var n = points.Shape[0];
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        for (var i = 0; i < n; i++)
        {
            xMin = Math.Min(xMin, points.Data[2 * i]); xMax = Math.Max(xMax, points.Data[2 * i]);
            yMin = Math.Min(yMin, points.Data[2 * i + 1]); yMax = Math.Max(yMax, points.Data[2 * i + 1]);
        }
        var xPad = xMax > xMin ? (xMax - xMin) / 10 : 0.5;
        var yPad = yMax > yMin ? (yMax - yMin) / 10 : 0.5;
        xMin -= xPad; xMax += xPad; yMin -= yPad; yMax += yPad;
        var dx = (xMax - xMin) / (resolution - 1);
        var dy = (yMax - yMin) / (resolution - 1);

        // Row-major grid: y outer, x inner, so the prediction for grid point k is cell [k / resolution, k % resolution].
        var grid = new float[resolution * resolution * 2];
        for (var r = 0; r < resolution; r++)
        {
            for (var c = 0; c < resolution; c++)
            {
                grid[2 * (r * resolution + c)] = (float)(xMin + c * dx);
                grid[2 * (r * resolution + c) + 1] = (float)(yMin + r * dy);
            }
        }
        Tensor predicted;
        using (Tensor.NoGrad()) predicted = predict(new Tensor(grid, [resolution * resolution, 2]));
        var classes = ClassesOf(predicted, resolution * resolution);
        var classCount = ClassCount(labels, classNames, classes);

        var z = new double[resolution][];
        for (var r = 0; r < resolution; r++)
        {
            z[r] = new double[resolution];
            for (var c = 0; c < resolution; c++) z[r][c] = classes[r * resolution + c];
        }
        var figure = new Figure().Add(new HeatmapTrace
        {
            Name = "regions",
            Z = z,
            X0 = xMin,
            DX = dx,
            Y0 = yMin,
            DY = dy,
            // One fixed colour per class, whichever classes the grid happens to contain.
            ZMin = -0.5,
            ZMax = classCount - 0.5,
            ColorScale = ClassScale(classCount),
            Opacity = 0.35,
            HoverInfo = "skip",
            ShowLegend = false,
        });
        AddClassPoints(figure, points, labels, classCount, classNames);
        return figure.Title(title).XAxis(xTitle ?? "x1", range: (xMin, xMax)).YAxis(yTitle ?? "x2", range: (yMin, yMax));
    }

    /// <summary>A <see cref="Metrics.ConfusionMatrix"/> as a heatmap with the counts written in the cells.</summary>
    public static Figure ConfusionMatrix(Metrics.ConfusionMatrix matrix, string? title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return ConfusionMatrix(matrix.Counts, matrix.ClassNames, title);
    }

    /// <summary>
    /// A confusion matrix as a heatmap with the count written in every cell: true classes down the y axis
    /// (first at the top), predicted classes along x, darker for more.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not square or the names do not match its size.</exception>
    public static Figure ConfusionMatrix(int[,] counts, IReadOnlyList<string>? classNames = null, string? title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(counts);
        var k = counts.GetLength(0);
        if (counts.GetLength(1) != k) throw new ArgumentException($"A confusion matrix is square; got {k} × {counts.GetLength(1)}.", nameof(counts));
        if (classNames is not null && classNames.Count != k)
        {
            throw new ArgumentException($"Got {classNames.Count} class names for a {k} × {k} matrix.", nameof(classNames));
        }
        var names = classNames ?? [.. Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        var z = new double[k, k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++) z[i, j] = counts[i, j];
        var figure = new Figure().Heatmap(z, names, names, "Blues", showValues: true);
        figure.Traces[0].HoverTemplate = "true %{y}, predicted %{x}: %{z}<extra></extra>";
        return figure.Title(title).XAxis("predicted").YAxis("true");
    }

    private static void CheckPoints(Tensor points, IReadOnlyList<int> labels, string chart)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        if (points.Rank != 2 || points.Shape[1] != 2)
        {
            throw new ArgumentException($"{chart} needs points shaped [n, 2]; got {Tensor.ShapeText(points.Shape)}.", nameof(points));
        }
        if (labels.Count != points.Shape[0]) throw new ArgumentException($"Got {labels.Count} labels for {points.Shape[0]} points.", nameof(labels));
        foreach (var label in labels)
        {
            if (label < 0) throw new ArgumentException($"Label {label} is not a class: classes are 0, 1, 2, ...", nameof(labels));
        }
    }

    private static int ClassCount(IReadOnlyList<int> labels, IReadOnlyList<string>? classNames, IReadOnlyList<int> predicted)
        => Math.Max(classNames?.Count ?? 0, Math.Max(labels.DefaultIfEmpty(0).Max(), predicted.DefaultIfEmpty(0).Max()) + 1);

    // One marker trace per class that has points, in the class's colour, outlined so it shows on its region.
    private static void AddClassPoints(Figure figure, Tensor points, IReadOnlyList<int> labels, int classCount, IReadOnlyList<string>? classNames)
    {
        for (var k = 0; k < classCount; k++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < labels.Count; i++)
            {
                if (labels[i] != k) continue;
                xs.Add(Figure.FromFloat(points.Data[2 * i]));
                ys.Add(Figure.FromFloat(points.Data[2 * i + 1]));
            }
            if (xs.Count == 0) continue;
            var name = classNames is not null && k < classNames.Count ? classNames[k] : "class " + k.ToString(CultureInfo.InvariantCulture);
            figure.Markers(xs, ys, name, ColorOf(k), size: 8);
            ((ScatterTrace)figure.Traces[^1]).Marker!.Line = new LineStyle { Color = "white", Width = 1 };
        }
    }

    private static int[] ClassesOf(Tensor predicted, int expected)
    {
        if (predicted.Shape.Length == 0 || predicted.Shape[0] != expected)
        {
            throw new ArgumentException(
                $"The prediction has shape {Tensor.ShapeText(predicted.Shape)} for {expected} grid points; expected [{expected}], [{expected}, 1] or [{expected}, classes].");
        }
        if (predicted.Rank == 2 && predicted.Shape[1] > 1) return predicted.ArgMax(1).ToIntArray();
        if (predicted.Size != expected)
        {
            throw new ArgumentException($"The prediction has shape {Tensor.ShapeText(predicted.Shape)}; expected one value per grid point.");
        }
        var classes = predicted.ToIntArray();
        foreach (var c in classes)
        {
            if (c < 0) throw new ArgumentException($"The prediction gave class {c}; classes are 0, 1, 2, ...");
        }
        return classes;
    }

    // Steps, not a gradient: class k fills [k/K, (k+1)/K] of the scale with its one colour.
    private static object[][] ClassScale(int classCount)
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
