using System.Text.RegularExpressions;

namespace NotebookCourse.Runner;

/// <summary>A package a cell asks for with <c>#r "nuget: Name, Version"</c>.</summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">The requested version, or null when none was given.</param>
/// <param name="Line">1-based line of the directive within the cell.</param>
public sealed record PackageRequest(string Name, string? Version, int Line);

/// <summary>
/// A code cell's text made ready for Roslyn scripting: Polyglot magic lines (<c>#!csharp</c>), <c>#i</c>
/// package sources and <c>#r "nuget: ..."</c> directives become blank lines (so line numbers stay
/// those of the notebook), and the packages asked for are listed.
/// </summary>
/// <param name="Code">The C# to compile.</param>
/// <param name="Packages">The NuGet packages the cell asks for, in order.</param>
/// <param name="IsMarkdown">The cell starts with <c>#!markdown</c>: it is text, not code.</param>
/// <param name="Problem">Why the cell cannot run here (another language's magic), or null.</param>
public sealed partial record CellSource(string Code, IReadOnlyList<PackageRequest> Packages, bool IsMarkdown, string? Problem)
{
    private static readonly HashSet<string> CSharpKernelNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"]+?)\s*(,\s*(?<version>[^"]*?)\s*)?"\s*(//.*)?$""")]
    private static partial Regex NuGetDirective();

    [GeneratedRegex("""^\s*#i\s+".*"\s*(//.*)?$""")]
    private static partial Regex SourceDirective();

    [GeneratedRegex("""^\s*#!(?<name>\S+)""")]
    private static partial Regex MagicCommand();

    /// <summary>Prepares a cell's source text.</summary>
    public static CellSource Prepare(string source)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var packages = new List<PackageRequest>();
        var sawCode = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (MagicCommand().Match(line) is { Success: true } magic)
            {
                var name = magic.Groups["name"].Value;
                if (CSharpKernelNames.Contains(name))
                {
                    lines[i] = "";
                    continue;
                }
                if (name.Equals("markdown", StringComparison.OrdinalIgnoreCase) && !sawCode)
                {
                    return new CellSource("", [], IsMarkdown: true, Problem: null);
                }
                return new CellSource("", [], false,
                    $"line {i + 1}: the magic command '#!{name}' is not supported: only C# cells run here (use #!csharp or no magic line)");
            }
            if (NuGetDirective().Match(line) is { Success: true } nuget)
            {
                var version = nuget.Groups["version"].Success && nuget.Groups["version"].Value.Length > 0
                    ? nuget.Groups["version"].Value : null;
                packages.Add(new PackageRequest(nuget.Groups["name"].Value, version, i + 1));
                lines[i] = "";
                continue;
            }
            if (SourceDirective().IsMatch(line))
            {
                lines[i] = "";
                continue;
            }
            if (!string.IsNullOrWhiteSpace(line))
            {
                sawCode = true;
            }
        }
        return new CellSource(string.Join('\n', lines), packages, false, null);
    }
}
