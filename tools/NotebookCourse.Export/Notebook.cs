namespace NotebookCourse.Export;

/// <summary>An executed notebook as the exporter needs it: its file and its cells in order.</summary>
/// <param name="Path">The .ipynb file it was read from.</param>
/// <param name="Cells">Every cell, in notebook order.</param>
internal sealed record Notebook(string Path, IReadOnlyList<NotebookCell> Cells)
{
    /// <summary>The file name (e.g. <c>01-logistic.ipynb</c>), used in reports.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>One cell of a notebook.</summary>
/// <param name="Number">1-based position among all cells, as an editor shows it.</param>
/// <param name="Kind">"markdown", "code" or "raw".</param>
/// <param name="Source">The cell's text.</param>
/// <param name="ExecutionCount">The execution counter of a code cell, if it ran.</param>
/// <param name="Outputs">What a code cell produced, in order.</param>
/// <param name="Attachments">Files attached to a markdown cell: name to (MIME type to base64 data).</param>
/// <param name="Language">The kernel language of a code cell, lower case ("csharp" unless the metadata says otherwise).</param>
internal sealed record NotebookCell(
    int Number,
    string Kind,
    string Source,
    int? ExecutionCount,
    IReadOnlyList<CellOutput> Outputs,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Attachments,
    string Language = "csharp");

/// <summary>One output of a code cell (nbformat 4 output types).</summary>
/// <param name="Kind">"stream", "display_data", "execute_result" or "error".</param>
/// <param name="StreamName">"stdout" or "stderr" for a stream.</param>
/// <param name="Text">The text of a stream.</param>
/// <param name="Data">MIME type to content for display_data and execute_result (JSON values kept as JSON text).</param>
/// <param name="ErrorName">The exception name of an error output.</param>
/// <param name="ErrorValue">The exception message of an error output.</param>
/// <param name="Traceback">The traceback lines of an error output.</param>
internal sealed record CellOutput(
    string Kind,
    string? StreamName,
    string? Text,
    IReadOnlyDictionary<string, string> Data,
    string? ErrorName,
    string? ErrorValue,
    IReadOnlyList<string> Traceback);
