namespace NotebookCourse.Runner;

/// <summary>
/// The collector of the cell that is running on this logical call path (an async-local, so that
/// code started by a cell, including tasks, writes to that cell and tests can run kernels side by side).
/// </summary>
internal static class CurrentCell
{
    private static readonly AsyncLocal<CellOutputCollector?> Collector = new();

    /// <summary>The running cell's collector, or null outside a cell.</summary>
    public static CellOutputCollector? Value
    {
        get => Collector.Value;
        set => Collector.Value = value;
    }
}
