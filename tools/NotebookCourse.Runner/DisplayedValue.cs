namespace NotebookCourse.Runner;

/// <summary>A value shown by <see cref="Kernel.display"/>; <see cref="Update"/> replaces it in place.</summary>
public sealed class DisplayedValue
{
    private readonly CellOutputCollector? _cell;
    private readonly string[] _mimeTypes;

    internal DisplayedValue(CellOutputCollector? cell, string displayId, string[] mimeTypes)
    {
        _cell = cell;
        DisplayId = displayId;
        _mimeTypes = mimeTypes;
    }

    /// <summary>Identifies the output this handle replaces.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed output with <paramref name="value"/> (same MIME types as before).</summary>
    public void Update(object? value)
    {
        var data = ValueFormatter.Format(value, _mimeTypes);
        if (_cell is null)
        {
            ConsoleRouter.OriginalOut.WriteLine(Kernel.PlainText(data));
            return;
        }
        _cell.Update(DisplayId, data);
    }
}
