using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Ipynb;

/// <summary>One output of a code cell, in the four shapes nbformat 4 defines.</summary>
public abstract record CellOutput
{
    /// <summary>The nbformat <c>output_type</c>: stream, display_data, execute_result or error.</summary>
    public abstract string OutputType { get; }

    /// <summary>The output as an nbformat 4 JSON object.</summary>
    public abstract JsonObject ToJson();

    /// <summary>The output as plain text, for a console.</summary>
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

/// <summary>Text a cell wrote to standard output (<c>stdout</c>) or standard error (<c>stderr</c>).</summary>
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

/// <summary>A value shown by the cell: a MIME bundle from a display call (<c>display_data</c>) or a trailing expression (<c>execute_result</c>).</summary>
/// <param name="Data">The value formatted once per MIME type; JSON MIME types (…json) hold their JSON text.</param>
/// <param name="ExecutionCount">The cell's execution count for an <c>execute_result</c>; null for <c>display_data</c>.</param>
public sealed record DisplayOutput(IReadOnlyDictionary<string, string> Data, int? ExecutionCount = null) : CellOutput
{
    /// <summary>True for a trailing expression's value (<c>execute_result</c>).</summary>
    public bool IsExecuteResult { get; init; } = ExecutionCount is not null;

    /// <summary>The output's <c>metadata</c> object, kept as read.</summary>
    public JsonObject? Metadata { get; init; }

    /// <inheritdoc/>
    public override string OutputType => IsExecuteResult ? "execute_result" : "display_data";

    /// <inheritdoc/>
    public override JsonObject ToJson()
    {
        var data = new JsonObject();
        foreach (var (mimeType, text) in Data)
        {
            data[mimeType] = IsJsonMimeType(mimeType) ? JsonNode.Parse(text) : ToLineArray(text);
        }
        var json = new JsonObject
        {
            ["output_type"] = OutputType,
            ["data"] = data,
            ["metadata"] = Metadata?.DeepClone() ?? new JsonObject(),
        };
        if (IsExecuteResult)
        {
            json["execution_count"] = ExecutionCount;
        }
        return json;
    }

    /// <inheritdoc/>
    public override string ToPlainText()
        => Data.TryGetValue("text/plain", out var text) ? text
            : Data.Count > 0 ? $"[{string.Join(", ", Data.Keys)} output]" : "";

    /// <summary>True for MIME types whose content nbformat stores as JSON rather than text (application/json, …+json).</summary>
    public static bool IsJsonMimeType(string mimeType) => mimeType.EndsWith("json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A cell's failure: a compile error, an exception, a timeout or a kernel that ended.</summary>
/// <param name="EName">The error's name (an exception type or e.g. "CompilationError").</param>
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
        ["traceback"] = new JsonArray([.. Traceback.Select(line => (JsonNode?)JsonValue.Create(line))]),
    };

    /// <inheritdoc/>
    public override string ToPlainText() => string.Join('\n', Traceback);
}

/// <summary>Reads outputs from nbformat JSON, naming the place of any problem.</summary>
internal static class OutputReader
{
    private static readonly string[] OutputTypes = ["stream", "display_data", "execute_result", "error"];

    public static CellOutput Read(JsonNode? node, Func<string, Exception> fail)
    {
        if (node is not JsonObject output)
        {
            throw fail($"expected an output object, found {Json.Describe(node)}");
        }
        var type = Json.RequireString(output, "output_type", fail);
        switch (type)
        {
            case "stream":
                return new StreamOutput(Json.RequireString(output, "name", fail), Json.MultilineText(Json.Require(output, "text", fail), "text", fail));
            case "display_data":
            case "execute_result":
                var data = Json.Require(output, "data", fail) as JsonObject
                    ?? throw fail($"expected \"data\" to be an object of MIME type to content, found {Json.Describe(output["data"])}");
                var bundle = MimeBundle(data, fail);
                int? count = type == "execute_result" && output["execution_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                    ? v.GetValue<int>() : null;
                return new DisplayOutput(bundle, count)
                {
                    IsExecuteResult = type == "execute_result",
                    Metadata = output["metadata"] is JsonObject metadata ? (JsonObject)metadata.DeepClone() : null,
                };
            case "error":
                var traceback = Json.Require(output, "traceback", fail) as JsonArray
                    ?? throw fail($"expected \"traceback\" to be an array, found {Json.Describe(output["traceback"])}");
                return new ErrorOutput(
                    Json.RequireString(output, "ename", fail),
                    Json.RequireString(output, "evalue", fail),
                    [.. traceback.Select(line => line is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : line?.ToJsonString() ?? "")]);
            default:
                throw fail($"expected \"output_type\" to be one of {string.Join(", ", OutputTypes)}, found \"{type}\"");
        }
    }

    public static Dictionary<string, string> MimeBundle(JsonObject bundle, Func<string, Exception> fail)
    {
        var data = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (mimeType, content) in bundle)
        {
            data[mimeType] = DisplayOutput.IsJsonMimeType(mimeType) || content is not (JsonArray or JsonValue)
                ? content?.ToJsonString() ?? "null"
                : Json.MultilineText(content, $"[\"{mimeType}\"]", fail);
        }
        return data;
    }
}
