namespace NotebookCourse.Runner.Tests;

/// <summary>Whole notebooks: failures named by notebook, cell and line; continue-on-error; working folder; untouched text cells.</summary>
public sealed class NotebookRunnerTests
{
    [Fact]
    public async Task Runtime_exception_stops_the_run_and_names_notebook_cell_and_innermost_frame()
    {
        var result = await FixtureRuns.Get("failures.ipynb");
        var failure = Assert.Single(result.Failures);
        Assert.Equal("failures.ipynb", failure.Notebook);
        Assert.Equal(3, failure.Cell);
        Assert.Equal("exception", failure.Error.Kind);
        Assert.Contains("System.IndexOutOfRangeException", failure.Error.Message);
        Assert.StartsWith("failures.ipynb: cell 3 (cells counted from 1, markdown included) (the kernel gives no line numbers inside cell code; innermost frame: at Submission#", failure.ToString());

        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Notebook.Cells[2].Outputs));
        Assert.Equal(nameof(IndexOutOfRangeException), error.EName);
        Assert.Empty(result.Notebook.Cells[3].Outputs);
        Assert.Null(result.Notebook.Cells[3].ExecutionCount);
    }

    [Fact]
    public async Task Continue_on_error_runs_the_remaining_cells_in_the_same_kernel()
    {
        var result = await FixtureRuns.Get("failures.ipynb", continueOnError: true);
        Assert.Single(result.Failures);
        var last = Fixture.Display(Assert.Single(result.Notebook.Cells[3].Outputs));
        Assert.Equal("execute_result", last.OutputType);
        Assert.Equal("2", Fixture.Text(last)); // `before` from cell 2 is still there
    }

    [Fact]
    public async Task Compile_error_names_notebook_cell_line_and_column()
    {
        var result = await FixtureRuns.Get("compile-error.ipynb");
        var failure = Assert.Single(result.Failures);
        Assert.Equal(2, failure.Cell);
        Assert.Equal("compile", failure.Error.Kind);
        var line = Fixture.LineOf(Fixture.CellSource("compile-error.ipynb", 2), "// does not compile");
        Assert.Equal(line, failure.Error.Line);
        Assert.Contains($"compile-error.ipynb: cell 2 (cells counted from 1, markdown included), line {line}, column ", failure.ToString());
        Assert.Contains("notDeclared", failure.Error.Message);
        Assert.Empty(result.Notebook.Cells[2].Outputs);
    }

    [Fact]
    public async Task Relative_paths_resolve_against_the_notebook_folder()
    {
        var before = Environment.CurrentDirectory;
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("relative-reference.ipynb"), new RunOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal("<b class=\"temperature\">21.5 °C</b>", Fixture.Html(Assert.Single(result.Notebook.Cells[1].Outputs)));
        Assert.Equal("True", Fixture.Text(Assert.Single(result.Notebook.Cells[2].Outputs)));
        Assert.Equal(before, Environment.CurrentDirectory); // the kernel has its own working directory
    }

    [Fact]
    public async Task Markdown_and_raw_cells_are_passed_through_untouched()
    {
        var original = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture.PathOf("outputs.ipynb")))!["cells"]!.AsArray();
        var result = await FixtureRuns.Get("outputs.ipynb", continueOnError: true);
        var executed = System.Text.Json.Nodes.JsonNode.Parse(result.Notebook.ToJson())!["cells"]!.AsArray();
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(original[0], executed[0]));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(original[1], executed[1]));
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

    [Fact]
    public async Task Environment_given_to_the_run_reaches_the_kernel()
    {
        var path = Fixture.Notebook("environment.ipynb", "Environment.GetEnvironmentVariable(\"NOTEBOOKCOURSE_MNIST\")");
        var result = await NotebookRunner.RunAsync(path, new RunOptions { Environment = new Dictionary<string, string> { ["NOTEBOOKCOURSE_MNIST"] = "/data/mnist-here" } });
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        Assert.Equal("/data/mnist-here", Fixture.Text(Assert.Single(result.Notebook.Cells[0].Outputs)));
    }
}

/// <summary>A notebook for another kernel is refused before any kernel starts.</summary>
public sealed class KernelspecTests
{
    private static string PythonNotebook()
    {
        var path = Fixture.Notebook("python.ipynb", "print('hello')");
        var notebook = Notebook.Load(path);
        notebook.Metadata["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "python3", ["display_name"] = "Python 3", ["language"] = "python" };
        notebook.Metadata.Remove("polyglot_notebook");
        notebook.Metadata["language_info"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "python" };
        notebook.Save(path);
        return path;
    }

    [Fact]
    public async Task Python_notebook_is_refused_with_a_clear_error()
    {
        var path = PythonNotebook();
        var e = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(path, new RunOptions()));
        Assert.Contains("python.ipynb", e.Message);
        Assert.Contains("kernelspec \"python3\"", e.Message);
        Assert.Contains("is not .NET C#", e.Message);
    }

    [Fact]
    public async Task Run_command_exits_1_naming_the_notebook_and_its_kernelspec()
    {
        var stderr = new StringWriter();
        var stdout = new StringWriter();
        var exit = await Program.RunAsync(["run", PythonNotebook()], stdout, stderr);
        Assert.Equal(1, exit);
        Assert.Contains("is not .NET C#", stderr.ToString());
        Assert.DoesNotContain("-- cell", stdout.ToString());
    }
}
