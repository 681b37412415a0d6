namespace NotebookCourse.Plotting;

public sealed partial class Figure
{
    /// <summary>
    /// Subplots: the figures side by side in a rows × cols grid, filled row by row, each on its own pair of
    /// axes and titled with its own title. Colours chosen from the palette are chosen again across the whole
    /// grid, so every legend entry keeps a colour of its own.
    /// </summary>
    /// <exception cref="ArgumentException">More figures than cells, or a figure that is itself a grid.</exception>
    public static Figure Grid(int rows, int cols, params Figure[] cells) => Grid(rows, cols, (IEnumerable<Figure>)cells);

    /// <summary>Subplots with a title per cell (null or missing titles: each figure's own title).</summary>
    /// <exception cref="ArgumentException">More figures than cells, more titles than figures, or a figure that is itself a grid.</exception>
    public static Figure Grid(int rows, int cols, IEnumerable<Figure> cells, IEnumerable<string?>? titles = null)
        => Grid(rows, cols, cells, titles, columnGap: 0.08, rowGap: rows == 1 ? 0 : 0.22);

    /// <summary>Subplots with the gaps between cells given as fractions of the figure's width and height.</summary>
    internal static Figure Grid(int rows, int cols, IEnumerable<Figure> cells, IEnumerable<string?>? titles, double columnGap, double rowGap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        ArgumentNullException.ThrowIfNull(cells);
        var figures = cells.ToList();
        if (figures.Count > rows * cols)
        {
            throw new ArgumentException($"A {rows} × {cols} grid has room for {rows * cols} figures; got {figures.Count}.", nameof(cells));
        }
        var names = titles?.ToList() ?? [];
        if (names.Count > figures.Count) throw new ArgumentException($"Got {names.Count} titles for {figures.Count} figures.", nameof(titles));

        var grid = new Figure();
        var cellWidth = (1 - columnGap * (cols - 1)) / cols;
        var cellHeight = (1 - rowGap * (rows - 1)) / rows;
        for (var i = 0; i < figures.Count; i++)
        {
            var cell = figures[i] ?? throw new ArgumentException($"Figure {i} of the grid is null.", nameof(cells));
            if (cell.Layout.Axes.Keys.Any(k => k is not ("xaxis" or "yaxis")))
            {
                throw new ArgumentException($"Figure {i} of the grid has subplots itself; put its parts in the grid instead.", nameof(cells));
            }
            // Axes "x"/"y" for the first cell, "x2"/"y2" for the second, ...
            var suffix = i == 0 ? "" : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var left = (i % cols) * (cellWidth + columnGap);
            var top = 1 - (i / cols) * (cellHeight + rowGap);

            foreach (var trace in cell.Traces)
            {
                var copy = trace.Copy();
                copy.XAxis = i == 0 ? null : "x" + suffix;
                copy.YAxis = i == 0 ? null : "y" + suffix;
                grid._traces.Add(copy);
            }

            var xAxis = cell.Layout.Axes.GetValueOrDefault("xaxis") is Axis x ? x with { } : new Axis();
            var yAxis = cell.Layout.Axes.GetValueOrDefault("yaxis") is Axis y ? y with { } : new Axis();
            xAxis.Domain = [left, left + cellWidth];
            xAxis.Anchor = "y" + suffix;
            yAxis.Domain = [top - cellHeight, top];
            yAxis.Anchor = "x" + suffix;
            if (yAxis.ScaleAnchor == "x") yAxis.ScaleAnchor = "x" + suffix;
            grid.Layout.Axes["xaxis" + suffix] = xAxis;
            grid.Layout.Axes["yaxis" + suffix] = yAxis;

            foreach (var shape in cell.Layout.Shapes ?? [])
            {
                (grid.Layout.Shapes ??= []).Add(shape with
                {
                    XRef = OnAxis(shape.XRef, suffix),
                    YRef = OnAxis(shape.YRef, suffix),
                    Line = shape.Line is null ? null : shape.Line with { },
                });
            }
            foreach (var note in cell.Layout.Annotations ?? [])
            {
                (grid.Layout.Annotations ??= []).Add(note with
                {
                    XRef = OnAxis(note.XRef, suffix),
                    YRef = OnAxis(note.YRef, suffix),
                    AXRef = OnAxis(note.AXRef, suffix),
                    AYRef = OnAxis(note.AYRef, suffix),
                });
            }
            var title = i < names.Count && names[i] is { } given ? given : cell.Layout.Title?.Text;
            if (title is not null)
            {
                (grid.Layout.Annotations ??= []).Add(new Note
                {
                    Text = title,
                    X = left + cellWidth / 2,
                    Y = top,
                    XRef = "paper",
                    YRef = "paper",
                    XAnchor = "center",
                    YAnchor = "bottom",
                    Font = new Font { Size = 14 },
                });
            }
            grid.Layout.PlotBackground ??= cell.Layout.PlotBackground;
            if (cell.Layout.ShowLegend == false) grid.Layout.ShowLegend = false;
        }

        // Palette colours again across the whole grid, so that two cells' first lines do not share one.
        var done = new List<Trace>();
        foreach (var trace in grid._traces)
        {
            if (trace.PaletteColor) trace.Color = NextPaletteColor(done);
            done.Add(trace);
        }

        grid.Layout.Height = rows == 1
            ? figures.Select(f => f.Layout.Height).DefaultIfEmpty(DefaultHeight).Max()
            : Math.Max(DefaultHeight, 300 * rows);
        return grid;
    }

    // "x" -> "x2", "y domain" -> "y2 domain"; "paper" and null stay.
    private static string? OnAxis(string? reference, string suffix) => reference switch
    {
        "x" or "y" => reference + suffix,
        "x domain" or "y domain" => reference[0] + suffix + " domain",
        _ => reference,
    };
}
