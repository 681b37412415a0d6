using System.Diagnostics;

namespace NotebookCourse.Runner.Tests;

/// <summary>
/// The executed notebook validates against the official nbformat 4 JSON schema, checked by Jupyter's own
/// nbformat package (Debian: python3-nbformat, which .ci/run installs).
/// </summary>
public sealed class NbformatSchemaTests
{
    private const string Python = "/usr/bin/python3";

    [Theory]
    [InlineData("outputs.ipynb")]
    [InlineData("failures.ipynb")]
    [InlineData("parameters.ipynb")]
    [InlineData("01-clean.ipynb")]
    public async Task Executed_notebook_passes_the_nbformat_validator(string fixture)
    {
        var options = new RunOptions
        {
            ContinueOnError = true,
            Parameters = fixture == "parameters.ipynb" ? new Dictionary<string, string> { ["epochs"] = "2" } : new Dictionary<string, string>(),
        };
        var result = await NotebookRunner.RunAsync(Fixture.PathOf(fixture), options);
        var path = Path.Combine(Fixture.TempFolder(), fixture);
        result.Notebook.Save(path);

        var (exit, output) = await Validate(path);
        Assert.True(exit == 0, $"nbformat rejected {fixture}:\n{output}");
    }

    [Fact]
    public async Task Validator_rejects_a_broken_output_so_the_check_above_can_fail()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("outputs.ipynb"), new RunOptions { ContinueOnError = true });
        result.Notebook.Cells[2].Json["outputs"]![0]!.AsObject().Remove("name");
        var path = Path.Combine(Fixture.TempFolder(), "broken.ipynb");
        result.Notebook.Save(path);
        Assert.NotEqual(0, (await Validate(path)).Exit);
    }

    private static async Task<(int Exit, string Output)> Validate(string path)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install python3 and python3-nbformat (apt-get install python3-nbformat)");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Warnings are errors: nbformat would otherwise quietly repair a notebook (e.g. add missing cell ids).
        start.ArgumentList.Add("-W");
        start.ArgumentList.Add("error");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys, json, nbformat; nbformat.validate(nbformat.from_dict(json.load(open(sys.argv[1], encoding='utf-8')))); print('valid')");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        Assert.False(output.Contains("No module named 'nbformat'", StringComparison.Ordinal),
            "python3-nbformat is not installed: apt-get install python3-nbformat (.ci/run installs it)");
        return (process.ExitCode, output);
    }
}
