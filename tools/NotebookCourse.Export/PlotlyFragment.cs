using System.Text.RegularExpressions;

namespace NotebookCourse.Export;

/// <summary>
/// Plotly chart outputs. <c>GenericChart.toChartHTML</c> writes a div plus a script that calls the
/// global <c>Plotly.newPlot</c>; other producers (Plotly.NET.Interactive) load plotly.js from a CDN
/// through require.js. Pages get the plotly.js that Plotly.NET.dll embeds, so charts work offline.
/// </summary>
internal static partial class PlotlyFragment
{
    /// <summary>
    /// A script for pages whose charts call require.js: a local <c>requirejs</c> that hands the
    /// page's Plotly to the callback, so nothing is fetched from the network.
    /// </summary>
    public const string RequireShim =
        "(function(){if(typeof window.requirejs==='function'){return;}" +
        "var r=function(deps,done){if(typeof done==='function'){done(window.Plotly);}};" +
        "r.config=function(){return r;};window.requirejs=r;if(typeof window.require!=='function'){window.require=r;}})();";

    /// <summary>Whether an HTML output draws a Plotly chart.</summary>
    public static bool IsChart(string html)
        => html.Contains("Plotly.newPlot", StringComparison.Ordinal)
           || html.Contains("Plotly.react", StringComparison.Ordinal)
           || html.Contains("Plotly.plot(", StringComparison.Ordinal);

    /// <summary>
    /// Removes scripts that load plotly.js or require.js from the network and points require.js
    /// paths away from CDNs; <paramref name="usesRequire"/> says whether the page needs <see cref="RequireShim"/>.
    /// </summary>
    public static string MakeOffline(string html, out bool usesRequire)
    {
        html = RemoteScriptTag().Replace(html, "");
        usesRequire = RequireCall().IsMatch(html);
        if (usesRequire)
        {
            // e.g. paths:{plotly:'https://cdn.plot.ly/plotly-2.6.3.min'}: never fetched once the shim
            // answers, but leave no network address in the page.
            html = RemoteUrlInScript().Replace(html, match => match.Groups[1].Value + "plotly" + match.Groups[1].Value);
        }

        return html;
    }

    /// <summary>Reads plotly.js from the resource Plotly.NET.dll embeds (e.g. <c>Plotly.NET.plotly-2.28.0.min.js</c>).</summary>
    /// <returns>The file name to use for it (e.g. <c>plotly-2.28.0.min.js</c>) and its text.</returns>
    public static (string FileName, string Script) ReadPlotlyJs()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var resource = assembly.GetManifestResourceNames()
            .Where(name => PlotlyResource().IsMatch(name))
            .Order(StringComparer.Ordinal)
            .LastOrDefault()
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no embedded plotly-*.min.js resource");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return (resource["Plotly.NET.".Length..], reader.ReadToEnd());
    }

    [GeneratedRegex("<script[^>]*\\ssrc\\s*=\\s*[\"']?(?:https?:)?//[^>]*>\\s*</script>", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteScriptTag();

    [GeneratedRegex("(['\"])(?:https?:)?//[^'\"\\s]*\\1", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteUrlInScript();

    [GeneratedRegex("\\brequire(?:js)?\\s*[(.]")]
    private static partial Regex RequireCall();

    [GeneratedRegex("^Plotly\\.NET\\.plotly-[0-9.]+\\.min\\.js$")]
    private static partial Regex PlotlyResource();
}
