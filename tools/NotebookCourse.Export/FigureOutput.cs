using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotebookCourse.Export;

/// <summary>
/// The course library's figures (<c>NotebookCourse.Plotting.Figure</c>) in executed notebooks: an empty
/// <c>div.nc-figure</c>, the figure's plotly JSON in a <c>script.nc-figure-json</c> naming the div, and a
/// loader script that fetches plotly.js from a CDN. On the site the loader is dropped; the page's own
/// plotly.js (from npm) and our figures.js draw every figure, so pages need no network.
/// </summary>
internal static partial class FigureOutput
{
    /// <summary>Whether an HTML output holds a library figure.</summary>
    public static bool IsFigure(string html) => html.Contains("nc-figure-json", StringComparison.Ordinal);

    /// <summary>
    /// Keeps each figure's div and JSON (the id made unique on the page, the height reserved) and removes
    /// the CDN loaders. A figure whose JSON cannot be read is replaced by a visible note, and
    /// <paramref name="problems"/> says why.
    /// </summary>
    public static string MakeOffline(string html, PageState page, List<string> problems)
    {
        html = Loader().Replace(html, "");
        var figures = Regex.Count(html, "class=\"nc-figure-json\"");
        var found = 0;
        html = Block().Replace(html, match =>
        {
            found++;
            return Rewrite(match.Groups["id"].Value, match.Groups["json"].Value, page, problems);
        });
        if (figures > found)
        {
            problems.Add($"{figures - found} figure(s) whose markup is not the library's div + JSON script; they are not drawn");
        }

        return html;
    }

    private static string Rewrite(string originalId, string json, PageState page, List<string> problems)
    {
        int height;
        try
        {
            using var figure = JsonDocument.Parse(json);
            if (figure.RootElement.ValueKind != JsonValueKind.Object
                || !figure.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException("it has no \"data\" array of traces");
            }

            height = figure.RootElement.TryGetProperty("layout", out var layout)
                     && layout.ValueKind == JsonValueKind.Object
                     && layout.TryGetProperty("height", out var h) && h.TryGetInt32(out var pixels) && pixels > 0
                ? pixels
                : 420;
        }
        catch (JsonException e)
        {
            problems.Add($"figure {originalId} is not a plotly figure: {e.Message}");
            return "<div class=\"output unsupported\">(this figure could not be shown: its data is not a plotly figure)</div>";
        }

        var id = originalId;
        for (var n = 2; !page.Ids.Add(id); n++)
        {
            id = $"{originalId}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        // "</" never ends the script early: outside strings JSON has no '<', inside them "<\/" reads as "</".
        var safeJson = json.Replace("</", "<\\/", StringComparison.Ordinal);
        var escapedId = Html.Escape(id);
        return $"<div class=\"nc-figure\" id=\"{escapedId}\" style=\"width:100%;height:{height.ToString(CultureInfo.InvariantCulture)}px\"></div>\n"
            + $"<script type=\"application/json\" class=\"nc-figure-json\" data-figure=\"{escapedId}\">{safeJson}</script>";
    }

    [GeneratedRegex("<script class=\"nc-figure-loader\">.*?</script>\\s*", RegexOptions.Singleline)]
    private static partial Regex Loader();

    [GeneratedRegex(
        "<div class=\"nc-figure\" id=\"(?<id>[^\"]+)\"[^>]*>\\s*</div>\\s*<script type=\"application/json\" class=\"nc-figure-json\" data-figure=\"\\k<id>\">(?<json>.*?)</script>",
        RegexOptions.Singleline)]
    private static partial Regex Block();
}
