using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Runner;

/// <summary>One cell of a notebook, a view over its JSON object.</summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json, int? sourceNumber)
    {
        Json = json;
        SourceNumber = sourceNumber;
    }

    /// <summary>The cell's JSON object (written back as is).</summary>
    public JsonObject Json { get; }

    /// <summary>The cell's number (from 1, counting every cell) in the file it was read from; null for an inserted cell.</summary>
    public int? SourceNumber { get; }

    /// <summary>code, markdown or raw.</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>True for a code cell.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell's text (a line list in the file is joined).</summary>
    public string Source
    {
        get => JoinText(Json["source"]);
        set => Json["source"] = CellOutput.ToLineArray(value);
    }

    /// <summary>The cell's metadata object (created when missing).</summary>
    public JsonObject Metadata
    {
        get
        {
            if (Json["metadata"] is not JsonObject metadata)
            {
                metadata = [];
                Json["metadata"] = metadata;
            }
            return metadata;
        }
    }

    /// <summary>The cell's <c>metadata.tags</c>, e.g. "parameters".</summary>
    public IReadOnlyList<string> Tags
        => Json["metadata"]?["tags"] is JsonArray tags
            ? [.. tags.Where(t => t?.GetValueKind() == JsonValueKind.String).Select(t => t!.GetValue<string>())]
            : [];

    /// <summary>
    /// Creates a new C# code cell (for injected parameters) with .NET Interactive metadata; <paramref name="id"/>
    /// is the cell id nbformat 4.5 and later require (null: no id, for older notebooks).
    /// </summary>
    public static NotebookCell NewCode(string source, string? id, params string[] tags)
    {
        var json = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = CellOutput.ToLineArray(source),
        };
        if (id is not null)
        {
            json["id"] = id;
        }
        return new NotebookCell(json, null);
    }

    /// <summary>Replaces the cell's outputs and execution count with those of a run.</summary>
    public void SetOutputs(IEnumerable<CellOutput> outputs, int? executionCount)
    {
        Json["outputs"] = new JsonArray([.. outputs.Select(o => (JsonNode?)o.ToJson())]);
        Json["execution_count"] = executionCount;
    }

    /// <summary>Joins nbformat multiline text: a string, or a list of strings.</summary>
    public static string JoinText(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValueKind() == JsonValueKind.String ? l.GetValue<string>() : "")),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => "",
    };

    internal static bool IsSourceShape(JsonNode? node) => node switch
    {
        JsonArray lines => lines.All(l => l?.GetValueKind() == JsonValueKind.String),
        JsonValue value => value.GetValueKind() == JsonValueKind.String,
        _ => false,
    };
}
