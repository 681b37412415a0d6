using System.Text.Json.Nodes;

namespace NotebookCourse.Runner.Tests;

/// <summary>check finds each kind of problem, naming file, cell and what was expected, and passes a clean notebook.</summary>
public sealed class CheckerTests
{
    [Fact]
    public void Clean_notebook_has_no_problems()
        => Assert.Empty(NotebookChecker.Check(Fixture.PathOf("01-clean.ipynb")));

    public static TheoryData<string, int?, string> Mutations => new()
    {
        { "kernelspec-name", null, "metadata.kernelspec.name: expected \".net-csharp\"" },
        { "kernelspec-language", null, "metadata.kernelspec.language: expected \"C#\"" },
        { "language-info", null, "metadata.language_info.name" },
        { "no-kernel-info", null, "metadata.polyglot_notebook.kernelInfo" },
        { "default-kernel", null, "defaultKernelName: expected \"csharp\"" },
        { "kernel-items", null, "kernelInfo.items: expected an item with name \"csharp\"" },
        { "cell-kernel-name", 4, "kernelName: expected \"csharp\", found \"fsharp\"" },
        { "cell-no-kernel-name", 4, "kernelName: expected \"csharp\", found none" },
        { "committed-output", 4, "committed output" },
        { "committed-count", 4, "committed execution_count" },
        { "no-outputs-key", 4, "expected property \"outputs\"" },
        { "no-count-key", 4, "expected property \"execution_count\"" },
        { "pwsh-magic", 4, "'#!pwsh'" },
        { "library-not-first", 2, "should load the course library" },
        { "nbformat-3", null, "expected \"nbformat\": 4" },
        { "cell-type", 3, "cell_type 'heading'" },
        { "cell-metadata", 3, "expected a \"metadata\" object" },
        { "no-id", 3, "expected an \"id\" string" },
        { "duplicate-id", 4, "id \"cell-1\" is used by an earlier cell" },
        { "no-source", 3, "expected \"source\" as a string or a list of strings" },
        { "no-cell-type", 3, "expected a \"cell_type\" string" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void Each_problem_is_reported_with_file_cell_and_expectation(string mutation, int? cell, string expected)
    {
        var root = JsonNode.Parse(File.ReadAllText(Fixture.PathOf("01-clean.ipynb")))!.AsObject();
        Mutate(root, mutation);
        var path = Path.Combine(Fixture.TempFolder(), "05-mutated.ipynb");
        File.WriteAllText(path, root.ToJsonString());

        var problems = NotebookChecker.Check(path);
        var problem = Assert.Single(problems);
        Assert.Equal(path, problem.File);
        Assert.Equal(cell, problem.Cell);
        Assert.Contains(expected, problem.Message);
        Assert.StartsWith(cell is int n ? $"{path}: cell {n}: " : $"{path}: ", problem.ToString());
    }

    private static void Mutate(JsonObject root, string mutation)
    {
        var metadata = root["metadata"]!.AsObject();
        var code = root["cells"]![3]!.AsObject();
        switch (mutation)
        {
            case "kernelspec-name": metadata["kernelspec"]!["name"] = "python3"; break;
            case "kernelspec-language": metadata["kernelspec"]!["language"] = "F#"; break;
            case "language-info": metadata["language_info"]!["name"] = "python"; break;
            case "no-kernel-info": metadata.Remove("polyglot_notebook"); break;
            case "default-kernel": metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"] = "fsharp"; break;
            case "kernel-items": metadata["polyglot_notebook"]!["kernelInfo"]!["items"] = new JsonArray(); break;
            case "cell-kernel-name": code["metadata"]!["polyglot_notebook"]!["kernelName"] = "fsharp"; break;
            case "cell-no-kernel-name": code["metadata"] = new JsonObject(); break;
            case "committed-output": code["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "x" }); break;
            case "committed-count": code["execution_count"] = 3; break;
            case "no-outputs-key": code.Remove("outputs"); break;
            case "no-count-key": code.Remove("execution_count"); break;
            case "pwsh-magic": code["source"] = "#!pwsh\nGet-ChildItem"; break;
            case "library-not-first": root["cells"]![1]!["source"] = "var x = 1;"; break;
            case "nbformat-3": root["nbformat"] = 3; break;
            case "cell-type": root["cells"]![2]!["cell_type"] = "heading"; break;
            case "cell-metadata": root["cells"]![2]!.AsObject().Remove("metadata"); break;
            case "no-id": root["cells"]![2]!.AsObject().Remove("id"); break;
            case "duplicate-id": code["id"] = "cell-1"; break;
            case "no-source": root["cells"]![2]!.AsObject().Remove("source"); break;
            case "no-cell-type": root["cells"]![2]!.AsObject().Remove("cell_type"); break;
            default: throw new ArgumentException(mutation);
        }
    }

    [Fact]
    public void Every_problem_of_a_readable_notebook_is_reported_not_just_the_first()
    {
        // A broken structure (no source, no cell_type…) stops reading at that cell; everything else is listed.
        var root = JsonNode.Parse(File.ReadAllText(Fixture.PathOf("01-clean.ipynb")))!.AsObject();
        Mutate(root, "kernelspec-name");
        Mutate(root, "committed-count");
        Mutate(root, "pwsh-magic");
        Mutate(root, "no-id");
        var path = Path.Combine(Fixture.TempFolder(), "Bad Name.ipynb");
        File.WriteAllText(path, root.ToJsonString());
        var messages = NotebookChecker.Check(path).Select(p => p.Message).ToList();
        Assert.Equal(5, messages.Count);
        Assert.Contains(messages, m => m.Contains("expected NN-slug.ipynb"));
    }

    [Fact]
    public void Invalid_json_is_reported_with_line_and_column()
    {
        var path = Fixture.PathOf("bad-json.ipynb");
        var lines = File.ReadAllLines(path);
        var line = Array.FindIndex(lines, l => l.Contains(",,")) + 1;
        var column = lines[line - 1].IndexOf(",,", StringComparison.Ordinal) + 2; // the second comma, 1-based
        var problem = NotebookChecker.Check(path).Single(p => !p.Message.Contains("NN-slug"));
        Assert.Contains($"line {line}, column {column}", problem.Message);
        Assert.Contains("not valid JSON", problem.Message);
    }
}
