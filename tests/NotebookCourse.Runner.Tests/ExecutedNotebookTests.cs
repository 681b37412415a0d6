using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Runner.Tests;

/// <summary>The executed notebook is valid nbformat 4 JSON with the right output shapes (nbformat v4 schema).</summary>
public sealed class ExecutedNotebookTests
{
    [Fact]
    public async Task Executed_notebook_round_trips_as_json_with_nbformat_output_shapes()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("outputs.ipynb"), new RunOptions { ContinueOnError = true });
        var path = Path.Combine(Fixture.TempFolder(), "executed.ipynb");
        result.Notebook.Save(path);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal(4, (int)root["nbformat"]!);
        var cells = root["cells"]!.AsArray();
        Assert.Equal(6, cells.Count);

        // Code cells are numbered in order of execution.
        var counts = cells.Where(c => (string)c!["cell_type"]! == "code").Select(c => (int?)c!["execution_count"]).ToList();
        Assert.Equal([1, 2, 3, 4], counts);

        var streams = cells[2]!["outputs"]!.AsArray();
        Assert.Equal(["stream", "stream"], streams.Select(o => (string)o!["output_type"]!));
        Assert.Equal("stdout", (string)streams[0]!["name"]!);
        Assert.Equal(["to stdout\n"], streams[0]!["text"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("stderr", (string)streams[1]!["name"]!);

        var display = Assert.Single(cells[3]!["outputs"]!.AsArray())!.AsObject();
        Assert.Equal("display_data", (string)display["output_type"]!);
        Assert.IsType<JsonObject>(display["metadata"]);
        Assert.False(display.ContainsKey("execution_count"));
        Assert.Equal("step 3", string.Concat(display["data"]!["text/plain"]!.AsArray().Select(l => (string)l!)));

        var result4 = Assert.Single(cells[4]!["outputs"]!.AsArray())!.AsObject();
        Assert.Equal("execute_result", (string)result4["output_type"]!);
        Assert.Equal(3, (int)result4["execution_count"]!);
        Assert.IsType<JsonObject>(result4["metadata"]);
        Assert.True(result4["data"]!.AsObject().ContainsKey("text/html"));

        var error = Assert.Single(cells[5]!["outputs"]!.AsArray())!.AsObject();
        Assert.Equal("error", (string)error["output_type"]!);
        Assert.Equal(nameof(InvalidOperationException), (string)error["ename"]!);
        Assert.Equal("expected failure", (string)error["evalue"]!);
        Assert.All(error["traceback"]!.AsArray(), line => Assert.Equal(JsonValueKind.String, line!.GetValueKind()));

        // Re-reading the written file gives the same JSON.
        var reread = NotebookDocument.Load(path);
        Assert.True(JsonNode.DeepEquals(root, JsonNode.Parse(reread.ToJson())));
    }

    [Fact]
    public void Multiline_text_is_written_as_jupyter_line_lists()
    {
        var lines = CellOutput.ToLineArray("a\nb\n\nc");
        Assert.Equal(["a\n", "b\n", "\n", "c"], lines.Select(l => (string)l!));
        Assert.Equal("a\nb\n\nc", string.Concat(lines.Select(l => (string)l!)));
    }
}
