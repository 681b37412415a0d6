using System.Diagnostics;
using System.Globalization;
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
        var displays = new DisplayRegistry();
        var results = new List<(NotebookCell Cell, CellOutputs Outputs, int Count)>();
        var cellTimes = new List<TimeSpan>();
        var kernel = await KernelProcess.StartAsync(folder, options.Environment, cancellationToken: cancellationToken);
        kernel.BetweenCells = e => displays.OnEventBetweenCells(e, options.Echo);
        var count = 0;
        string? stoppedBecause = null;
        try
        {
            foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            {
                if (stoppedBecause is not null || string.IsNullOrWhiteSpace(cell.Source))
                {
                    cell.Outputs = [];
                    cell.ExecutionCount = null;
                    continue;
                }
                options.CellStarting?.Invoke(notebook.FileName, cell.Number);
                var outputs = new CellOutputs(++count, displays, options.Echo);
                var submitted = await kernel.SubmitAsync(cell.Source, notebook.LanguageOf(cell), options.CellTimeout, outputs.OnEvent, cancellationToken);
                cellTimes.Add(submitted.Elapsed);
                results.Add((cell, outputs, count));
                var error = Failure(submitted, cell.Number, options.CellTimeout);
                if (error is not null)
                {
                    outputs.AddError(error.Value.Output);
                    failures.Add(new CellFailure(notebook.FileName, cell.Number, error.Value.Error));
                    if (submitted.Outcome is SubmissionOutcome.TimedOut or SubmissionOutcome.KernelEnded)
                    {
                        stoppedBecause = error.Value.Error.Message;
                    }
                    else if (!options.ContinueOnError)
                    {
                        stoppedBecause = "an earlier cell failed";
                    }
                }
                options.Echo?.Flush();
            }
        }
        finally
        {
            await kernel.DisposeAsync();
        }

        // After the kernel is gone no event can arrive: each cell's outputs are final (a display updated
        // from a later cell holds its last content).
        foreach (var (cell, outputs, executionCount) in results)
        {
            cell.Outputs = outputs.ToOutputs();
            cell.ExecutionCount = executionCount;
        }
        return new NotebookRunResult(notebook, failures, applied)
        {
            Times = new RunTimes(kernel.StartTime, cellTimes, clock.Elapsed),
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

    private static (CellError Error, ErrorOutput Output)? Failure(SubmissionResult submitted, int? cell, TimeSpan timeout)
    {
        var name = cell is int n ? $"cell {n}" : "the injected parameters cell";
        switch (submitted.Outcome)
        {
            case SubmissionOutcome.Succeeded:
                return null;
            case SubmissionOutcome.Failed:
                return CellError.FromKernelMessage(submitted.Message, cell);
            case SubmissionOutcome.TimedOut:
                var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                var timedOut = $"{name} timed out after {seconds} s; the kernel was stopped (a running cell cannot be interrupted), so the cells after it did not run";
                return (new CellError("timeout", timedOut), new ErrorOutput("TimeoutError", timedOut, [timedOut]));
            default:
                var ended = $"{name}: {submitted.Message}; the cells after it did not run";
                var hint = submitted.Message?.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) == true
                    ? " (a stack overflow: look for a recursion without a base case)"
                    : "";
                return (new CellError("kernel", ended + hint), new ErrorOutput("KernelDied", ended + hint, [ended + hint]));
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
