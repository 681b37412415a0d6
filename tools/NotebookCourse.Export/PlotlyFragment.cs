using System.Text.RegularExpressions;

namespace NotebookCourse.Export;

/// <summary>
/// plotly.js on exported pages: the bundle from the npm package <c>plotly.js-dist-min</c> (embedded at
/// build time), and chart outputs of other producers than the course library — a div plus a script
/// calling the global <c>Plotly.newPlot</c>, possibly loading plotly.js from a CDN through require.js
/// (Plotly.NET.Interactive's way). Those are made offline; the library's own figures are handled by
/// <see cref="FigureOutput"/>.
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

    /// <summary>plotly.js from npm, as embedded at build time.</summary>
    /// <returns>The file name to use for it (e.g. <c>plotly-4.1.2.min.js</c>, the version read from its banner) and its text.</returns>
    public static (string FileName, string Script) ReadPlotlyJs()
    {
        var script = EmbeddedAssets.ReadText("plotly/plotly.min.js");
        var version = Banner().Match(script[..Math.Min(script.Length, 200)]);
        if (!version.Success)
        {
            throw new InvalidOperationException("The embedded plotly.min.js does not start with its \"plotly.js vX.Y.Z\" banner (another build of plotly.js?)");
        }

        return ($"plotly-{version.Groups[1].Value}.min.js", script);
    }

    [GeneratedRegex("<script[^>]*\\ssrc\\s*=\\s*[\"']?(?:https?:)?//[^>]*>\\s*</script>", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteScriptTag();

    [GeneratedRegex("(['\"])(?:https?:)?//[^'\"\\s]*\\1", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteUrlInScript();

    [GeneratedRegex("\\brequire(?:js)?\\s*[(.]")]
    private static partial Regex RequireCall();

    [GeneratedRegex("plotly\\.js v([0-9]+\\.[0-9]+\\.[0-9]+)")]
    private static partial Regex Banner();
}
