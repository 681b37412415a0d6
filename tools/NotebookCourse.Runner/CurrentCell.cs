namespace NotebookCourse.Runner;

/// <summary>
/// The collector of the cell that is running. It is an async-local, so that code started by a cell
/// (tasks, threads) writes to that cell; work queued without the cell's context (e.g. a thread-pool
/// callback that suppresses flow) falls back to the cell the process is running right now.
/// </summary>
internal static class CurrentCell
{
    private static readonly AsyncLocal<CellOutputCollector?> Collector = new();
    private static volatile CellOutputCollector? _running;

    /// <summary>The running cell's collector, or null outside a cell.</summary>
    public static CellOutputCollector? Value => Collector.Value ?? _running;

    /// <summary>Marks <paramref name="collector"/> as the cell running on this call path and in the process.</summary>
    public static void Enter(CellOutputCollector collector)
    {
        Collector.Value = collector;
        _running = collector;
    }

    /// <summary>The cell <paramref name="collector"/> has ended.</summary>
    public static void Leave(CellOutputCollector collector)
        => Interlocked.CompareExchange(ref _running, null, collector);
}
