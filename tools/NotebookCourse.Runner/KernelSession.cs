using System.Globalization;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>One cell run in a <see cref="KernelSession"/>.</summary>
public sealed class CellRun
{
    private readonly CellOutputs _outputs;

    internal CellRun(CellOutputs outputs, int executionCount, SubmissionResult submission, CellError? error)
    {
        _outputs = outputs;
        ExecutionCount = executionCount;
        Submission = submission;
        Error = error;
    }

    /// <summary>The cell's outputs now (a display the cell showed still changes if a later cell updates it).</summary>
    public IReadOnlyList<CellOutput> Outputs => _outputs.ToOutputs();

    /// <summary>The cell's <c>[n]</c>.</summary>
    public int ExecutionCount { get; }

    /// <summary>What the kernel answered, and how long it took.</summary>
    public SubmissionResult Submission { get; }

    /// <summary>Why the cell failed, or null.</summary>
    public CellError? Error { get; }

    /// <summary>True when the cell ran without error.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// A notebook's session: one real kernel process, cells run in order, each cell's outputs gathered as
/// VS Code shows them (one output per display id, updated in place, even from a later cell).
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    private readonly DisplayRegistry _displays = new();
    private readonly IOutputEcho? _echo;

    private KernelSession(KernelProcess kernel, IOutputEcho? echo)
    {
        Kernel = kernel;
        _echo = echo;
        kernel.BetweenCells = e => _displays.OnEventBetweenCells(e, echo);
    }

    /// <summary>The kernel process.</summary>
    public KernelProcess Kernel { get; }

    /// <summary>How many cells have been submitted.</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>True once the kernel has ended (timeout, crash): no further cell can run.</summary>
    public bool Ended { get; private set; }

    /// <summary>Starts a kernel working in <paramref name="folder"/>, with <paramref name="environment"/> added to the inherited one.</summary>
    /// <remarks>
    /// The kernel compiles a first submission before it is warm (Roslyn loads, about 1.4 s here): a submission
    /// with no effect does that now, so that a notebook's first cell is timed, and limited, like any other.
    /// </remarks>
    public static async Task<KernelSession> StartAsync(string folder, IReadOnlyDictionary<string, string>? environment = null, IOutputEcho? echo = null,
        CancellationToken cancellationToken = default)
    {
        var kernel = await KernelProcess.StartAsync(folder, environment, cancellationToken: cancellationToken);
        try
        {
            var warmUp = await kernel.SubmitAsync("System.GC.KeepAlive(null);", "csharp", TimeSpan.FromMinutes(2), _ => { }, cancellationToken);
            if (warmUp.Outcome != SubmissionOutcome.Succeeded)
            {
                throw new KernelStartException($"the .NET Interactive kernel in {folder} did not run a first, empty submission: {warmUp.Outcome} {warmUp.Message}");
            }
            kernel.WarmUpTime = warmUp.Elapsed;
        }
        catch
        {
            await kernel.DisposeAsync();
            throw;
        }
        return new KernelSession(kernel, echo);
    }

    /// <summary>
    /// Runs one cell. <paramref name="cellNumber"/> is its number in the notebook (for messages; null for an
    /// injected cell). Past <paramref name="timeout"/> (default: none) the kernel is killed and the cell fails.
    /// </summary>
    public async Task<CellRun> RunAsync(string code, int? cellNumber = null, TimeSpan? timeout = null, string kernelName = "csharp",
        CancellationToken cancellationToken = default)
    {
        var count = ++ExecutionCount;
        var outputs = new CellOutputs(count, _displays, _echo);
        var limit = timeout ?? Timeout.InfiniteTimeSpan;
        var submitted = await Kernel.SubmitAsync(code, kernelName, limit, outputs.OnEvent, cancellationToken);
        var failure = Failure(submitted, cellNumber, limit);
        if (failure is { } f)
        {
            outputs.AddError(f.Output);
        }
        if (submitted.Outcome is SubmissionOutcome.TimedOut or SubmissionOutcome.KernelEnded)
        {
            Ended = true;
        }
        _echo?.Flush();
        return new CellRun(outputs, count, submitted, failure?.Error);
    }

    /// <summary>Quits the kernel and kills its process group.</summary>
    public ValueTask DisposeAsync() => Kernel.DisposeAsync();

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
                var hint = submitted.Message?.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) == true
                    ? " (a stack overflow: look for a recursion without a base case)"
                    : "";
                var ended = $"{name}: {submitted.Message}{hint}; the cells after it did not run";
                return (new CellError("kernel", ended), new ErrorOutput("KernelDied", ended, [ended]));
        }
    }
}
