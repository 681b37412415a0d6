using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner.Tests;

/// <summary>
/// A cell cannot take the runner down: an endless loop, a stack overflow or Environment.Exit ends only
/// that notebook's kernel (its whole process group), and the run reports the cell and keeps what ran.
/// Each test has its own kernel (it ends it), so they run side by side.
/// </summary>
public abstract class CrashTest
{
    /// <summary>Runs a notebook whose third cell is <paramref name="crashingCell"/>, through a session so the kernel's group is known.</summary>
    protected static async Task<(NotebookRunResult Result, int Group)> RunCrashing(string crashingCell, TimeSpan timeout)
    {
        var path = Fixture.Notebook("crash.ipynb", "var before = 41;", "Console.WriteLine(\"ran\");\nbefore + 1", crashingCell, "\"never runs\"");
        var groups = new List<int>();
        var result = await NotebookRunner.RunAsync(path, new RunOptions { CellTimeout = timeout, ContinueOnError = true, KernelStarted = k => groups.Add(k.ProcessGroup) });
        var group = Assert.Single(groups);
        Assert.True(Fixture.ProcessGroupGone(group), $"processes of the kernel's group {group} are still alive");

        // What ran is kept; the crashing cell has an error output; the cell after it did not run.
        var cells = result.Notebook.Cells;
        Assert.Equal([new StreamOutput("stdout", "ran\n"), cells[1].Outputs[1]], cells[1].Outputs);
        Assert.Equal("42", Fixture.Text(cells[1].Outputs[1]));
        Assert.IsType<ErrorOutput>(cells[2].Outputs[^1]);
        Assert.Empty(cells[3].Outputs);
        Assert.Null(cells[3].ExecutionCount);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(3, failure.Cell);
        Assert.Contains("crash.ipynb: cell 3", failure.ToString());
        Assert.Contains("the cells after it did not run", failure.Error.Message);
        return (result, group);
    }
}

public sealed class InfiniteLoopTests : CrashTest
{
    [Fact]
    public async Task Endless_loop_past_the_timeout_kills_the_kernels_process_group()
    {
        var (result, _) = await RunCrashing("while (true) { }", TimeSpan.FromSeconds(8));
        Assert.Equal("timeout", result.Failures[0].Error.Kind);
        Assert.StartsWith("cell 3 timed out after 8 s", result.Failures[0].Error.Message);
    }
}

public sealed class TimeoutTests : CrashTest
{
    [Fact]
    public async Task Sleeping_cell_past_the_timeout_fails_with_an_error_output()
    {
        var (result, _) = await RunCrashing("System.Threading.Thread.Sleep(60_000);", TimeSpan.FromSeconds(7.5));
        var error = Assert.IsType<ErrorOutput>(Assert.Single(result.Notebook.Cells[2].Outputs));
        Assert.Equal("TimeoutError", error.EName);
        Assert.StartsWith("cell 3 timed out after 7.5 s", error.EValue);
    }
}

public sealed class StackOverflowTests : CrashTest
{
    [Fact]
    public async Task Stack_overflow_ends_only_the_kernel_and_is_named()
    {
        var (result, _) = await RunCrashing("int Deeper(int n) => Deeper(n + 1) + 1;\nDeeper(0)", TimeSpan.FromMinutes(2));
        var error = result.Failures[0].Error;
        Assert.Equal("kernel", error.Kind);
        Assert.Contains("Stack overflow", error.Message);
        Assert.Contains("recursion", error.Message);
    }
}

public sealed class EnvironmentExitTests : CrashTest
{
    [Fact]
    public async Task Environment_exit_ends_only_the_kernel_and_its_exit_code_is_reported()
    {
        var (result, _) = await RunCrashing("Environment.Exit(3);", TimeSpan.FromMinutes(2));
        Assert.Equal("kernel", result.Failures[0].Error.Kind);
        Assert.Contains("exit code 3", result.Failures[0].Error.Message);
    }
}

/// <summary>An export carries on after a notebook's kernel dies, and lists the failure.</summary>
public sealed class ExportAfterCrashTests
{
    [Fact]
    public async Task Export_runs_the_other_notebooks_writes_every_executed_notebook_and_lists_the_crash()
    {
        var source = Fixture.TempFolder();
        var crash = Fixture.Notebook("01-crash.ipynb", "Console.WriteLine(\"started\");", "Environment.Exit(5);", "\"never\"");
        File.Copy(crash, Path.Combine(source, "01-crash.ipynb"));
        File.Copy(Fixture.PathOf("parameters.ipynb"), Path.Combine(source, "02-fine.ipynb"));
        var outDir = Path.Combine(Fixture.TempFolder(), "site");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await Commands.ExportAsync(CommandLine.Parse([source, "--out", outDir]), stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Contains("01-crash.ipynb: cell 2", stderr.ToString());
        Assert.Contains("exit code 5", stderr.ToString());
        var crashed = Notebook.Load(Path.Combine(outDir, "notebooks", "01-crash.ipynb"));
        Assert.Equal(new StreamOutput("stdout", "started\n"), Assert.Single(crashed.Cells[0].Outputs));
        Assert.Equal("KernelDied", Assert.IsType<ErrorOutput>(Assert.Single(crashed.Cells[1].Outputs)).EName);
        var fine = Notebook.Load(Path.Combine(outDir, "notebooks", "02-fine.ipynb"));
        Assert.All(fine.Cells.Where(c => c.IsCode), c => Assert.NotNull(c.ExecutionCount));
        Assert.True(File.Exists(Path.Combine(outDir, "02-fine.html")));
    }
}
