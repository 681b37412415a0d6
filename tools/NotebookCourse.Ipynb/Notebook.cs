using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Ipynb;

/// <summary>
/// An nbformat 4 notebook (.ipynb): the one model the runner, the checker and the exporter read.
/// It holds the file's JSON, so metadata and keys it does not know are written back unchanged, and a
/// notebook read and saved again is byte-identical when nothing changed (Jupyter's one-space indent).
/// </summary>
public sealed class Notebook
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] CellTypes = ["markdown", "code", "raw"];

    private Notebook(string path, JsonObject root, List<NotebookCell> cells)
    {
        FilePath = path;
        Root = root;
        Cells = cells;
    }

    /// <summary>Where the notebook was read from (a full path).</summary>
    public string FilePath { get; }

    /// <summary>The file name without folder, e.g. 03-training.ipynb.</summary>
    public string FileName => Path.GetFileName(FilePath);

    /// <summary>The whole notebook as JSON (cells are written from <see cref="Cells"/> by <see cref="ToJson"/>).</summary>
    public JsonObject Root { get; }

    /// <summary>The notebook's metadata object (created when missing).</summary>
    public JsonObject Metadata
    {
        get
        {
            if (Root["metadata"] is not JsonObject metadata)
            {
                metadata = [];
                Root["metadata"] = metadata;
            }
            return metadata;
        }
    }

    /// <summary>The cells in order; insert or remove here.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>nbformat's minor version (4.x).</summary>
    public int FormatMinor => Root["nbformat_minor"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)v.GetValue<double>() : 0;

    /// <summary>True when cells carry ids: nbformat 4.5 or later, or any cell already has one.</summary>
    public bool UsesCellIds => FormatMinor >= 5 || Cells.Any(c => c.Id is not null);

    /// <summary><c>metadata.kernelspec.name</c>, e.g. ".net-csharp", or null.</summary>
    public string? KernelspecName => Json.Text(Root["metadata"]?["kernelspec"]?["name"]);

    /// <summary><c>metadata.kernelspec.language</c>, e.g. "C#", or null.</summary>
    public string? KernelspecLanguage => Json.Text(Root["metadata"]?["kernelspec"]?["language"]);

    /// <summary>The kernel a code cell without its own kernel name runs in: Polyglot's default, else from the kernelspec, else csharp.</summary>
    public string DefaultKernelName
        => Json.Text(Root["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"])
            ?? NormalizeLanguage(KernelspecLanguage ?? Json.Text(Root["metadata"]?["language_info"]?["name"]));

    /// <summary>The language a code cell is written in, lower case: "csharp", "fsharp", "pwsh", …</summary>
    public string LanguageOf(NotebookCell cell) => NormalizeLanguage(cell.KernelName ?? DefaultKernelName);

    /// <summary>A cell id not used by any cell yet, derived from <paramref name="stem"/>.</summary>
    public string NewCellId(string stem)
    {
        var used = Cells.Select(c => c.Id).ToHashSet();
        var id = stem;
        for (var n = 2; used.Contains(id); n++)
        {
            id = $"{stem}-{n}";
        }
        return id;
    }

    /// <summary>Reads a notebook; a file that is not nbformat 4 is a <see cref="NotebookFormatException"/> naming the place.</summary>
    public static Notebook Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new NotebookFormatException(path, "file not found (expected an nbformat 4 .ipynb notebook)");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>A new notebook in memory (nbformat 4.5, .NET Interactive C# metadata) to be saved at <paramref name="path"/>.</summary>
    public static Notebook Create(string path, IEnumerable<NotebookCell> cells)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp", ["languageName"] = "C#", ["aliases"] = new JsonArray("c#", "cs") }),
                    },
                },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return new Notebook(Path.GetFullPath(path), root, [.. cells]);
    }

    /// <summary>Parses notebook JSON; <paramref name="path"/> names it in error messages.</summary>
    public static Notebook Parse(string json, string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path,
                $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1} (expected an nbformat 4 notebook): {FirstSentence(e.Message)}",
                inner: e);
        }
        if (node is not JsonObject root)
        {
            throw new NotebookFormatException(path, $"expected a JSON object at the top level (an nbformat 4 notebook), found {Json.Describe(node)}");
        }
        if (root["nbformat"] is not JsonValue format || format.GetValueKind() != JsonValueKind.Number)
        {
            throw new NotebookFormatException(path, "expected a number \"nbformat\": 4 at the top level");
        }
        if (format.GetValue<double>() != 4)
        {
            throw new NotebookFormatException(path, $"expected \"nbformat\": 4, found {format.ToJsonString()}");
        }
        if (root["cells"] is not JsonArray cellArray)
        {
            throw new NotebookFormatException(path, "expected a \"cells\" array at the top level (nbformat 4)");
        }
        var cells = new List<NotebookCell>(cellArray.Count);
        for (var i = 0; i < cellArray.Count; i++)
        {
            cells.Add(ParseCell(path, cellArray[i], i));
        }
        return new Notebook(Path.GetFullPath(path), root, cells);
    }

    private static NotebookCell ParseCell(string path, JsonNode? node, int index)
    {
        var where = $"cells[{index}]";
        Exception Fail(string problem) => new NotebookFormatException(path, $"{where}: {problem}", index + 1);
        if (node is not JsonObject cell)
        {
            throw Fail($"expected a cell object, found {Json.Describe(node)}");
        }
        var type = Json.Text(cell["cell_type"]) ?? throw Fail("expected a \"cell_type\" string (markdown, code or raw)");
        if (!CellTypes.Contains(type))
        {
            throw Fail($"cell_type '{type}': expected \"cell_type\" to be markdown, code or raw");
        }
        if (cell["metadata"] is not JsonObject)
        {
            throw Fail("expected a \"metadata\" object");
        }
        if (!Json.IsMultilineText(cell["source"]))
        {
            throw Fail("expected \"source\" as a string or a list of strings");
        }
        if (cell.ContainsKey("id") && Json.Text(cell["id"]) is null)
        {
            throw Fail($"expected \"id\" to be a string, found {Json.Describe(cell["id"])}");
        }
        var outputs = new List<CellOutput>();
        if (type == "code")
        {
            if (!cell.ContainsKey("outputs"))
            {
                throw Fail("expected property \"outputs\" (a list, empty before the cell runs)");
            }
            if (cell["outputs"] is not JsonArray outputArray)
            {
                throw Fail($"expected \"outputs\" to be a list, found {Json.Describe(cell["outputs"])}");
            }
            if (!cell.ContainsKey("execution_count"))
            {
                throw Fail("expected property \"execution_count\" (null before the cell runs)");
            }
            if (cell["execution_count"] is not null && (cell["execution_count"] is not JsonValue count || count.GetValueKind() != JsonValueKind.Number))
            {
                throw Fail($"expected \"execution_count\" to be null or a number, found {Json.Describe(cell["execution_count"])}");
            }
            for (var o = 0; o < outputArray.Count; o++)
            {
                var outputWhere = $"{where}.outputs[{o}]";
                outputs.Add(OutputReader.Read(outputArray[o], problem => new NotebookFormatException(path, $"{outputWhere}: {problem}", index + 1)));
            }
        }
        return new NotebookCell(cell, index + 1, outputs);
    }

    /// <summary>
    /// The notebook as nbformat JSON text (one-space indent, as Jupyter writes it, and a final newline).
    /// Nothing is changed, so several threads may write the same notebook at once.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 1, Encoder = WriteOptions.Encoder }))
        {
            writer.WriteStartObject();
            var wroteCells = false;
            foreach (var (name, value) in Root)
            {
                writer.WritePropertyName(name);
                if (name == "cells")
                {
                    WriteCells(writer);
                    wroteCells = true;
                }
                else if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer, WriteOptions);
                }
            }
            if (!wroteCells)
            {
                writer.WritePropertyName("cells");
                WriteCells(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private void WriteCells(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var cell in Cells)
        {
            cell.Json.WriteTo(writer, WriteOptions);
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes the notebook to <paramref name="path"/> (creating its folder) through a temporary file, so a crash leaves no half-written notebook.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Path.GetRandomFileName()}.tmp";
        File.WriteAllText(temporary, ToJson());
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Lower-case language names: "C#", "cs", "csharp" are all "csharp".</summary>
    public static string NormalizeLanguage(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        null or "" or "c#" or "csharp" or "cs" or "c# (.net interactive)" or "polyglot-notebook" => "csharp",
        "f#" or "fsharp" or "fs" => "fsharp",
        "powershell" or "pwsh" => "pwsh",
        var other => other,
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
