using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Runner;

/// <summary>A notebook file that cannot be read: names the file, the position and what was expected.</summary>
public sealed class NotebookFormatException(string message) : Exception(message);

/// <summary>
/// An nbformat 4 notebook (.ipynb) held as JSON, so that everything the runner does not touch
/// (metadata, attachments, unknown keys) is written back unchanged.
/// </summary>
public sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private NotebookDocument(string path, JsonObject root, List<NotebookCell> cells)
    {
        FilePath = path;
        Root = root;
        Cells = cells;
    }

    /// <summary>Where the notebook was read from.</summary>
    public string FilePath { get; }

    /// <summary>The file name without folder, e.g. 03-training.ipynb.</summary>
    public string FileName => Path.GetFileName(FilePath);

    /// <summary>The whole notebook as JSON (cells included once <see cref="ToJson"/> runs).</summary>
    public JsonObject Root { get; }

    /// <summary>The cells in order; insert or remove here, <see cref="ToJson"/> writes them back.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>True when cells carry ids: nbformat 4.5 or later, or any cell already has one.</summary>
    public bool UsesCellIds
        => (Root["nbformat_minor"] is JsonValue minor && minor.GetValueKind() == JsonValueKind.Number && minor.GetValue<int>() >= 5)
            || Cells.Any(c => c.Json.ContainsKey("id"));

    /// <summary>A cell id not used by any cell yet, derived from <paramref name="stem"/>.</summary>
    public string NewCellId(string stem)
    {
        var used = Cells.Select(c => c.Json["id"]?.ToString()).ToHashSet();
        var id = stem;
        for (var n = 2; used.Contains(id); n++)
        {
            id = $"{stem}-{n}";
        }
        return id;
    }

    /// <summary>Reads a notebook; bad JSON or a missing cell list is a <see cref="NotebookFormatException"/>.</summary>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new NotebookFormatException($"{path}: file not found");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses notebook JSON; <paramref name="path"/> names it in error messages.</summary>
    public static NotebookDocument Parse(string json, string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(
                $"{path}: not valid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}");
        }
        if (node is not JsonObject root)
        {
            throw new NotebookFormatException($"{path}: expected a JSON object at the top level (an nbformat 4 notebook)");
        }
        if (root["cells"] is not JsonArray cellArray)
        {
            throw new NotebookFormatException($"{path}: expected a \"cells\" array at the top level (nbformat 4)");
        }
        var cells = new List<NotebookCell>();
        for (var i = 0; i < cellArray.Count; i++)
        {
            if (cellArray[i] is not JsonObject cell)
            {
                throw new NotebookFormatException($"{path}: cell {i + 1}: expected a JSON object");
            }
            if (cell["cell_type"]?.GetValueKind() != JsonValueKind.String)
            {
                throw new NotebookFormatException($"{path}: cell {i + 1}: expected a \"cell_type\" string (code, markdown or raw)");
            }
            if (!NotebookCell.IsSourceShape(cell["source"]))
            {
                throw new NotebookFormatException($"{path}: cell {i + 1}: expected \"source\" as a string or a list of strings");
            }
            cells.Add(new NotebookCell(cell, i + 1));
        }
        return new NotebookDocument(Path.GetFullPath(path), root, cells);
    }

    /// <summary>The notebook as nbformat JSON text (one-space indent, as Jupyter writes it).</summary>
    public string ToJson()
    {
        var array = new JsonArray();
        foreach (var cell in Cells)
        {
            cell.Json.Parent?.AsArray().Remove(cell.Json);
            array.Add(cell.Json);
        }
        Root["cells"] = array;
        return Root.ToJsonString(WriteOptions) + "\n";
    }

    /// <summary>Writes the notebook to <paramref name="path"/>, creating its folder.</summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllText(path, ToJson());
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
