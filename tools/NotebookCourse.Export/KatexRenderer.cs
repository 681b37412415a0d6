using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookCourse.Export;

/// <summary>
/// Renders TeX to HTML at export time with KaTeX (from npm, embedded at build time), running one
/// Node.js process for the whole batch, so pages need KaTeX's style sheet and fonts but no script.
/// </summary>
internal static class KatexRenderer
{
    /// <summary>Environment variable naming the Node.js executable; "node" on PATH when unset.</summary>
    public const string NodeVariable = "NBCOURSE_NODE";

    /// <summary>Renders every formula; returns the HTML per formula and one warning per formula KaTeX rejected.</summary>
    /// <param name="formulas">The formulas of the whole export.</param>
    /// <param name="nodePath">The Node.js executable; null for $NBCOURSE_NODE or "node" on PATH.</param>
    public static (IReadOnlyList<string> Html, IReadOnlyList<string> Warnings) RenderAll(IReadOnlyList<MathFormula> formulas, string? nodePath = null)
    {
        if (formulas.Count == 0)
        {
            return ([], []);
        }

        var workDirectory = Directory.CreateTempSubdirectory("nbcourse-katex-");
        try
        {
            var katexPath = Path.Combine(workDirectory.FullName, "katex.min.js");
            var scriptPath = Path.Combine(workDirectory.FullName, "katex-render.js");
            File.WriteAllBytes(katexPath, EmbeddedAssets.ReadBytes("katex/katex.min.js"));
            File.WriteAllText(scriptPath, EmbeddedAssets.ReadText("katex-render.js"));

            var input = JsonSerializer.Serialize(formulas.Select(f => new { tex = f.Tex, display = f.Display }));
            var output = RunNode(nodePath, scriptPath, katexPath, input);

            var results = JsonSerializer.Deserialize<List<KatexResult>>(output)
                ?? throw new InvalidOperationException("KaTeX returned no result");
            if (results.Count != formulas.Count)
            {
                throw new InvalidOperationException($"KaTeX returned {results.Count} results for {formulas.Count} formulas");
            }

            var warnings = new List<string>();
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Error is { } error)
                {
                    warnings.Add($"{formulas[i].Location}: math ${formulas[i].Tex}$: {error}");
                }
            }

            // A rejected formula is still shown (KaTeX marks the faulty part), flagged with the reason.
            var html = results.Select(r => r.Error is null
                ? r.Html
                : $"<span class=\"math-error\" title=\"{Html.Escape(r.Error)}\">{r.Html}</span>").ToList();
            return (html, warnings);
        }
        finally
        {
            workDirectory.Delete(recursive: true);
        }
    }

    private static string RunNode(string? nodePath, string scriptPath, string katexPath, string input)
    {
        var node = nodePath
            ?? (Environment.GetEnvironmentVariable(NodeVariable) is { Length: > 0 } configured ? configured : "node");
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(scriptPath);
        start.ArgumentList.Add(katexPath);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {node}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Rendering math needs Node.js, but '{node}' could not be started ({e.Message}). Install Node.js or set {NodeVariable} to its path.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(input);
            process.StandardInput.Close();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"KaTeX (node {scriptPath}) failed with exit code {process.ExitCode}: {stderr.Result}");
            }

            return stdout.Result;
        }
    }

    private sealed record KatexResult(
        [property: JsonPropertyName("html")] string Html,
        [property: JsonPropertyName("error")] string? Error);
}
