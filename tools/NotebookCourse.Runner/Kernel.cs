namespace NotebookCourse.Runner;

/// <summary>
/// The notebook helpers every cell can call without a prefix (<c>using static</c>), shaped like
/// <c>Microsoft.DotNet.Interactive.Kernel</c>. The course library finds <see cref="display"/> by
/// reflection (type NotebookCourse.Runner.Kernel, method display): keep both names.
/// </summary>
public static class Kernel
{
    /// <summary>
    /// Shows <paramref name="value"/> as a display_data output of the running cell and returns a handle
    /// whose <see cref="DisplayedValue.Update"/> replaces that output in place. Outside a cell the
    /// value's text is written to the console.
    /// </summary>
    /// <param name="value">The value to show.</param>
    /// <param name="mimeTypes">The MIME types to format it as; none means text/html and text/plain.</param>
#pragma warning disable IDE1006 // lower-case on purpose: the same name as .NET Interactive's helper
    public static DisplayedValue display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        var cell = CurrentCell.Value;
        var data = ValueFormatter.Format(value, mimeTypes);
        if (cell is null)
        {
            ConsoleRouter.OriginalOut.WriteLine(PlainText(data));
            return new DisplayedValue(null, "", mimeTypes);
        }
        return new DisplayedValue(cell, cell.Display(data), mimeTypes);
    }

    internal static string PlainText(IReadOnlyDictionary<string, string> data)
        => data.TryGetValue("text/plain", out var text) ? text : string.Join("\n", data.Values);
}
