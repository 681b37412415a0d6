using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Ipynb;

/// <summary>
/// One cell of a notebook: typed access to its source, metadata and outputs over the cell's JSON object,
/// so that keys the model does not know are written back unchanged.
/// </summary>
public sealed class NotebookCell
{
    private List<CellOutput> _outputs;

    internal NotebookCell(JsonObject json, int? number, List<CellOutput> outputs)
    {
        Json = json;
        Number = number;
        _outputs = outputs;
    }

    /// <summary>The cell's JSON object (outputs and execution count are written from the typed values).</summary>
    public JsonObject Json { get; }

    /// <summary>The cell's position (from 1, counting every cell) in the file it was read from; null for a cell added since.</summary>
    public int? Number { get; }

    /// <summary>code, markdown or raw.</summary>
    public string CellType => Ipynb.Json.Text(Json["cell_type"]) ?? "";

    /// <summary>True for a code cell.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell id (nbformat 4.5 and later), or null.</summary>
    public string? Id => Ipynb.Json.Text(Json["id"]);

    /// <summary>The cell's text (a list of lines in the file is joined).</summary>
    public string Source
    {
        get => Ipynb.Json.IsMultilineText(Json["source"]) ? Ipynb.Json.MultilineText(Json["source"], "source", m => new FormatException(m)) : "";
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
        => Json["metadata"]?["tags"] is JsonArray tags ? [.. tags.Select(Ipynb.Json.Text).OfType<string>()] : [];

    /// <summary>The kernel the cell's metadata names (Polyglot's <c>kernelName</c>, or the older <c>dotnet_interactive.language</c>), or null.</summary>
    public string? KernelName
        => Ipynb.Json.Text(Json["metadata"]?["polyglot_notebook"]?["kernelName"])
            ?? Ipynb.Json.Text(Json["metadata"]?["dotnet_interactive"]?["language"]);

    /// <summary>The execution count of a code cell (Jupyter's <c>[n]</c>), or null when it has not run.</summary>
    public int? ExecutionCount
    {
        get => Json["execution_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;
        set
        {
            if (IsCode)
            {
                Json["execution_count"] = value;
            }
        }
    }

    /// <summary>The outputs of a code cell, in order (empty for other cells).</summary>
    public IReadOnlyList<CellOutput> Outputs
    {
        get => _outputs;
        set
        {
            _outputs = [.. value];
            if (IsCode)
            {
                Json["outputs"] = new JsonArray([.. _outputs.Select(o => (JsonNode?)o.ToJson())]);
            }
        }
    }

    /// <summary>Files attached to a markdown cell: name to (MIME type to base64 data).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Attachments
        => Json["attachments"] is JsonObject attached
            ? attached.Where(a => a.Value is JsonObject).ToDictionary(
                a => a.Key,
                a => (IReadOnlyDictionary<string, string>)OutputReader.MimeBundle((JsonObject)a.Value!, m => new FormatException(m)))
            : new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>
    /// A new code cell with .NET Interactive metadata (kernel <paramref name="kernelName"/>), e.g. for
    /// injected parameters; <paramref name="id"/> is the cell id nbformat 4.5 and later require (null: none).
    /// </summary>
    public static NotebookCell NewCode(string source, string? id = null, IEnumerable<string>? tags = null, string kernelName = "csharp")
    {
        var metadata = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernelName } };
        var tagList = tags?.ToList() ?? [];
        if (tagList.Count > 0)
        {
            metadata["tags"] = new JsonArray([.. tagList.Select(t => (JsonNode?)JsonValue.Create(t))]);
        }
        var json = new JsonObject { ["cell_type"] = "code", ["execution_count"] = null };
        if (id is not null)
        {
            json["id"] = id;
        }
        json["metadata"] = metadata;
        json["outputs"] = new JsonArray();
        json["source"] = CellOutput.ToLineArray(source);
        return new NotebookCell(json, null, []);
    }

    /// <summary>A new markdown cell.</summary>
    public static NotebookCell NewMarkdown(string source, string? id = null)
    {
        var json = new JsonObject { ["cell_type"] = "markdown" };
        if (id is not null)
        {
            json["id"] = id;
        }
        json["metadata"] = new JsonObject();
        json["source"] = CellOutput.ToLineArray(source);
        return new NotebookCell(json, null, []);
    }
}
