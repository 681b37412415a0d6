using System.Text;
using System.Text.RegularExpressions;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Export;

/// <summary>
/// Turns code-cell outputs into HTML. Text is always escaped; only text/html from execute_result and
/// display_data is inserted as-is (that is how the runner shows tables, tensors and charts).
/// </summary>
internal sealed partial class OutputRenderer
{
    /// <summary>MIME types in the order a rich output is shown when it offers several.</summary>
    public static readonly string[] MimePreference =
        ["text/html", "image/png", "image/jpeg", "image/svg+xml", "text/markdown", "text/plain"];

    private readonly MarkdownRenderer _markdown;

    /// <summary>Creates a renderer that uses <paramref name="markdown"/> for text/markdown outputs.</summary>
    public OutputRenderer(MarkdownRenderer markdown)
    {
        _markdown = markdown;
    }

    /// <summary>Appends the HTML of a cell's outputs; consecutive stream outputs of the same stream are joined.</summary>
    public void RenderAll(IReadOnlyList<CellOutput> outputs, PageState page, StringBuilder html)
    {
        for (var i = 0; i < outputs.Count; i++)
        {
            switch (outputs[i])
            {
                case StreamOutput stream:
                    var text = new StringBuilder(stream.Text);
                    while (i + 1 < outputs.Count && outputs[i + 1] is StreamOutput next && next.Name == stream.Name)
                    {
                        i++;
                        text.Append(next.Text);
                    }

                    var name = stream.Name == "stderr" ? "stderr" : "stdout";
                    html.Append("<pre class=\"output stream ").Append(name).Append("\">")
                        .Append(Html.EscapeOutput(text.ToString())).Append("</pre>\n");
                    break;
                case ErrorOutput error:
                    RenderError(error, html);
                    break;
                case DisplayOutput display:
                    RenderRich(display, page, html);
                    break;
            }
        }
    }

    private static void RenderError(ErrorOutput output, StringBuilder html)
    {
        html.Append("<div class=\"output error\"><div class=\"error-title\"><span class=\"error-label\">Error</span>")
            .Append(Html.EscapeOutput($"{output.EName}: {output.EValue}")).Append("</div>");
        if (output.Traceback.Count > 0)
        {
            html.Append("<pre class=\"traceback\">")
                .Append(Html.EscapeOutput(string.Join("\n", output.Traceback))).Append("</pre>");
        }

        html.Append("</div>\n");
    }

    private void RenderRich(DisplayOutput output, PageState page, StringBuilder html)
    {
        var mime = MimePreference.FirstOrDefault(output.Data.ContainsKey);
        if (mime is null)
        {
            var offered = output.Data.Count == 0 ? "nothing" : string.Join(", ", output.Data.Keys);
            html.Append("<div class=\"output unsupported\">(an output of type ")
                .Append(Html.Escape(offered)).Append(" is not shown here)</div>\n");
            return;
        }

        var content = output.Data[mime];
        switch (mime)
        {
            case "text/html":
                RenderTrustedHtml(content, page, html);
                break;
            case "image/png":
            case "image/jpeg":
                html.Append("<div class=\"output image\"><img alt=\"output image\" src=\"data:").Append(mime).Append(";base64,")
                    .Append(Html.Escape(Whitespace().Replace(content, ""))).Append("\"></div>\n");
                break;
            case "image/svg+xml":
                // As an <img>, an SVG cannot run scripts.
                html.Append("<div class=\"output image\"><img alt=\"output image\" src=\"data:image/svg+xml;base64,")
                    .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(content))).Append("\"></div>\n");
                break;
            case "text/markdown":
                html.Append("<div class=\"output markdown\">")
                    .Append(_markdown.Render(content, page.Ids, [], _ => null)).Append("</div>\n");
                break;
            default:
                html.Append("<pre class=\"output plain\">").Append(Html.EscapeOutput(content)).Append("</pre>\n");
                break;
        }
    }

    private static void RenderTrustedHtml(string content, PageState page, StringBuilder html)
    {
        // .NET Interactive formatters end every result with the same <style> block: keep the first on a page.
        content = StyleBlock().Replace(content, match => page.SeenStyles.Add(match.Value) ? match.Value : "");

        var isChart = false;
        if (FigureOutput.IsFigure(content))
        {
            // The library's figures: drawn by the page's plotly.js, never by their CDN loader.
            isChart = page.HasChart = true;
            var problems = new List<string>();
            content = FigureOutput.MakeOffline(content, page, problems);
            page.Warnings.AddRange(problems.Select(problem => $"{page.Location}: {problem}"));
        }
        else if (PlotlyFragment.IsChart(content))
        {
            // Another producer's plotly chart: keep its script, cut it off from the network.
            isChart = page.HasChart = true;
            content = PlotlyFragment.MakeOffline(content, out var usesRequire);
            page.NeedsRequireShim |= usesRequire;
        }

        html.Append(isChart ? "<div class=\"output chart\">" : "<div class=\"output html\">")
            .Append(content).Append("</div>\n");
    }

    [GeneratedRegex("<style[^>]*>.*?</style>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleBlock();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}

/// <summary>What a page being built needs: ids in use, headings found, styles seen, whether it shows charts, and problems found.</summary>
internal sealed class PageState
{
    /// <summary>Element ids already used on the page.</summary>
    public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>The page's markdown headings in order.</summary>
    public List<Heading> Headings { get; } = [];

    /// <summary>Style blocks from outputs already written on the page.</summary>
    public HashSet<string> SeenStyles { get; } = new(StringComparer.Ordinal);

    /// <summary>True when an output draws a Plotly chart or a library figure, so the page needs plotly.js.</summary>
    public bool HasChart { get; set; }

    /// <summary>Where the outputs being rendered come from, e.g. "02-charts.ipynb: cell 3" (for warnings).</summary>
    public string Location { get; set; } = "";

    /// <summary>Problems found in outputs that did not stop the export, each starting with its <see cref="Location"/>.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>True when a chart fragment loads Plotly through require.js, so the page needs the local shim.</summary>
    public bool NeedsRequireShim { get; set; }
}
