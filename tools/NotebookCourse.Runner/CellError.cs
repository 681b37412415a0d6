using System.Text.RegularExpressions;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>Where and why a cell failed.</summary>
/// <param name="Kind">compile, exception, timeout, kernel (the kernel process ended) or error (any other failure the kernel reported).</param>
/// <param name="Message">What went wrong, in one line.</param>
/// <param name="Line">The line within the cell (from 1), when known: compile errors give it; the kernel gives none for exceptions in cell code.</param>
/// <param name="Column">The column (from 1), when known.</param>
/// <param name="Frame">For an exception: the innermost stack frame, e.g. a library method with its file and line.</param>
public sealed partial record CellError(string Kind, string Message, int? Line = null, int? Column = null, string? Frame = null)
{
    /// <summary>Reads the kernel's CommandFailed message: "(line,col): error CSxxxx: …" lines for compile errors, else an exception's text.</summary>
    public static (CellError Error, ErrorOutput Output) FromKernelMessage(string? message, int? cellNumber)
    {
        var text = (message ?? "the kernel reported a failure without a message").ReplaceLineEndings("\n").TrimEnd();
        var lines = text.Split('\n');
        var cell = cellNumber is int n ? $"cell {n}" : "the injected parameters cell";
        if (CompileError().Match(lines[0]) is { Success: true } compile)
        {
            var line = int.Parse(compile.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var column = int.Parse(compile.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var error = new CellError("compile", $"error {compile.Groups["code"].Value}: {compile.Groups["text"].Value}", line, column);
            var traceback = lines.Select(l => CompileError().Match(l) is { Success: true } m
                ? $"{cell}, line {m.Groups["line"].Value}, column {m.Groups["column"].Value}: error {m.Groups["code"].Value}: {m.Groups["text"].Value}"
                : l).ToList();
            return (error, new ErrorOutput("CompilationError", error.Message, traceback));
        }
        if (ExceptionHeader().Match(lines[0]) is { Success: true } exception)
        {
            var type = exception.Groups["type"].Value;
            var frame = lines.Skip(1).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at ", StringComparison.Ordinal));
            var error = new CellError("exception", $"{type}: {exception.Groups["text"].Value}", Frame: frame);
            var shortName = type[(type.LastIndexOf('.') + 1)..];
            // The kernel's own frames (Roslyn scripting, .NET Interactive) say nothing about the cell.
            var traceback = lines.Where(l => !l.TrimStart().StartsWith("--- End of stack trace", StringComparison.Ordinal)
                && !l.TrimStart().StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal)
                && !l.TrimStart().StartsWith("at Microsoft.DotNet.Interactive.", StringComparison.Ordinal));
            return (error, new ErrorOutput(shortName, exception.Groups["text"].Value, [.. traceback]));
        }
        return (new CellError("error", lines[0]), new ErrorOutput("Error", lines[0], [.. lines]));
    }

    /// <summary>", line 3, column 7" / ", innermost frame: at …" / "".</summary>
    public string Position => (Line, Column, Frame) switch
    {
        (int l, int c, _) => $", line {l}, column {c}",
        (int l, null, _) => $", line {l}",
        (null, _, string f) => $" (the kernel gives no line numbers inside cell code; innermost frame: {f})",
        _ => "",
    };

    [GeneratedRegex(@"^\((?<line>\d+),(?<column>\d+)\): error (?<code>\w+): (?<text>.*)$")]
    private static partial Regex CompileError();

    [GeneratedRegex(@"^(?<type>[A-Za-z_][\w.`+]*(Exception|Error)): (?<text>.*)$")]
    private static partial Regex ExceptionHeader();
}
