using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>One problem <see cref="NotebookChecker"/> found.</summary>
/// <param name="File">The notebook's path.</param>
/// <param name="Cell">The cell (from 1, counting every cell), or null for the whole notebook.</param>
/// <param name="Message">What was expected.</param>
public sealed record CheckProblem(string File, int? Cell, string Message)
{
    /// <summary>"file: cell N: message".</summary>
    public override string ToString() => Cell is int n ? $"{File}: cell {n}: {Message}" : $"{File}: {Message}";
}

/// <summary>
/// Validates course notebooks without running them: JSON, nbformat 4 structure, .NET Interactive
/// metadata, no committed outputs, C# only, the library loaded first, and the NN-slug.ipynb name.
/// </summary>
public static partial class NotebookChecker
{
    private static readonly HashSet<string> CSharpKernelNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    [GeneratedRegex(@"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")]
    private static partial Regex FileNamePattern();

    [GeneratedRegex("""^\s*#r\s+"[^"]*NotebookCourse\.dll"\s*$""", RegexOptions.Multiline)]
    private static partial Regex LibraryReference();

    [GeneratedRegex(@"^\s*#!(?<name>\S+)", RegexOptions.Multiline)]
    private static partial Regex MagicCommand();

    /// <summary>Every problem found in the notebook at <paramref name="path"/> (empty when it is clean).</summary>
    public static IReadOnlyList<CheckProblem> Check(string path)
    {
        var problems = new List<CheckProblem>();
        void Problem(int? cell, string message) => problems.Add(new CheckProblem(path, cell, message));

        var name = Path.GetFileName(path);
        if (!FileNamePattern().IsMatch(name))
        {
            Problem(null, $"file name '{name}': expected NN-slug.ipynb (two digits, a dash, lower-case words joined by dashes)");
        }

        Notebook notebook;
        try
        {
            notebook = Notebook.Load(path);
        }
        catch (NotebookFormatException e)
        {
            Problem(e.Cell, e.Problem);
            return problems;
        }

        CheckNotebookMetadata(notebook.Root, Problem);
        var idsRequired = notebook.FormatMinor >= 5;
        var ids = new HashSet<string>();
        var firstCode = true;
        foreach (var cell in notebook.Cells)
        {
            var number = cell.Number;
            if (cell.Id is null && idsRequired)
            {
                Problem(number, "expected an \"id\" string (nbformat 4.5 and later give every cell a unique id)");
            }
            else if (cell.Id is { } id && !ids.Add(id))
            {
                Problem(number, $"id \"{id}\" is used by an earlier cell: expected unique cell ids");
            }
            if (!cell.IsCode)
            {
                continue;
            }
            CheckCodeCell(cell, Problem);
            if (firstCode)
            {
                firstCode = false;
                if (!LibraryReference().IsMatch(cell.Source))
                {
                    Problem(number, "the first code cell should load the course library: a line #r \"<path>/NotebookCourse.dll\"");
                }
            }
        }
        if (firstCode)
        {
            Problem(null, "expected at least one code cell (the first loads the course library)");
        }
        return problems;
    }

    private static void CheckNotebookMetadata(JsonObject root, Action<int?, string> problem)
    {
        if (root["nbformat"] is not JsonValue format || format.GetValueKind() != JsonValueKind.Number || format.GetValue<double>() != 4)
        {
            problem(null, "expected \"nbformat\": 4");
        }
        if (root["nbformat_minor"] is not JsonValue minor || minor.GetValueKind() != JsonValueKind.Number)
        {
            problem(null, "expected an integer \"nbformat_minor\"");
        }
        if (root["metadata"] is not JsonObject metadata)
        {
            problem(null, "expected a \"metadata\" object with kernelspec, language_info and polyglot_notebook");
            return;
        }
        if (Text(metadata["kernelspec"]?["name"]) != ".net-csharp")
        {
            problem(null, "metadata.kernelspec.name: expected \".net-csharp\" (the .NET Interactive C# kernel)");
        }
        if (Text(metadata["kernelspec"]?["language"]) != "C#")
        {
            problem(null, "metadata.kernelspec.language: expected \"C#\"");
        }
        if (Text(metadata["language_info"]?["name"]) is not ("polyglot-notebook" or "C#"))
        {
            problem(null, "metadata.language_info.name: expected \"polyglot-notebook\" (or \"C#\")");
        }
        var kernelInfo = metadata["polyglot_notebook"]?["kernelInfo"];
        if (kernelInfo is not JsonObject)
        {
            problem(null, "metadata.polyglot_notebook.kernelInfo: expected an object with defaultKernelName \"csharp\" and a csharp item");
            return;
        }
        if (Text(kernelInfo["defaultKernelName"]) != "csharp")
        {
            problem(null, "metadata.polyglot_notebook.kernelInfo.defaultKernelName: expected \"csharp\"");
        }
        if (kernelInfo["items"] is not JsonArray items || !items.Any(item => Text(item?["name"]) == "csharp"))
        {
            problem(null, "metadata.polyglot_notebook.kernelInfo.items: expected an item with name \"csharp\" (languageName \"C#\")");
        }
    }

    private static void CheckCodeCell(NotebookCell cell, Action<int?, string> problem)
    {
        var number = cell.Number;
        if (cell.Outputs.Count > 0)
        {
            problem(number, $"code cell has {cell.Outputs.Count} committed output(s): expected none (clear outputs before committing)");
        }
        if (cell.ExecutionCount is not null)
        {
            problem(number, "code cell has a committed execution_count: expected null (clear outputs before committing)");
        }
        var kernelName = Text(cell.Json["metadata"]?["polyglot_notebook"]?["kernelName"]);
        if (kernelName != "csharp")
        {
            problem(number, $"metadata.polyglot_notebook.kernelName: expected \"csharp\", found {(kernelName is null ? "none" : $"\"{kernelName}\"")}");
        }
        foreach (Match magic in MagicCommand().Matches(cell.Source))
        {
            var name = magic.Groups["name"].Value;
            if (!CSharpKernelNames.Contains(name))
            {
                problem(number, $"magic command '#!{name}': expected C# code only (every code cell runs in the C# kernel)");
            }
        }
    }

    private static string? Text(JsonNode? node)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
