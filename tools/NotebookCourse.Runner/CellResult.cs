namespace NotebookCourse.Runner;

/// <summary>Where and why a cell failed.</summary>
/// <param name="Kind">compile, exception, timeout, package or magic.</param>
/// <param name="Message">What went wrong, in one line.</param>
/// <param name="Cell">The cell (notebook numbering, from 1) where the error points, when known.</param>
/// <param name="Line">The line within that cell (from 1), when known.</param>
public sealed record CellError(string Kind, string Message, int? Cell, int? Line)
{
    /// <summary>"cell 3, line 2" (or less when the position is unknown).</summary>
    public string Position => (Cell, Line) switch
    {
        (int c, int l) => $"cell {c}, line {l}",
        (int c, null) => $"cell {c}",
        (null, int l) => $"line {l}",
        _ => "unknown position",
    };
}

/// <summary>The outcome of running one cell.</summary>
/// <param name="Outputs">The cell's outputs in order (an error output last when it failed).</param>
/// <param name="ExecutionCount">The cell's execution count (Jupyter's <c>[n]</c>); 0 when nothing ran.</param>
/// <param name="Error">The failure, or null when the cell succeeded.</param>
public sealed record CellResult(IReadOnlyList<CellOutput> Outputs, int ExecutionCount, CellError? Error)
{
    /// <summary>True when the cell ran without error.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Where the outputs live, so that a later cell's <c>Update</c> of a displayed value shows up.</summary>
    internal CellOutputCollector? Collector { get; init; }

    /// <summary>The outputs now: <see cref="Outputs"/> with any later in-place updates from other cells applied.</summary>
    public IReadOnlyList<CellOutput> LatestOutputs() => Collector?.Outputs ?? Outputs;
}
