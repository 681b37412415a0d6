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

    /// <summary>How long one cell may run before it fails.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>Run the remaining cells after a cell fails.</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>Receives outputs as cells run, e.g. a <see cref="ConsoleEcho"/> (null: silent).</summary>
    public IOutputEcho? Echo { get; init; }

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
        var where = Error.Line is int line
            ? Error.Cell is int c && c != Cell ? $", line {line} of cell {c}" : $", line {line}"
            : "";
        return $"{Notebook}: {cell} (cells counted from 1, markdown included){where}: {Error.Message}";
    }
}

/// <summary>An executed notebook and the cells that failed.</summary>
/// <param name="Notebook">The notebook with outputs and execution counts.</param>
/// <param name="Failures">The failed cells, in order.</param>
/// <param name="AppliedParameters">The parameter names that went into the injected cell.</param>
public sealed record NotebookRunResult(NotebookDocument Notebook, IReadOnlyList<CellFailure> Failures, IReadOnlyList<string> AppliedParameters)
{
    /// <summary>True when no cell failed.</summary>
    public bool Succeeded => Failures.Count == 0;
}
