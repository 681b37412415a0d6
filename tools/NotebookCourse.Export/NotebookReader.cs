using System.Text;
using System.Text.Json;

namespace NotebookCourse.Export;

/// <summary>Reads an executed .ipynb file (nbformat 4) and checks the parts the exporter relies on.</summary>
internal static class NotebookReader
{
    private static readonly string[] OutputKinds = ["stream", "display_data", "execute_result", "error"];
    private static readonly string[] CellKinds = ["markdown", "code", "raw"];

    /// <summary>Reads <paramref name="path"/>; throws <see cref="NotebookFormatException"/> naming the file and the problem.</summary>
    public static Notebook Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new NotebookFormatException(path, "file not found (expected an executed .ipynb notebook)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path,
                $"not valid JSON (expected an nbformat 4 notebook): {e.Message}", e);
        }

        using (document)
        {
            return Parse(path, document.RootElement);
        }
    }

    private static Notebook Parse(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new NotebookFormatException(path, $"expected a JSON object at the top level, found {Describe(root)}");
        }

        if (!root.TryGetProperty("nbformat", out var format) || format.ValueKind != JsonValueKind.Number)
        {
            throw new NotebookFormatException(path, "expected a number \"nbformat\": 4 at the top level");
        }

        if (!format.TryGetInt32(out var major) || major != 4)
        {
            throw new NotebookFormatException(path, $"expected \"nbformat\": 4, found {format.GetRawText()}");
        }

        var cellsElement = Require(path, root, "cells", JsonValueKind.Array, "the notebook");
        var language = NotebookLanguage(root);
        var cells = new List<NotebookCell>();
        var index = 0;
        foreach (var cell in cellsElement.EnumerateArray())
        {
            cells.Add(ParseCell(path, cell, index, language));
            index++;
        }

        return new Notebook(path, cells);
    }

    /// <summary>The notebook's default kernel language: .NET Interactive notebooks say "C#" in metadata.kernelspec.</summary>
    private static string NotebookLanguage(JsonElement root)
    {
        var language = Find(root, "metadata", "kernelspec", "language")
            ?? Find(root, "metadata", "language_info", "name")
            ?? Find(root, "metadata", "polyglot_notebook", "defaultKernelName");
        return Normalize(language);
    }

    private static string Normalize(string? language) => language?.Trim().ToLowerInvariant() switch
    {
        null or "" or "c#" or "csharp" or "cs" or "c# (.net interactive)" => "csharp",
        "f#" or "fsharp" => "fsharp",
        var other => other,
    };

    private static string? Find(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static NotebookCell ParseCell(string path, JsonElement cell, int index, string notebookLanguage)
    {
        var where = $"cells[{index}]";
        if (cell.ValueKind != JsonValueKind.Object)
        {
            throw new NotebookFormatException(path, $"{where}: expected a cell object, found {Describe(cell)}");
        }

        var kind = RequireString(path, cell, "cell_type", where);
        if (!CellKinds.Contains(kind))
        {
            throw new NotebookFormatException(path,
                $"{where}: expected \"cell_type\" to be markdown, code or raw, found \"{kind}\"");
        }

        var source = MultilineText(path, Require(path, cell, "source", null, where), $"{where}.source");
        int? executionCount = null;
        var outputs = new List<CellOutput>();
        if (kind == "code")
        {
            if (cell.TryGetProperty("execution_count", out var count) && count.ValueKind == JsonValueKind.Number)
            {
                executionCount = count.GetInt32();
            }

            var outputsElement = Require(path, cell, "outputs", JsonValueKind.Array, where);
            var outputIndex = 0;
            foreach (var output in outputsElement.EnumerateArray())
            {
                outputs.Add(ParseOutput(path, output, $"{where}.outputs[{outputIndex}]"));
                outputIndex++;
            }
        }

        var attachments = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        if (cell.TryGetProperty("attachments", out var attached) && attached.ValueKind == JsonValueKind.Object)
        {
            foreach (var file in attached.EnumerateObject())
            {
                attachments[file.Name] = MimeBundle(path, file.Value, $"{where}.attachments.{file.Name}");
            }
        }

        var language = Find(cell, "metadata", "dotnet_interactive", "language")
            ?? Find(cell, "metadata", "polyglot_notebook", "kernelName");
        return new NotebookCell(index + 1, kind, source, executionCount, outputs, attachments,
            language is null ? notebookLanguage : Normalize(language));
    }

    private static CellOutput ParseOutput(string path, JsonElement output, string where)
    {
        if (output.ValueKind != JsonValueKind.Object)
        {
            throw new NotebookFormatException(path, $"{where}: expected an output object, found {Describe(output)}");
        }

        var kind = RequireString(path, output, "output_type", where);
        switch (kind)
        {
            case "stream":
                var name = RequireString(path, output, "name", where);
                var text = MultilineText(path, Require(path, output, "text", null, where), $"{where}.text");
                return new CellOutput(kind, name, text, new Dictionary<string, string>(), null, null, []);
            case "display_data":
            case "execute_result":
                var data = MimeBundle(path, Require(path, output, "data", JsonValueKind.Object, where), $"{where}.data");
                return new CellOutput(kind, null, null, data, null, null, []);
            case "error":
                var ename = RequireString(path, output, "ename", where);
                var evalue = RequireString(path, output, "evalue", where);
                var traceback = new List<string>();
                foreach (var line in Require(path, output, "traceback", JsonValueKind.Array, where).EnumerateArray())
                {
                    traceback.Add(line.ValueKind == JsonValueKind.String ? line.GetString()! : line.GetRawText());
                }

                return new CellOutput(kind, null, null, new Dictionary<string, string>(), ename, evalue, traceback);
            default:
                throw new NotebookFormatException(path,
                    $"{where}: expected \"output_type\" to be one of {string.Join(", ", OutputKinds)}, found \"{kind}\"");
        }
    }

    private static Dictionary<string, string> MimeBundle(string path, JsonElement bundle, string where)
    {
        if (bundle.ValueKind != JsonValueKind.Object)
        {
            throw new NotebookFormatException(path, $"{where}: expected an object of MIME type to content, found {Describe(bundle)}");
        }

        var data = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in bundle.EnumerateObject())
        {
            data[entry.Name] = entry.Value.ValueKind is JsonValueKind.String or JsonValueKind.Array
                && !entry.Name.EndsWith("json", StringComparison.OrdinalIgnoreCase)
                ? MultilineText(path, entry.Value, $"{where}[\"{entry.Name}\"]")
                : entry.Value.GetRawText();
        }

        return data;
    }

    /// <summary>nbformat stores multi-line text either as one string or as a list of strings to concatenate.</summary>
    private static string MultilineText(string path, JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString()!;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            var text = new StringBuilder();
            foreach (var part in value.EnumerateArray())
            {
                if (part.ValueKind != JsonValueKind.String)
                {
                    throw new NotebookFormatException(path, $"{where}: expected a list of strings, found an element that is {Describe(part)}");
                }

                text.Append(part.GetString());
            }

            return text.ToString();
        }

        throw new NotebookFormatException(path, $"{where}: expected a string or a list of strings, found {Describe(value)}");
    }

    private static JsonElement Require(string path, JsonElement owner, string property, JsonValueKind? kind, string where)
    {
        if (!owner.TryGetProperty(property, out var value))
        {
            throw new NotebookFormatException(path, $"{where}: expected property \"{property}\"");
        }

        if (kind is { } expected && value.ValueKind != expected)
        {
            throw new NotebookFormatException(path,
                $"{where}: expected \"{property}\" to be {Article(expected)}, found {Describe(value)}");
        }

        return value;
    }

    private static string RequireString(string path, JsonElement owner, string property, string where)
        => Require(path, owner, property, JsonValueKind.String, where).GetString()!;

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => Article(value.ValueKind),
    };
}
