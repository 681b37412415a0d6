using System.Text.Json.Nodes;

namespace NotebookCourse.Runner.Tests;

/// <summary>The executed notebook is nbformat 4.5 JSON with the right output shapes and execution counts.</summary>
public sealed class ExecutedNotebookTests
{
    [Fact]
    public async Task Executed_notebook_has_nbformat_output_shapes_cell_ids_and_round_trips()
    {
        var result = await FixtureRuns.Get("outputs.ipynb", continueOnError: true);
        var path = Path.Combine(Fixture.TempFolder(), "executed.ipynb");
        result.Notebook.Save(path);

        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal(4, (int)root["nbformat"]!);
        Assert.Equal(5, (int)root["nbformat_minor"]!);
        var cells = root["cells"]!.AsArray();
        Assert.Equal(6, cells.Count);
        Assert.All(cells, c => Assert.False(string.IsNullOrEmpty((string?)c!["id"])));

        // Code cells are numbered in order of execution.
        var counts = cells.Where(c => (string)c!["cell_type"]! == "code").Select(c => (int?)c!["execution_count"]).ToList();
        Assert.Equal([1, 2, 3, 4], counts);

        var streams = cells[2]!["outputs"]!.AsArray();
        Assert.Equal(["stream", "stream"], streams.Select(o => (string)o!["output_type"]!));
        Assert.Equal(["to stdout\n"], streams[0]!["text"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("stderr", (string)streams[1]!["name"]!);

        var display = Assert.Single(cells[3]!["outputs"]!.AsArray())!.AsObject();
        Assert.Equal("display_data", (string)display["output_type"]!);
        Assert.IsType<JsonObject>(display["metadata"]);
        Assert.False(display.ContainsKey("execution_count"));

        var result4 = Assert.Single(cells[4]!["outputs"]!.AsArray())!.AsObject();
        Assert.Equal("execute_result", (string)result4["output_type"]!);
        Assert.Equal(3, (int)result4["execution_count"]!);
        Assert.True(result4["data"]!.AsObject().ContainsKey("text/html"));

        var error = Assert.Single(cells[5]!["outputs"]!.AsArray())!.AsObject();
        Assert.Equal("error", (string)error["output_type"]!);
        Assert.Equal(nameof(InvalidOperationException), (string)error["ename"]!);
        Assert.Equal("expected failure", (string)error["evalue"]!);

        // Reading the written file and writing it again gives the same bytes.
        Assert.Equal(File.ReadAllText(path), Notebook.Load(path).ToJson());
    }

    [Fact]
    public void Multiline_text_is_written_as_jupyter_line_lists()
    {
        var lines = CellOutput.ToLineArray("a\nb\n\nc");
        Assert.Equal(["a\n", "b\n", "\n", "c"], lines.Select(l => (string)l!));
    }

    [Theory]
    [InlineData("outputs.ipynb")]
    [InlineData("parameters.ipynb")]
    [InlineData("01-clean.ipynb")]
    public void Committed_notebooks_are_written_back_byte_for_byte(string fixture)
        => Assert.Equal(File.ReadAllText(Fixture.PathOf(fixture)), Notebook.Load(Fixture.PathOf(fixture)).ToJson());

    [Fact]
    public void Course_notebooks_are_written_back_byte_for_byte()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(Fixture.RepositoryRoot, "notebooks"), "*.ipynb", SearchOption.AllDirectories))
        {
            Assert.True(File.ReadAllText(path) == Notebook.Load(path).ToJson(), $"{path} changes when read and written back");
        }
    }
}
