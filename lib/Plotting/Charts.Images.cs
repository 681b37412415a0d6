using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NotebookCourse.Plotting;

public static partial class Charts
{
    /// <summary>
    /// Square grey-scale images (e.g. MNIST digits) in a rows × cols grid, ink dark on white, first pixel row
    /// at the top. <paramref name="images"/> is [n, side, side], [n, 1, side, side] or [n, side·side];
    /// the first rows·cols images are shown, each titled with its label when given.
    /// </summary>
    /// <exception cref="ArgumentException">The images are not square, or fewer labels than images shown.</exception>
    public static GenericChart ImageGrid(Tensor images, int rows, int cols, IReadOnlyList<int>? labels = null)
        => ImageGrid(images, rows, cols, labels?.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList());

    /// <summary>Square grey-scale images in a grid, each titled with the given text (e.g. "7 (pred 1)").</summary>
    public static GenericChart ImageGrid(Tensor images, int rows, int cols, IReadOnlyList<string>? titles)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (rows < 1 || cols < 1) throw new ArgumentException($"The grid needs at least 1 row and 1 column, got {rows} × {cols}.");
        var side = SideOf(images.Shape);
        var count = Math.Min(images.Shape[0], rows * cols);
        if (count == 0) throw new ArgumentException("ImageGrid got no images.", nameof(images));
        if (titles is not null && titles.Count < count)
        {
            throw new ArgumentException($"Got {titles.Count} labels for {count} images.", nameof(titles));
        }
        var panels = new List<GenericChart>();
        for (var n = 0; n < count; n++)
        {
            var z = new double[side][];
            // Plotly draws row 0 at the bottom; feed the rows bottom-up so the image is upright.
            for (var r = 0; r < side; r++)
            {
                z[side - 1 - r] = new double[side];
                for (var c = 0; c < side; c++) z[side - 1 - r][c] = images.Data[(n * side + r) * side + c];
            }
            panels.Add(CsChart.Heatmap<double, int, int, string>(
                zData: z, ShowScale: false, ColorScale: StyleParam.Colorscale.Greys, ReverseScale: true));
        }
        var gridRows = (count + cols - 1) / cols;
        var gridCols = Math.Min(cols, count);
        var grid = titles is null
            ? CsChart.Grid(panels, gridRows, gridCols, XGap: 0.05, YGap: 0.05)
            : CsChart.Grid(panels, gridRows, gridCols, SubPlotTitles: titles.Take(count).ToArray(), XGap: 0.05, YGap: 0.3);
        HideAxes(grid, count);
        var layout = GenericChart.getLayout(grid);
        var margin = new DynamicObj.DynamicObj();
        foreach (var edge in new[] { "l", "r", "b" }) margin.SetProperty(edge, 10);
        margin.SetProperty("t", titles is null ? 10 : 30);
        layout.SetProperty("margin", margin);
        layout.SetProperty("plot_bgcolor", "white");
        var panelHeight = titles is null ? 80 : 100;
        return Lean(grid.WithPixelSize(Math.Max(200, 80 * gridCols + 20), panelHeight * gridRows + 40));
    }

    private static int SideOf(int[] shape)
    {
        int pixels = shape.Length switch
        {
            2 => shape[1],
            3 when shape[1] == shape[2] => shape[1] * shape[2],
            4 when shape[1] == 1 && shape[2] == shape[3] => shape[2] * shape[3],
            _ => -1,
        };
        var side = pixels < 0 ? -1 : (int)Math.Round(Math.Sqrt(pixels));
        if (side <= 0 || side * side != pixels)
        {
            throw new ArgumentException(
                $"ImageGrid needs square images shaped [n, side, side], [n, 1, side, side] or [n, side*side]; got {NotebookCourse.Tensor.ShapeText(shape)}.",
                "images");
        }
        return side;
    }

    // Tick labels on dozens of tiny panels are noise: switch them off on every axis the grid made.
    private static void HideAxes(GenericChart grid, int panels)
    {
        var layout = GenericChart.getLayout(grid);
        for (var i = 1; i <= panels; i++)
        {
            foreach (var prefix in new[] { "xaxis", "yaxis" })
            {
                var name = i == 1 ? prefix : prefix + i;
                var axis = layout.TryGetPropertyValue(name) is { } found && found.Value is DynamicObj.DynamicObj existing
                    ? existing
                    : new Plotly.NET.LayoutObjects.LinearAxis();
                axis.SetProperty("showticklabels", false);
                axis.SetProperty("ticks", "");
                axis.SetProperty("showgrid", false);
                axis.SetProperty("zeroline", false);
                axis.SetProperty("constrain", "domain");
                if (prefix == "yaxis") axis.SetProperty("scaleanchor", i == 1 ? "x" : "x" + i);
                layout.SetProperty(name, axis);
            }
        }
    }
}
