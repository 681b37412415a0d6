namespace NotebookCourse.Runner.Tests;

/// <summary>The nbcourse commands: exit codes and what they print.</summary>
public sealed class CommandTests
{
    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var line = CommandLine.Parse(args[1..]);
        var exit = args[0] switch
        {
            "run" => await Commands.RunAsync(line, stdout, stderr),
            "check" => Commands.Check(line, stdout, stderr),
            _ => throw new ArgumentException(args[0]),
        };
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Run_of_a_failing_notebook_exits_non_zero_naming_notebook_cell_and_line()
    {
        var (exit, _, err) = await Run("run", Fixture.PathOf("failures.ipynb"));
        Assert.NotEqual(0, exit);
        Assert.Contains("failures.ipynb: cell 3 (cells counted from 1, markdown included)", err);
        Assert.Contains("System.IndexOutOfRangeException", err);
    }

    [Fact]
    public async Task Run_prints_cell_outputs_and_writes_the_executed_notebook()
    {
        var executed = Path.Combine(Fixture.TempFolder(), "executed.ipynb");
        var (exit, output, _) = await Run("run", Fixture.PathOf("parameters.ipynb"), "-p", "epochs=7", "--out", executed);
        Assert.Equal(0, exit);
        Assert.Contains("7|Single|0.1|data|True|0.9|42", output);
        Assert.Contains("injected-parameters", File.ReadAllText(executed));
    }

    [Fact]
    public async Task Run_with_continue_on_error_still_exits_non_zero()
    {
        var (exit, output, _) = await Run("run", Fixture.PathOf("failures.ipynb"), "--continue-on-error");
        Assert.Equal(1, exit);
        Assert.Contains("-- cell 4", output);
    }

    [Fact]
    public async Task Check_exits_zero_for_a_clean_notebook_and_one_for_problems()
    {
        Assert.Equal(0, (await Run("check", Fixture.PathOf("01-clean.ipynb"))).Exit);
        var (exit, _, err) = await Run("check", Fixture.PathOf("failures.ipynb"));
        Assert.Equal(1, exit);
        Assert.Contains("expected NN-slug.ipynb", err);
    }

    [Theory]
    [InlineData("--timeout", "zero")]
    [InlineData("--bogus")]
    [InlineData("-p")]
    public void Bad_options_are_usage_errors(params string[] args)
        => Assert.Throws<UsageException>(() => CommandLine.Parse(args));

    [Fact]
    public async Task Program_without_arguments_prints_usage_and_exits_2()
        => Assert.Equal(2, await Program.RunAsync([], new StringWriter(), new StringWriter()));
}

/// <summary>export writes every executed notebook under out/notebooks and reports failed cells.</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public async Task Export_writes_executed_notebooks_and_names_failed_cells()
    {
        var source = Fixture.TempFolder();
        File.Copy(Fixture.PathOf("parameters.ipynb"), Path.Combine(source, "01-parameters.ipynb"));
        File.Copy(Fixture.PathOf("outputs.ipynb"), Path.Combine(source, "02-outputs.ipynb"));
        var outDir = Path.Combine(Fixture.TempFolder(), "site");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await Commands.ExportAsync(CommandLine.Parse([source, "--out", outDir, "--continue-on-error"]), stdout, stderr);

        Assert.Equal(1, exit); // 02-outputs.ipynb has a cell that throws on purpose
        Assert.Contains("02-outputs.ipynb: cell 6", stderr.ToString());
        foreach (var name in new[] { "01-parameters.ipynb", "02-outputs.ipynb" })
        {
            var executed = Notebook.Load(Path.Combine(outDir, "notebooks", name));
            Assert.All(executed.Cells.Where(c => c.IsCode), c => Assert.NotNull(c.ExecutionCount));
        }
    }

    [Fact]
    public async Task Export_needs_an_output_folder()
        => await Assert.ThrowsAsync<UsageException>(() => Commands.ExportAsync(
            CommandLine.Parse([Fixture.Folder]), new StringWriter(), new StringWriter()));
}
