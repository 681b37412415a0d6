using System.Globalization;

namespace NotebookCourse.Runner.Tests;

/// <summary>Papermill-style parameters: typed overrides in an injected cell after the parameters cell.</summary>
public sealed class ParameterTests
{
    private static readonly Dictionary<string, string> Overrides = new()
    {
        ["epochs"] = "3",
        ["lr"] = "0.5",
        ["dataDir"] = "C:\\data \"quoted\"",
        ["shuffle"] = "false",
        ["momentum"] = "0.25",
        ["seed"] = "9000000000",
    };

    [Fact]
    public async Task Given_values_override_the_defaults_with_the_declared_types()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("parameters.ipynb"), new RunOptions { Parameters = Overrides });
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));

        var injected = result.Notebook.Cells[2];
        Assert.Equal(["injected-parameters"], injected.Tags);
        Assert.Equal("injected-parameters", (string)injected.Json["id"]!); // nbformat 4.5 cell id, unique
        Assert.Null(injected.Number);

        var output = result.Notebook.Cells[3].Json["outputs"]![0]!["data"]!["text/plain"]!.AsArray();
        var text = string.Concat(output.Select(l => (string)l!));
        var expected = string.Join('|', "3", nameof(Single), 0.5f.ToString(CultureInfo.InvariantCulture),
            "C:\\data \"quoted\"", "False", "0.25", "9000000000");
        Assert.Equal(expected, text);
    }

    [Fact]
    public async Task Without_values_the_defaults_run_and_no_cell_is_injected()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("parameters.ipynb"), new RunOptions());
        Assert.Equal(3, result.Notebook.Cells.Count);
        var text = string.Concat(result.Notebook.Cells[2].Json["outputs"]![0]!["data"]!["text/plain"]!.AsArray().Select(l => (string)l!));
        Assert.StartsWith("15|Single|0.1|data|True|0.9|42", text);
    }

    [Fact]
    public async Task Unknown_parameter_is_named_and_the_declared_ones_listed()
    {
        var e = await Assert.ThrowsAsync<ParameterException>(() => NotebookRunner.RunAsync(
            Fixture.PathOf("parameters.ipynb"), new RunOptions { Parameters = new Dictionary<string, string> { ["epoch"] = "3" } }));
        Assert.Contains("'epoch'", e.Message);
        Assert.Contains("parameters.ipynb", e.Message);
        foreach (var declared in new[] { "int epochs", "float lr", "string dataDir", "bool shuffle", "double momentum", "long seed" })
        {
            Assert.Contains(declared, e.Message);
        }
    }

    [Theory]
    [InlineData("epochs", "three")]
    [InlineData("lr", "fast")]
    [InlineData("shuffle", "maybe")]
    [InlineData("epochs", "2.5")]
    public async Task Unparsable_value_is_named_with_its_type(string name, string value)
    {
        var e = await Assert.ThrowsAsync<ParameterException>(() => NotebookRunner.RunAsync(
            Fixture.PathOf("parameters.ipynb"), new RunOptions { Parameters = new Dictionary<string, string> { [name] = value } }));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains($"'{value}'", e.Message);
    }

    [Fact]
    public void Var_declarations_take_the_type_of_their_literal()
    {
        var parameters = NotebookParameters.Parse("var a = 1;\nvar b = 2L;\nvar c = 0.5f;\nvar d = -0.5;\nvar e = \"s\";\nvar f = true;\nvar g = 1m;");
        Assert.Equal(["int", "long", "float", "double", "string", "bool", "decimal"], parameters.Select(p => p.TypeName));
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g"], parameters.Select(p => p.Name));
    }

    [Fact]
    public void Assignments_need_a_name_and_an_equals_sign()
    {
        Assert.Equal("a=b", NotebookParameters.ParseAssignments(["x=a=b"])["x"]);
        Assert.Throws<ParameterException>(() => NotebookParameters.ParseAssignments(["novalue"]));
    }
}

/// <summary>One set of -p values for a whole folder: each notebook takes what it declares.</summary>
public sealed class FolderParameterTests
{
    private static string FolderWithTwoNotebooks()
    {
        var folder = Fixture.TempFolder();
        File.Copy(Fixture.PathOf("parameters.ipynb"), Path.Combine(folder, "01-parameters.ipynb"));
        File.Copy(Fixture.PathOf("compile-error.ipynb"), Path.Combine(folder, "02-no-parameters.ipynb"));
        return folder;
    }

    [Fact]
    public async Task Folder_run_gives_each_notebook_the_parameters_it_declares()
    {
        var folder = FolderWithTwoNotebooks();
        var stdout = new StringWriter();
        var exit = await Commands.RunAsync(CommandLine.Parse([folder, "-p", "epochs=5"]), stdout, new StringWriter());
        Assert.Equal(1, exit); // 02 has a compile error on purpose; it ran without an injected cell
        Assert.Contains("5|Single|0.1|data", stdout.ToString());
    }

    [Fact]
    public async Task Folder_run_rejects_a_parameter_no_notebook_declares_before_running()
    {
        var folder = FolderWithTwoNotebooks();
        var stdout = new StringWriter();
        var e = await Assert.ThrowsAsync<ParameterException>(() =>
            Commands.RunAsync(CommandLine.Parse([folder, "-p", "epoch=5"]), stdout, new StringWriter()));
        Assert.Contains("'epoch'", e.Message);
        Assert.Contains("epochs", e.Message);
        Assert.DoesNotContain("-- cell", stdout.ToString());
    }

    [Fact]
    public void Skipping_undeclared_parameters_injects_only_the_declared_ones()
    {
        var notebook = Notebook.Load(Fixture.PathOf("parameters.ipynb"));
        var applied = NotebookParameters.Inject(notebook, new Dictionary<string, string> { ["epochs"] = "1", ["other"] = "x" }, skipUndeclared: true);
        Assert.Equal(["epochs"], applied);
        Assert.DoesNotContain("other", notebook.Cells[2].Source);
    }
}
