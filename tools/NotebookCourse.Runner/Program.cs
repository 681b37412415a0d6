using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>Command-line entry point (<c>nbcourse</c>): run, check, export and bench.</summary>
public static class Program
{
    /// <summary>The usage text printed for a wrong command line.</summary>
    public const string Usage = """
        usage:
          nbcourse run <notebook.ipynb|folder> [-p name=value]... [--timeout SECONDS] [--continue-on-error] [--out executed.ipynb]
          nbcourse check <notebook.ipynb|folder>
          nbcourse export <folder> --out <dir> [--self-contained] [-p name=value]... [--timeout SECONDS] [--continue-on-error]
          nbcourse bench [--cells N] [--export FOLDER]
        """;

    /// <summary>Runs the command named by the first argument; exit code 0 = success, 1 = failures, 2 = usage.</summary>
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Runs the command line <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0)
        {
            stderr.WriteLine(Usage);
            return 2;
        }
        try
        {
            var rest = args.Skip(1).ToList();
            return args[0] switch
            {
                "run" => await Commands.RunAsync(CommandLine.Parse(rest), stdout, stderr),
                "check" => Commands.Check(CommandLine.Parse(rest), stdout, stderr),
                "export" => await Commands.ExportAsync(CommandLine.Parse(rest), stdout, stderr),
                "bench" => await Benchmark.RunAsync(rest, stdout),
                "help" or "--help" or "-h" => Help(stdout),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"nbcourse: {e.Message}");
            stderr.WriteLine(Usage);
            return 2;
        }
        catch (Exception e) when (e is ParameterException or NotebookFormatException or KernelStartException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"nbcourse: {e.Message}");
            return 1;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return 0;
    }
}
