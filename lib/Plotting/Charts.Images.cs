using System.Globalization;

namespace NotebookCourse.Plotting;

public static partial class Charts
{
    /// <summary>
    /// Square grey-scale images (e.g. MNIST digits) in a rows × cols grid, ink dark on white, each captioned
    /// with its label when labels are given. <paramref name="images"/> is [n, side, side], [n, 1, side, side]
    /// or [n, side·side]; the first rows·cols images are shown.
    /// </summary>
    /// <exception cref="ArgumentException">The images are not square, or fewer labels than images shown.</exception>
    public static Figure ImageGrid(Tensor images, int rows, int cols, IReadOnlyList<int>? labels = null)
        => ImageGrid(images, rows, cols, labels?.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToList());

    /// <summary>Square grey-scale images in a grid, each captioned with the given text (e.g. "7 (pred 1)").</summary>
    /// <exception cref="ArgumentException">The images are not square, or fewer titles than images shown.</exception>
    public static Figure ImageGrid(Tensor images, int rows, int cols, IReadOnlyList<string>? titles)
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
        var cells = new List<Figure>();
        for (var n = 0; n < count; n++)
        {
            var pixels = new float[side, side];
            for (var r = 0; r < side; r++)
                for (var c = 0; c < side; c++) pixels[r, c] = images.Data[(n * side + r) * side + c];
            cells.Add(new Figure().Image(pixels));
        }
        var gridRows = (count + cols - 1) / cols;
        var gridCols = Math.Min(cols, count);
        var grid = Figure.Grid(gridRows, gridCols, cells, titles?.Take(count), columnGap: 0.01, rowGap: titles is null ? 0.02 : 0.25 / gridRows);
        foreach (var note in grid.Layout.Annotations ?? []) note.Font = new Font { Size = 12 };
        grid.Layout.Margin = new Margin { L = 10, R = 10, T = 30, B = 10 };
        return grid.Legend(false).Height(Math.Max(150, gridRows * (titles is null ? 80 : 100) + 40));
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
                $"ImageGrid needs square images shaped [n, side, side], [n, 1, side, side] or [n, side*side]; got {Tensor.ShapeText(shape)}.",
                "images");
        }
        return side;
    }
}
