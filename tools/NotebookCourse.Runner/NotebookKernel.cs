using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookCourse.Runner;

/// <summary>
/// One C# notebook session, like the .NET Interactive C# kernel: each cell is a Roslyn scripting
/// submission continuing the previous one, so variables, functions and types carry across cells.
/// </summary>
public sealed class NotebookKernel
{
    /// <summary>The namespaces every cell sees, as in .NET Interactive's C# kernel (plus the display helper).</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
    [
        "System", "System.IO", "System.Collections", "System.Collections.Generic", "System.Linq",
        "System.Text", "System.Threading", "System.Threading.Tasks", "System.Net.Http",
        "Microsoft.DotNet.Interactive.Formatting", "NotebookCourse.Runner.Kernel",
    ];

    private readonly Dictionary<string, int> _cellOfFile = [];
    private readonly HashSet<string> _referencedPackages = new(StringComparer.OrdinalIgnoreCase);
    private ScriptOptions _options;
    private ScriptState<object>? _state;

    /// <summary>Starts a session whose relative <c>#r</c> paths resolve against <paramref name="baseDirectory"/>.</summary>
    /// <param name="baseDirectory">The notebook's folder (default: the current directory).</param>
    /// <param name="documentName">The notebook's file name, used in error positions.</param>
    /// <param name="echo">Receives outputs as they happen (null: silent).</param>
    public NotebookKernel(string? baseDirectory = null, string documentName = "notebook", IOutputEcho? echo = null)
    {
        ConsoleRouter.Install();
        BaseDirectory = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
        DocumentName = documentName;
        Echo = echo;
        _options = ScriptOptions.Default
            .AddReferences(typeof(Kernel).Assembly, typeof(Formatter).Assembly)
            .AddImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(BaseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(BaseDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8);
    }

    /// <summary>The folder relative paths in <c>#r</c> directives start from.</summary>
    public string BaseDirectory { get; }

    /// <summary>The notebook's name, used in error messages.</summary>
    public string DocumentName { get; }

    /// <summary>Receives outputs as they happen (null: silent).</summary>
    public IOutputEcho? Echo { get; set; }

    /// <summary>How many cells have been executed so far (the last cell's <c>[n]</c>).</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>Runs one cell with no time limit; <paramref name="code"/> is the cell's source.</summary>
    public Task<CellResult> ExecuteAsync(string code, CancellationToken cancellationToken = default)
        => ExecuteAsync(code, cellNumber: null, timeout: Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// Runs one cell. <paramref name="cellNumber"/> is its number in the notebook (used in error positions;
    /// default: the execution count). A cell still running after <paramref name="timeout"/> fails; it keeps
    /// running in the background (.NET cannot stop a thread), its later outputs are dropped, and the
    /// session continues from the state before it.
    /// </summary>
    public async Task<CellResult> ExecuteAsync(string code, int? cellNumber, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var source = CellSource.Prepare(code);
        if (source.IsMarkdown)
        {
            return new CellResult([], 0, null);
        }
        var count = ++ExecutionCount;
        var cell = cellNumber ?? count;
        var collector = new CellOutputCollector(Echo);
        try
        {
            if (source.Problem is not null)
            {
                return Fail(collector, count, "CellLanguageError", new CellError("magic", source.Problem, cell, null), []);
            }
            if (!AddPackages(source.Packages, cell, collector, out var packageError))
            {
                return Fail(collector, count, "PackageNotAvailable", packageError, []);
            }
            return await RunAsync(source.Code, cell, count, collector, timeout, cancellationToken);
        }
        finally
        {
            CurrentCell.Leave(collector);
            collector.End();
        }
    }

    private bool AddPackages(IReadOnlyList<PackageRequest> packages, int cell, CellOutputCollector collector, out CellError error)
    {
        error = null!;
        foreach (var package in packages)
        {
            if (!ShippedPackages.Contains(package.Name))
            {
                error = new CellError("package",
                    $"package '{package.Name}' is not available: this runner works offline and ships only {ShippedPackages.Describe()}",
                    cell, package.Line);
                return false;
            }
            var shipped = ShippedPackages.VersionOf(package.Name);
            if (package.Version is not null && package.Version != shipped)
            {
                collector.WriteStream("stderr", $"note: {package.Name} {package.Version} requested; using the runner's {package.Name} {shipped}\n");
            }
            if (_referencedPackages.Add(package.Name))
            {
                _options = _options.AddReferences(ShippedPackages.ReferencesFor(package.Name));
            }
        }
        return true;
    }

    private async Task<CellResult> RunAsync(string code, int cell, int count, CellOutputCollector collector, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var filePath = Path.Combine(BaseDirectory, $"{DocumentName} cell {cell}");
        _cellOfFile[filePath] = cell;
        var options = _options.WithFilePath(filePath);
        var previous = _state;

        // Compile first, outside the time limit: the limit is for the cell's own work, and compiling
        // (slow for a session's first cell on a busy machine) says nothing about a runaway loop.
        var script = previous is null
            ? CSharpScript.Create<object>(code, options)
            : previous.Script.ContinueWith<object>(code, options);
        var diagnostics = script.Compile(cancellationToken);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return CompileFailure(diagnostics, cell, count, collector);
        }

        // A dedicated thread, not the thread pool: a long synchronous cell (a training loop) or one left
        // running after a timeout must not starve the pool that later cells and timers need.
        var run = Task.Factory.StartNew(async () =>
        {
            CurrentCell.Enter(collector);
            return previous is null
                ? await script.RunAsync(null, _ => true, cancellationToken)
                : await script.RunFromAsync(previous, _ => true, cancellationToken);
        }, cancellationToken, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();

        using (var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var finished = await Task.WhenAny(run, Task.Delay(timeout, timer.Token));
            timer.Cancel();
            if (finished != run)
            {
                collector.Close();
                var seconds = timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
                var message = cancellationToken.IsCancellationRequested
                    ? $"cell {cell} was cancelled"
                    : $"cell {cell} timed out after {seconds} s";
                return Fail(collector, count, "TimeoutError", new CellError("timeout", message, cell, null), []);
            }
        }

        ScriptState<object> state;
        try
        {
            state = await run;
        }
        catch (CompilationErrorException e)
        {
            return CompileFailure(e.Diagnostics, cell, count, collector);
        }
        catch (OperationCanceledException)
        {
            return Fail(collector, count, "OperationCanceledException", new CellError("timeout", $"cell {cell} was cancelled", cell, null), []);
        }

        _state = state;
        if (state.Exception is { } exception)
        {
            return RuntimeFailure(exception, cell, count, collector);
        }
        if (HasTrailingValue(state.Script, state.ReturnValue))
        {
            try
            {
                collector.Result(ValueFormatter.Format(state.ReturnValue), count);
            }
            catch (Exception e)
            {
                return RuntimeFailure(e, cell, count, collector);
            }
        }
        return new CellResult(collector.Outputs, count, null) { Collector = collector };
    }

    /// <summary>
    /// True when the submission ends with an expression that has no semicolon and a non-void type:
    /// then its value (even null) is the cell's result, as in .NET Interactive.
    /// </summary>
    private static bool HasTrailingValue(Script script, object? returnValue)
    {
        var compilation = script.GetCompilation();
        // The cell's own tree (files pulled in with #load come first).
        var tree = compilation.SyntaxTrees.Last(t => t.FilePath == script.Options.FilePath);
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
        {
            return false;
        }
        if (returnValue is not null)
        {
            return true; // only a non-void expression has a value; binding is needed only to tell null from void
        }
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private static CellResult CompileFailure(IReadOnlyList<Diagnostic> diagnostics, int cell, int count, CellOutputCollector collector)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            errors = [.. diagnostics];
        }
        var lines = errors.Select(d =>
        {
            var position = d.Location.GetLineSpan().StartLinePosition;
            return $"cell {cell}, line {position.Line + 1}, column {position.Character + 1}: error {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        }).ToList();
        var first = errors.FirstOrDefault();
        int? line = first is null ? null : first.Location.GetLineSpan().StartLinePosition.Line + 1;
        var message = first is null ? "the cell does not compile" : $"error {first.Id}: {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        return Fail(collector, count, "CompilationError", new CellError("compile", message, cell, line), lines);
    }

    private CellResult RuntimeFailure(Exception exception, int cell, int count, CellOutputCollector collector)
    {
        var (errorCell, line) = Locate(exception);
        var error = new CellError("exception", $"{exception.GetType().FullName}: {exception.Message}", errorCell ?? cell, line);
        var traceback = new List<string>();
        if (errorCell is int c && c != cell)
        {
            traceback.Add($"raised in cell {c}, line {line}, called from cell {cell}");
        }
        traceback.AddRange(StackLines(exception));
        return Fail(collector, count, exception.GetType().Name, error, traceback, exception.Message);
    }

    /// <summary>The innermost stack frame that belongs to a cell of this session: its cell and line.</summary>
    private (int? Cell, int? Line) Locate(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
            {
                var file = frame.GetFileName();
                if (file is not null && _cellOfFile.TryGetValue(file, out var cell) && frame.GetFileLineNumber() > 0)
                {
                    return (cell, frame.GetFileLineNumber());
                }
            }
        }
        return (null, null);
    }

    private static IEnumerable<string> StackLines(Exception exception)
        => (exception.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith("--- End of stack trace", StringComparison.Ordinal)
                && !line.StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal))
            .Select(line => "   " + line);

    private static CellResult Fail(CellOutputCollector collector, int count, string ename, CellError error, IEnumerable<string> details, string? evalue = null)
    {
        var traceback = new List<string> { $"{ename} at {error.Position}: {error.Message}" };
        traceback.AddRange(details);
        collector.Error(new ErrorOutput(ename, evalue ?? error.Message, traceback));
        return new CellResult(collector.Outputs, count, error) { Collector = collector };
    }
}
