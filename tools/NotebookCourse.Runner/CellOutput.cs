using System.Text.Json.Nodes;

namespace NotebookCourse.Runner;

/// <summary>One output of an executed code cell, in the shapes nbformat 4 defines.</summary>
public abstract record CellOutput
{
    /// <summary>The nbformat <c>output_type</c>: stream, display_data, execute_result or error.</summary>
    public abstract string OutputType { get; }

    /// <summary>The output as an nbformat 4 JSON object.</summary>
    public abstract JsonObject ToJson();

    /// <summary>The output as plain text, for printing to a console.</summary>
    public abstract string ToPlainText();

    /// <summary>Splits text into Jupyter-style lines: every line keeps its trailing newline.</summary>
    public static JsonArray ToLineArray(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }
        return lines;
    }
}

/// <summary>Text a cell wrote to Console.Out (<c>stdout</c>) or Console.Error (<c>stderr</c>).</summary>
/// <param name="Name">"stdout" or "stderr".</param>
/// <param name="Text">The text written, newlines included.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput
{
    /// <inheritdoc/>
    public override string OutputType => "stream";

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = OutputType,
        ["name"] = Name,
        ["text"] = ToLineArray(Text),
    };

    /// <inheritdoc/>
    public override string ToPlainText() => Text;
}

/// <summary>A displayed value: a MIME bundle from <c>display(x)</c> or from a cell's trailing expression.</summary>
/// <param name="Data">The value formatted once per MIME type (e.g. text/plain and text/html).</param>
/// <param name="ExecutionCount">The cell's execution count for an <c>execute_result</c>; null for <c>display_data</c>.</param>
/// <param name="DisplayId">Identifies the output so that <see cref="DisplayedValue.Update"/> can replace it.</param>
public sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data, int? ExecutionCount, string? DisplayId) : CellOutput
{
    /// <summary>True for a trailing expression's value (<c>execute_result</c>).</summary>
    public bool IsExecuteResult => ExecutionCount is not null;

    /// <inheritdoc/>
    public override string OutputType => IsExecuteResult ? "execute_result" : "display_data";

    /// <inheritdoc/>
    public override JsonObject ToJson()
    {
        var data = new JsonObject();
        foreach (var (mimeType, text) in Data)
        {
            data[mimeType] = ToLineArray(text);
        }
        var json = new JsonObject
        {
            ["output_type"] = OutputType,
            ["data"] = data,
            ["metadata"] = new JsonObject(),
        };
        if (ExecutionCount is int count)
        {
            json["execution_count"] = count;
        }
        return json;
    }

    /// <inheritdoc/>
    public override string ToPlainText()
        => Data.TryGetValue("text/plain", out var text) ? text
            : Data.Count > 0 ? $"[{string.Join(", ", Data.Keys)} output]" : "";
}

/// <summary>A cell's failure: a compile error, an exception, a timeout or a missing package.</summary>
/// <param name="EName">The error's name (an exception type name or "CompilationError").</param>
/// <param name="EValue">The error message.</param>
/// <param name="Traceback">Lines that explain where it happened.</param>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : CellOutput
{
    /// <inheritdoc/>
    public override string OutputType => "error";

    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["output_type"] = OutputType,
        ["ename"] = EName,
        ["evalue"] = EValue,
        ["traceback"] = new JsonArray(Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
    };

    /// <inheritdoc/>
    public override string ToPlainText() => string.Join('\n', Traceback);
}
