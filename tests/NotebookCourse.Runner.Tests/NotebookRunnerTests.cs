using System.Text.Json.Nodes;

namespace NotebookCourse.Runner.Tests;

/// <summary>Whole notebooks: failures named by notebook, cell and line; timeout; continue-on-error; working folder.</summary>
public sealed class NotebookRunnerTests
{
    private static JsonArray OutputsOf(NotebookRunResult result, int cell)
        => result.Notebook.Cells[cell - 1].Json["outputs"]!.AsArray();

    [Fact]
    public async Task Runtime_exception_stops_the_run_and_names_notebook_cell_and_line()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("failures.ipynb"), new RunOptions());
        var failure = Assert.Single(result.Failures);
        Assert.Equal("failures.ipynb", failure.Notebook);
        Assert.Equal(3, failure.Cell);
        Assert.Equal(Fixture.LineOf(Fixture.CellSource("failures.ipynb", 3), "// throws here"), failure.Error.Line);
        Assert.Contains("failures.ipynb: cell 3", failure.ToString());
        Assert.Contains($"line {failure.Error.Line}", failure.ToString());

        var error = Assert.Single(OutputsOf(result, 3))!;
        Assert.Equal("error", (string)error["output_type"]!);
        Assert.Equal(nameof(IndexOutOfRangeException), (string)error["ename"]!);
        Assert.Empty(OutputsOf(result, 4));
        Assert.Null(result.Notebook.Cells[3].Json["execution_count"]);
    }

    [Fact]
    public async Task Continue_on_error_runs_the_remaining_cells()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("failures.ipynb"), new RunOptions { ContinueOnError = true });
        Assert.Single(result.Failures);
        var last = Assert.Single(OutputsOf(result, 4))!;
        Assert.Equal("execute_result", (string)last["output_type"]!);
        Assert.Equal("2", string.Concat(last["data"]!["text/plain"]!.AsArray().Select(l => (string)l!)));
    }

    [Fact]
    public async Task Compile_error_names_notebook_cell_and_line()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("compile-error.ipynb"), new RunOptions());
        var failure = Assert.Single(result.Failures);
        Assert.Equal(2, failure.Cell);
        Assert.Equal("compile", failure.Error.Kind);
        Assert.Equal(Fixture.LineOf(Fixture.CellSource("compile-error.ipynb", 2), "// does not compile"), failure.Error.Line);
        Assert.Contains("notDeclared", failure.Error.Message);
        Assert.Empty(OutputsOf(result, 3));
    }

    [Fact]
    public async Task Timed_out_cell_gets_an_error_output_and_the_run_stops()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("timeout.ipynb"), new RunOptions { CellTimeout = TimeSpan.FromSeconds(1.5) });
        var failure = Assert.Single(result.Failures);
        Assert.Equal(2, failure.Cell);
        Assert.Equal("timeout", failure.Error.Kind);
        var error = Assert.Single(OutputsOf(result, 2))!;
        Assert.Equal("cell 2 timed out after 1.5 s", (string)error["evalue"]!);
        Assert.Empty(OutputsOf(result, 3));
    }

    [Fact]
    public async Task Timed_out_cell_with_continue_on_error_runs_the_rest()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("timeout.ipynb"),
            new RunOptions { CellTimeout = TimeSpan.FromSeconds(1.5), ContinueOnError = true });
        Assert.Single(result.Failures);
        Assert.Equal("execute_result", (string)Assert.Single(OutputsOf(result, 3))!["output_type"]!);
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_notebook_folder()
    {
        var before = Environment.CurrentDirectory;
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("relative-reference.ipynb"), new RunOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var exists = Assert.Single(OutputsOf(result, 3))!;
        Assert.Equal("True", string.Concat(exists["data"]!["text/plain"]!.AsArray().Select(l => (string)l!)));
        Assert.Equal(before, Environment.CurrentDirectory);
    }

    [Fact]
    public async Task Markdown_and_raw_cells_are_passed_through_untouched()
    {
        var original = JsonNode.Parse(File.ReadAllText(Fixture.PathOf("outputs.ipynb")))!["cells"]!.AsArray();
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("outputs.ipynb"), new RunOptions { ContinueOnError = true });
        var executed = JsonNode.Parse(result.Notebook.ToJson())!["cells"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(original[0], executed[0]));
        Assert.True(JsonNode.DeepEquals(original[1], executed[1]));
    }

    [Fact]
    public void Folder_lists_notebooks_sorted_by_name()
    {
        var folder = Fixture.TempFolder();
        foreach (var name in new[] { "10-b.ipynb", "02-a.ipynb", "01-z.ipynb", "notes.txt" })
        {
            File.WriteAllText(Path.Combine(folder, name), "{}");
        }
        var found = NotebookRunner.FindNotebooks(folder).Select(Path.GetFileName);
        Assert.Equal(["01-z.ipynb", "02-a.ipynb", "10-b.ipynb"], found);
    }
}
