namespace NotebookCourse.Plotting;

// Title, axes, legend, size, reference lines and notes: the chained calls that change the layout.
public sealed partial class Figure
{
    /// <summary>Sets the figure's title (null removes it).</summary>
    public Figure Title(string? text)
    {
        // Left-aligned with the plot, clear of the tool buttons plotly.js shows at the top right.
        Layout.Title = text is null ? null : new TitleStyle { Text = text, X = 0, XAnchor = "left", XRef = "paper" };
        return this;
    }

    /// <summary>
    /// Sets the x axis: its <paramref name="title"/> (null keeps the current one); <paramref name="log"/> true makes it
    /// logarithmic (false leaves the scale as it is), with one labelled tick per power of ten when the data spans
    /// one or more, written 0.01, 0.1, 1 (10⁻⁶ beyond 0.001 … 10 000); <paramref name="range"/> in data units;
    /// <paramref name="dtick"/> the step between ticks (on a log axis in powers of ten).
    /// </summary>
    /// <exception cref="ArgumentException">A range that is empty, or not positive on a log axis.</exception>
    public Figure XAxis(string? title = null, bool log = false, (double Min, double Max)? range = null, double? dtick = null)
        => SetAxis("xaxis", title, log, range, dtick);

    /// <summary>Sets the y axis; see <see cref="XAxis"/>.</summary>
    public Figure YAxis(string? title = null, bool log = false, (double Min, double Max)? range = null, double? dtick = null)
        => SetAxis("yaxis", title, log, range, dtick);

    private Figure SetAxis(string name, string? title, bool log, (double Min, double Max)? range, double? dtick)
    {
        var axis = Layout.AxisNamed(name);
        if (title is not null) axis.Title = new TitleStyle { Text = title };
        if (log) axis.Type = "log";
        if (range is (var min, var max))
        {
            if (!(max > min)) throw new ArgumentException($"The {name[0]} range ({min}, {max}) is empty: Max must be larger than Min.", nameof(range));
            if (axis.Type == "log")
            {
                if (min <= 0) throw new ArgumentException($"A log axis cannot show {min}: its range must be positive.", nameof(range));
                axis.Range = [Math.Log10(min), Math.Log10(max)];
            }
            else
            {
                axis.Range = [min, max];
            }
        }
        if (dtick is not null) axis.DTick = dtick;
        return this;
    }

    /// <summary>Shows (or with false hides) the legend.</summary>
    public Figure Legend(bool show = true)
    {
        Layout.ShowLegend = show;
        return this;
    }

    /// <summary>Sets the height in pixels (default 420). The width always follows the notebook or page.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 100 pixels.</exception>
    public Figure Height(int pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 100);
        Layout.Height = pixels;
        return this;
    }

    /// <summary>A vertical line at <paramref name="x"/> across the whole plot, dotted grey by default (e.g. x = 0).</summary>
    public Figure VerticalLine(double x, string dash = "dot", string color = "gray")
        => AddShape(new Shape { XRef = "x", YRef = "y domain", X0 = x, X1 = x, Y0 = 0, Y1 = 1, Line = new LineStyle { Color = color, Dash = dash, Width = 1.5 } });

    /// <summary>A horizontal line at <paramref name="y"/> across the whole plot, dotted grey by default (e.g. the 0.5 threshold).</summary>
    public Figure HorizontalLine(double y, string dash = "dot", string color = "gray")
        => AddShape(new Shape { XRef = "x domain", YRef = "y", X0 = 0, X1 = 1, Y0 = y, Y1 = y, Line = new LineStyle { Color = color, Dash = dash, Width = 1.5 } });

    private Figure AddShape(Shape shape)
    {
        (Layout.Shapes ??= []).Add(shape);
        return this;
    }

    /// <summary>A note with a short arrow pointing at the data point (x, y).</summary>
    public Figure Annotation(double x, double y, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        (Layout.Annotations ??= []).Add(new Note
        {
            X = x,
            Y = y,
            XRef = "x",
            YRef = "y",
            Text = text,
            ShowArrow = true,
            ArrowHead = 2,
            AX = 30,
            AY = -30,
        });
        return this;
    }
}
