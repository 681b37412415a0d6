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
        var options = Options(line, notebooks, stdout, stderr);
        foreach (var path in notebooks)
        {
            stdout.WriteLine($"== {Path.GetFileName(path)}");
            var result = await NotebookRunner.RunAsync(path, options);
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
        var options = Options(line, notebooks, stdout, stderr);
        foreach (var path in notebooks)
        {
            stdout.WriteLine($"== {Path.GetFileName(path)}");
            var result = await NotebookRunner.RunAsync(path, options);
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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The exporter's own errors (a missing tool, an unreadable notebook) name what went wrong.
            stderr.WriteLine($"nbcourse: executed notebooks are in {executedFolder}, but the HTML export failed: {e.Message}");
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

    /// <summary>
    /// Options for a run. With several notebooks, each takes the parameters it declares, and a parameter
    /// that no notebook declares is reported before anything runs (a typo, not a no-op).
    /// </summary>
    private static RunOptions Options(CommandLine line, IReadOnlyList<string> notebooks, TextWriter stdout, TextWriter stderr)
    {
        var options = line.ToRunOptions(new ConsoleEcho(stdout, stderr),
            (_, cell) => stdout.WriteLine(cell is int n ? $"-- cell {n}" : "-- injected parameters"));
        if (notebooks.Count <= 1 || options.Parameters.Count == 0)
        {
            return options;
        }
        var declared = notebooks
            .Select(NotebookDocument.Load)
            .SelectMany(notebook => notebook.Cells.Where(c => c.IsCode && c.Tags.Contains(NotebookParameters.ParametersTag)))
            .SelectMany(cell => NotebookParameters.Parse(cell.Source))
            .Select(p => p.Name)
            .ToHashSet();
        var unknown = options.Parameters.Keys.Where(name => !declared.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new ParameterException(
                $"{line.Paths[0]}: no notebook declares the parameter(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))}; "
                + $"declared: {(declared.Count == 0 ? "(none)" : string.Join(", ", declared.Order(StringComparer.Ordinal)))}");
        }
        return options with { SkipUndeclaredParameters = true };
    }

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
