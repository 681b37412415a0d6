using NotebookCourse.Export;

namespace NotebookCourse.Runner;

/// <summary>The run, check and export commands, writing to the given console streams.</summary>
public static class Commands
{
    /// <summary>nbcourse run: runs each notebook, prints outputs, exit 1 when a cell failed.</summary>
    public static async Task<int> RunAsync(CommandLine line, TextWriter stdout, TextWriter stderr)
    {
        var notebooks = Notebooks(line);
        if (line.Out is not null && notebooks.Count != 1)
        {
            throw new UsageException("--out names one executed notebook: give one notebook, not a folder (or use export)");
        }
        var failures = new List<CellFailure>();
        foreach (var path in notebooks)
        {
            stdout.WriteLine($"== {Path.GetFileName(path)}");
            var result = await NotebookRunner.RunAsync(path, Options(line, stdout, stderr));
            failures.AddRange(result.Failures);
            if (line.Out is not null)
            {
                result.Notebook.Save(line.Out);
                stdout.WriteLine($"executed notebook written to {line.Out}");
            }
        }
        return Summarize(failures, notebooks.Count, stdout, stderr);
    }

    /// <summary>nbcourse check: validates notebooks without running them, exit 1 on any problem.</summary>
    public static int Check(CommandLine line, TextWriter stdout, TextWriter stderr)
    {
        var notebooks = Notebooks(line);
        var problems = notebooks.SelectMany(NotebookChecker.Check).ToList();
        foreach (var problem in problems)
        {
            stderr.WriteLine(problem);
        }
        stdout.WriteLine(problems.Count == 0
            ? $"check: {notebooks.Count} notebook(s), no problems"
            : $"check: {notebooks.Count} notebook(s), {problems.Count} problem(s)");
        return problems.Count == 0 ? 0 : 1;
    }

    /// <summary>nbcourse export: runs every notebook of a folder, writes executed notebooks and the HTML site.</summary>
    public static async Task<int> ExportAsync(CommandLine line, TextWriter stdout, TextWriter stderr)
    {
        if (line.Out is null)
        {
            throw new UsageException("export needs --out <dir>");
        }
        var notebooks = Notebooks(line);
        var executedFolder = Path.Combine(line.Out, "notebooks");
        var executed = new List<string>();
        var failures = new List<CellFailure>();
        foreach (var path in notebooks)
        {
            stdout.WriteLine($"== {Path.GetFileName(path)}");
            var result = await NotebookRunner.RunAsync(path, Options(line, stdout, stderr));
            var target = Path.Combine(executedFolder, Path.GetFileName(path));
            result.Notebook.Save(target);
            executed.Add(target);
            failures.AddRange(result.Failures);
        }
        var siteWritten = true;
        try
        {
            var report = SiteExporter.Export(executed, line.Out, new ExportOptions(SelfContained: line.SelfContained));
            stdout.WriteLine($"site written: {report.IndexPage} ({report.Pages.Count} page(s))");
        }
        catch (NotImplementedException e)
        {
            stderr.WriteLine($"nbcourse: executed notebooks are in {executedFolder}, but the HTML exporter is not available: {e.Message}");
            siteWritten = false;
        }
        var exit = Summarize(failures, notebooks.Count, stdout, stderr);
        return siteWritten ? exit : 1;
    }

    private static IReadOnlyList<string> Notebooks(CommandLine line)
    {
        if (line.Paths.Count != 1)
        {
            throw new UsageException("give exactly one notebook or folder");
        }
        var notebooks = NotebookRunner.FindNotebooks(line.Paths[0]);
        if (notebooks.Count == 0)
        {
            throw new UsageException($"{line.Paths[0]}: no .ipynb files");
        }
        return notebooks;
    }

    private static RunOptions Options(CommandLine line, TextWriter stdout, TextWriter stderr)
        => line.ToRunOptions(new ConsoleEcho(stdout, stderr), (_, cell) => stdout.WriteLine(cell is int n ? $"-- cell {n}" : "-- injected parameters"));

    private static int Summarize(List<CellFailure> failures, int notebookCount, TextWriter stdout, TextWriter stderr)
    {
        if (failures.Count == 0)
        {
            stdout.WriteLine($"ok: {notebookCount} notebook(s), no failed cells");
            return 0;
        }
        stderr.WriteLine($"FAILED: {failures.Count} cell(s):");
        foreach (var failure in failures)
        {
            stderr.WriteLine($"  {failure}");
        }
        return 1;
    }
}
