namespace NotebookCourse.Runner;

/// <summary>Runs a notebook's code cells in order in one <see cref="NotebookKernel"/>, as Polyglot Notebooks would.</summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>
    /// Loads, parameterizes and runs the notebook at <paramref name="path"/> with the process's current
    /// directory set to the notebook's folder (as in Polyglot). Markdown and raw cells are kept untouched.
    /// </summary>
    public static async Task<NotebookRunResult> RunAsync(string path, RunOptions options, CancellationToken cancellationToken = default)
    {
        var notebook = NotebookDocument.Load(path);
        var applied = NotebookParameters.Inject(notebook, options.Parameters, options.SkipUndeclaredParameters);
        var folder = Path.GetDirectoryName(notebook.FilePath)!;
        var kernel = new NotebookKernel(folder, notebook.FileName, options.Echo);
        var failures = new List<CellFailure>();

        // The current directory belongs to the whole process: one notebook at a time.
        await OneAtATime.WaitAsync(cancellationToken);
        var previousDirectory = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = folder;
            var stopped = false;
            var executed = new List<(NotebookCell Cell, CellResult Result)>();
            foreach (var cell in notebook.Cells)
            {
                if (!cell.IsCode)
                {
                    continue;
                }
                if (stopped)
                {
                    cell.SetOutputs([], null);
                    continue;
                }
                options.CellStarting?.Invoke(notebook.FileName, cell.SourceNumber);
                var result = await kernel.ExecuteAsync(cell.Source, cell.SourceNumber, options.CellTimeout, cancellationToken);
                cell.SetOutputs(result.Outputs, result.ExecutionCount == 0 ? null : result.ExecutionCount);
                executed.Add((cell, result));
                if (result.Error is { } error)
                {
                    failures.Add(new CellFailure(notebook.FileName, cell.SourceNumber, error));
                    stopped = !options.ContinueOnError;
                }
            }

            // A displayed value can be updated from a later cell: keep each output's final value.
            foreach (var (cell, result) in executed)
            {
                cell.SetOutputs(result.LatestOutputs(), result.ExecutionCount == 0 ? null : result.ExecutionCount);
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
            OneAtATime.Release();
        }
        return new NotebookRunResult(notebook, failures, applied);
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
