using System.Diagnostics;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>
/// Runs a notebook's code cells in order in its own real .NET Interactive kernel (a child process with
/// the notebook's folder as working directory), as VS Code Polyglot Notebooks does.
/// </summary>
public static class NotebookRunner
{
    /// <summary>
    /// Loads, checks the language of, parameterizes and runs the notebook at <paramref name="path"/>.
    /// Markdown and raw cells are kept untouched. A cell that times out or ends the kernel (stack overflow,
    /// <c>Environment.Exit</c>) gets an error output, and the cells after it do not run: their kernel is gone.
    /// </summary>
    /// <exception cref="NotebookFormatException">The file is not an nbformat 4 notebook, or its kernel is not .NET C#.</exception>
    /// <exception cref="ParameterException">A parameter is unknown or its value does not parse.</exception>
    /// <exception cref="KernelStartException">The kernel could not be started.</exception>
    public static async Task<NotebookRunResult> RunAsync(string path, RunOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var notebook = Notebook.Load(path);
        RequireCSharp(notebook);
        var applied = NotebookParameters.Inject(notebook, options.Parameters, options.SkipUndeclaredParameters);
        var folder = Path.GetDirectoryName(notebook.FilePath)!;
        var failures = new List<CellFailure>();
        var runs = new List<(NotebookCell Cell, CellRun Run)>();
        var session = await KernelSession.StartAsync(folder, options.Environment, options.Echo, cancellationToken);
        options.KernelStarted?.Invoke(session.Kernel);
        var stopped = false;
        try
        {
            foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            {
                if (stopped || string.IsNullOrWhiteSpace(cell.Source))
                {
                    cell.Outputs = [];
                    cell.ExecutionCount = null;
                    continue;
                }
                options.CellStarting?.Invoke(notebook.FileName, cell.Number);
                var run = await session.RunAsync(cell.Source, cell.Number, options.CellTimeout, notebook.LanguageOf(cell), cancellationToken);
                runs.Add((cell, run));
                if (run.Error is { } error)
                {
                    failures.Add(new CellFailure(notebook.FileName, cell.Number, error));
                    stopped = session.Ended || !options.ContinueOnError;
                }
            }
        }
        finally
        {
            await session.DisposeAsync();
        }

        // The kernel is gone, so no event can arrive any more: each cell's outputs are final (a display
        // updated from a later cell holds its last content).
        foreach (var (cell, run) in runs)
        {
            cell.Outputs = run.Outputs;
            cell.ExecutionCount = run.ExecutionCount;
        }
        return new NotebookRunResult(notebook, failures, applied)
        {
            Times = new RunTimes(session.Kernel.StartTime, session.Kernel.WarmUpTime, [.. runs.Select(r => r.Run.Submission.Elapsed)], clock.Elapsed),
        };
    }

    /// <summary>
    /// Refuses a notebook whose kernel is not .NET C# (e.g. a Python notebook), before any kernel starts:
    /// running it would only give a wall of C# compile errors.
    /// </summary>
    public static void RequireCSharp(Notebook notebook)
    {
        var language = notebook.DefaultKernelName;
        var spec = notebook.KernelspecName;
        if (Notebook.NormalizeLanguage(language) != "csharp" || (spec is not null && !spec.StartsWith(".net-csharp", StringComparison.OrdinalIgnoreCase)))
        {
            var declared = spec is null ? $"default kernel \"{language}\"" : $"kernelspec \"{spec}\" ({notebook.KernelspecLanguage ?? "no language"})";
            throw new NotebookFormatException(notebook.FilePath,
                $"the notebook's {declared} is not .NET C#: nbcourse runs C# notebooks in the .NET Interactive kernel (metadata.kernelspec.name \".net-csharp\", language \"C#\")");
        }
    }

    /// <summary>The notebooks a path names: the file itself, or a folder's <c>*.ipynb</c> sorted by name.</summary>
    public static IReadOnlyList<string> FindNotebooks(string path)
    {
        if (Directory.Exists(path))
        {
            return [.. Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal)];
        }
        if (File.Exists(path))
        {
            return [path];
        }
        throw new FileNotFoundException($"{path}: no such notebook or folder");
    }
}
