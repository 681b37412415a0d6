using NotebookCourse.Export;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>The run, check and export commands, writing to the given console streams.</summary>
public static class Commands
{
    /// <summary>How many notebooks an export runs at once: each has its own kernel process (about 300 MB).</summary>
    public static int Parallelism => Math.Clamp(Environment.ProcessorCount, 1, 4);

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

    /// <summary>
    /// Runs <paramref name="notebooks"/>, up to <paramref name="parallelism"/> at once (each in its own kernel),
    /// and returns their results in the order given. A notebook whose kernel dies does not stop the others.
    /// </summary>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAllAsync(IReadOnlyList<string> notebooks, RunOptions options,
        int parallelism, Action<NotebookRunResult>? finished = null, CancellationToken cancellationToken = default)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, parallelism));
        var runs = notebooks.Select(async path =>
        {
            await slots.WaitAsync(cancellationToken);
            try
            {
                var result = await NotebookRunner.RunAsync(path, options, cancellationToken);
                finished?.Invoke(result);
                return result;
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        return await Task.WhenAll(runs);
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
        var options = Options(line, notebooks, stdout, stderr);
        var parallelism = Parallelism;
        if (parallelism > 1)
        {
            // Outputs of notebooks running side by side would interleave: report each notebook as it ends.
            options = options with { Echo = null, CellStarting = null };
            stdout.WriteLine($"running {notebooks.Count} notebook(s), {parallelism} at a time, each in its own kernel");
        }
        var gate = new Lock();
        var results = await RunAllAsync(notebooks, options, parallelism, result =>
        {
            lock (gate)
            {
                var cells = result.Times.Cells.Count;
                stdout.WriteLine($"== {result.Notebook.FileName}: {cells} cell(s) run in {result.Times.Total.TotalSeconds:0.0} s, "
                    + (result.Failures.Count == 0 ? "no failed cell" : $"{result.Failures.Count} failed cell(s)"));
            }
        });
        var executed = new List<string>();
        var failures = new List<CellFailure>();
        foreach (var result in results)
        {
            var target = Path.Combine(executedFolder, result.Notebook.FileName);
            result.Notebook.Save(target);
            executed.Add(target);
            failures.AddRange(result.Failures);
        }
        var siteWritten = true;
        try
        {
            var report = SiteExporter.Export(executed, line.Out, new ExportOptions(SelfContained: line.SelfContained) { Introduction = CourseIntroduction(line.Paths[0]) });
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

    /// <summary>The course introduction for the index: the "About the course" section of README.md in the exported folder, if any.</summary>
    private static string? CourseIntroduction(string path)
    {
        var readme = Path.Combine(path, "README.md");
        return Directory.Exists(path) && File.Exists(readme) ? CourseOverview.Introduction(File.ReadAllText(readme)) : null;
    }

    /// <summary>The notebooks the command line names, each checked to be a .NET C# notebook before anything runs.</summary>
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
        foreach (var path in notebooks)
        {
            NotebookRunner.RequireCSharp(Notebook.Load(path));
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
            .Select(Notebook.Load)
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
