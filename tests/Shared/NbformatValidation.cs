using System.Diagnostics;
using System.Text.Json;

namespace NotebookCourse.Testing;

/// <summary>
/// Checks .ipynb files against the official nbformat 4 JSON schema, using Debian's python3-nbformat
/// (<c>apt-get install -y python3-nbformat</c>) run by <c>/usr/bin/python3</c> (not a pyenv python on PATH).
/// Link this file into a test project to reuse it.
/// </summary>
public static class NbformatValidation
{
    /// <summary>Debian's Python, which sees the python3-nbformat package.</summary>
    public const string Python = "/usr/bin/python3";

    // One process validates every file given: read without conversion, insist on nbformat 4, validate.
    private const string Script = """
        import json, sys
        import nbformat
        results = []
        for path in sys.argv[1:]:
            try:
                nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
                if nb.get("nbformat") != 4:
                    raise ValueError("nbformat %r, expected 4" % (nb.get("nbformat"),))
                nbformat.validate(nb)
                results.append(None)
            except Exception as e:
                results.append("%s: %s" % (type(e).__name__, str(e)[:2000]))
        print(json.dumps(results))
        """;

    private static readonly Lazy<string?> Missing = new(FindWhyUnavailable);

    /// <summary>Null when validation can run here; otherwise why not (and how to install what is missing).</summary>
    public static string? UnavailableReason => Missing.Value;

    /// <summary>Validates one notebook; returns null when it is valid, otherwise nbformat's error message.</summary>
    public static string? Validate(string path) => ValidateAll([path])[path];

    /// <summary>Validates many notebooks in one Python run; maps each path to null (valid) or the error message.</summary>
    public static IReadOnlyDictionary<string, string?> ValidateAll(IReadOnlyList<string> paths)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var (exitCode, stdout, stderr) = Run(["-c", Script, .. paths.Select(Path.GetFullPath)]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"nbformat validation failed to run (exit {exitCode}): {stderr}");
        }

        var results = JsonSerializer.Deserialize<List<string?>>(stdout)
            ?? throw new InvalidOperationException("nbformat validation printed no result");
        return paths.Select((path, i) => (path, results[i])).ToDictionary(p => p.path, p => p.Item2);
    }

    private static string? FindWhyUnavailable()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found: install Debian's python3 and python3-nbformat (apt-get install -y python3-nbformat)";
        }

        var (exitCode, _, stderr) = Run(["-c", "import nbformat"]);
        return exitCode == 0
            ? null
            : $"{Python} cannot import nbformat: apt-get install -y python3-nbformat ({stderr.Trim()})";
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
