using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record RunOptions
{
    /// <summary>Values for the parameters cell, by name (papermill style).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Skip parameters the notebook does not declare instead of failing: one set of values for every
    /// notebook of a folder (each must still be declared by some notebook; the command checks that).
    /// </summary>
    public bool SkipUndeclaredParameters { get; init; }

    /// <summary>How long one cell may run; past it the kernel is killed and the cell fails.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Run the remaining cells after a cell fails (a kernel that ended cannot run them).</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Environment variables for the kernel, on top of this process's (e.g. NOTEBOOKCOURSE_MNIST).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives outputs as cells run, e.g. a <see cref="ConsoleEcho"/> (null: silent).</summary>
    public IOutputEcho? Echo { get; init; }

    /// <summary>Told when a notebook's kernel has started (e.g. to watch its process group).</summary>
    public Action<KernelProcess>? KernelStarted { get; init; }

    /// <summary>Told when a cell starts (notebook name, cell number or null for the injected parameters), e.g. to print a header.</summary>
    public Action<string, int?>? CellStarting { get; init; }
}

/// <summary>A failed cell of a run.</summary>
/// <param name="Notebook">The notebook's file name.</param>
/// <param name="Cell">The failed cell's number in the source notebook (from 1, counting every cell); null for the injected parameters cell.</param>
/// <param name="Error">What failed and where.</param>
public sealed record CellFailure(string Notebook, int? Cell, CellError Error)
{
    /// <summary>One line naming the notebook, cell, line and error.</summary>
    public override string ToString()
    {
        var cell = Cell is int n ? $"cell {n}" : "injected parameters cell";
        return $"{Notebook}: {cell} (cells counted from 1, markdown included){Error.Position}: {Error.Message}";
    }
}

/// <summary>Times of one notebook run.</summary>
/// <param name="KernelStart">From starting the kernel process to its KernelReady.</param>
/// <param name="WarmUp">The kernel's first, empty submission (Roslyn loading), before the notebook's cells.</param>
/// <param name="Cells">Each submitted cell: from sending it to its terminal event, as the runner saw it.</param>
/// <param name="Total">The whole run: loading, kernel start, cells, shutdown.</param>
public sealed record RunTimes(TimeSpan KernelStart, TimeSpan WarmUp, IReadOnlyList<TimeSpan> Cells, TimeSpan Total);

/// <summary>An executed notebook and the cells that failed.</summary>
/// <param name="Notebook">The notebook with outputs and execution counts.</param>
/// <param name="Failures">The failed cells, in order.</param>
/// <param name="AppliedParameters">The parameter names that went into the injected cell.</param>
public sealed record NotebookRunResult(Notebook Notebook, IReadOnlyList<CellFailure> Failures, IReadOnlyList<string> AppliedParameters)
{
    /// <summary>True when no cell failed.</summary>
    public bool Succeeded => Failures.Count == 0;

    /// <summary>How long the run took, part by part.</summary>
    public RunTimes Times { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero, [], TimeSpan.Zero);
}
