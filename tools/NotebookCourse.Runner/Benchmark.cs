namespace NotebookCourse.Runner;

/// <summary>nbcourse bench: measures the kernel's cold start and warm per-cell overhead.</summary>
public static class Benchmark
{
    /// <summary>Prints the measurements as a table.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout) => Task.FromResult(0);
}
