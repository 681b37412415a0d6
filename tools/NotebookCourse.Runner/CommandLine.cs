using System.Globalization;

namespace NotebookCourse.Runner;

/// <summary>A command line that cannot be understood.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The arguments of run and export: paths, -p name=value, --timeout, --continue-on-error, --out, --self-contained.</summary>
public sealed class CommandLine
{
    /// <summary>Positional arguments (notebook or folder).</summary>
    public List<string> Paths { get; } = [];

    /// <summary>-p name=value assignments, in order.</summary>
    public List<string> Parameters { get; } = [];

    /// <summary>--timeout SECONDS per cell.</summary>
    public double TimeoutSeconds { get; private set; } = 600;

    /// <summary>--continue-on-error.</summary>
    public bool ContinueOnError { get; private set; }

    /// <summary>--self-contained (export).</summary>
    public bool SelfContained { get; private set; }

    /// <summary>--out PATH.</summary>
    public string? Out { get; private set; }

    /// <summary>Reads the arguments after the sub-command.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{arg} needs a value");
            switch (arg)
            {
                case "-p" or "--parameter":
                    line.Parameters.Add(Next());
                    break;
                case "--timeout":
                    var text = Next();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        throw new UsageException($"--timeout: expected a positive number of seconds, got '{text}'");
                    }
                    line.TimeoutSeconds = seconds;
                    break;
                case "--continue-on-error":
                    line.ContinueOnError = true;
                    break;
                case "--self-contained":
                    line.SelfContained = true;
                    break;
                case "--out" or "-o":
                    line.Out = Next();
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new UsageException($"unknown option '{arg}'");
                    }
                    line.Paths.Add(arg);
                    break;
            }
        }
        return line;
    }

    /// <summary>The run options these arguments describe.</summary>
    public RunOptions ToRunOptions(IOutputEcho? echo, Action<string, int?>? cellStarting) => new()
    {
        Parameters = NotebookParameters.ParseAssignments(Parameters),
        CellTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
        ContinueOnError = ContinueOnError,
        Echo = echo,
        CellStarting = cellStarting,
    };
}
