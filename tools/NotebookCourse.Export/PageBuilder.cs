using System.Text;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Export;

/// <summary>Builds the main content of one notebook's page: its cells, outputs, title and sections.</summary>
internal sealed class PageBuilder
{
    private readonly MarkdownRenderer _markdown;
    private readonly OutputRenderer _outputs;
    private readonly MathCollector _math;

    /// <summary>Creates a builder whose formulas all go to <paramref name="math"/>.</summary>
    public PageBuilder(MathCollector math)
    {
        _math = math;
        _markdown = new MarkdownRenderer(math);
        _outputs = new OutputRenderer(_markdown);
    }

    /// <summary>Renders <paramref name="notebook"/> into a <see cref="NotebookPage"/> (formulas still as placeholders).</summary>
    public NotebookPage Build(Notebook notebook)
    {
        var page = new PageState();
        // Cells are numbered by their position in the file, as an editor shows them.
        var numbered = notebook.Cells.Select((cell, index) => (Cell: cell, Number: index + 1)).ToList();
        foreach (var (_, number) in numbered)
        {
            page.Ids.Add(CellId(number));
        }

        var body = new StringBuilder();
        var failed = new List<string>();
        foreach (var (cell, number) in numbered)
        {
            _math.Location = page.Location = $"{notebook.FileName}: cell {number}";
            switch (cell.CellType)
            {
                case "markdown":
                    body.Append("<section class=\"cell markdown-cell\" id=\"").Append(CellId(number)).Append("\">\n")
                        .Append(_markdown.Render(cell.Source, page.Ids, page.Headings, url => ResolveImage(notebook, cell, url)))
                        .Append("</section>\n");
                    break;
                case "code":
                    AppendCodeCell(cell, number, notebook.LanguageOf(cell), page, body);
                    failed.AddRange(cell.Outputs.OfType<ErrorOutput>()
                        .Select(o => $"{notebook.FileName}: cell {number} ({o.EName})"));
                    break;
                default:
                    // Raw cells are meant for other converters; they have no place on the page.
                    break;
            }
        }

        var title = page.Headings.FirstOrDefault(h => h.Level == 1);
        var fallback = Path.GetFileNameWithoutExtension(notebook.FilePath);
        _math.Location = $"{notebook.FileName}: title block (course index)";
        var titleBlock = notebook.Cells.FirstOrDefault(c => c.CellType == "markdown") is { } first
            ? CourseOverview.FromTitleBlock(first.Source)
            : null;
        return new NotebookPage(
            SourceName: notebook.FileName,
            FileName: Path.ChangeExtension(notebook.FileName, ".html"),
            Title: title?.Text is { Length: > 0 } text ? text : fallback,
            TitleHtml: title?.Html is { Length: > 0 } html ? html : Html.Escape(fallback),
            Sections: page.Headings.Where(h => h.Level == 2).ToList(),
            BodyHtml: body.ToString(),
            HasChart: page.HasChart,
            NeedsRequireShim: page.NeedsRequireShim,
            FailedCells: failed,
            Warnings: page.Warnings)
        {
            Overview = titleBlock is null ? null : new IndexEntry(
                RenderMarkdown(titleBlock.GoalsMarkdown),
                titleBlock.Prerequisites is { } prerequisites ? RenderInline(prerequisites) : null,
                titleBlock.EstimatedTime is { } time ? RenderInline(time) : null),
        };
    }

    /// <summary>Markdown rendered on its own (not part of a page's headings and ids), e.g. for the index.</summary>
    public string RenderMarkdown(string markdown)
        => _markdown.Render(markdown, new HashSet<string>(StringComparer.Ordinal), [], _ => null);

    // One line of Markdown without its paragraph element.
    private string RenderInline(string markdown)
    {
        var html = RenderMarkdown(markdown).Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal) ? html[3..^4] : html;
    }

    private void AppendCodeCell(NotebookCell cell, int number, string language, PageState page, StringBuilder body)
    {
        if (cell.Source.Trim().Length == 0 && cell.Outputs.Count == 0)
        {
            return;
        }

        body.Append("<section class=\"cell code-cell\" id=\"").Append(CellId(number)).Append("\">\n")
            .Append("<div class=\"prompt\">[").Append(cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? " ")
            .Append("]</div>\n");
        var code = language == "csharp" ? CSharpHighlighter.ToHtml(cell.Source) : CSharpHighlighter.SplitLines(Html.Escape(cell.Source), cell.Source);
        body.Append("<pre class=\"source\"><code class=\"language-").Append(Html.Escape(language)).Append("\">")
            .Append(code).Append("</code></pre>\n");
        if (cell.Outputs.Count > 0)
        {
            body.Append("<div class=\"outputs\">\n");
            _outputs.RenderAll(cell.Outputs, page, body);
            body.Append("</div>\n");
        }

        body.Append("</section>\n");
    }

    private static string CellId(int number) => $"cell-{number}";

    /// <summary>Markdown images from cell attachments or from files beside the notebook become data: URIs, so pages stay one piece.</summary>
    private static string? ResolveImage(Notebook notebook, NotebookCell cell, string url)
    {
        if (url.StartsWith("attachment:", StringComparison.OrdinalIgnoreCase))
        {
            var name = Uri.UnescapeDataString(url["attachment:".Length..]);
            if (!cell.Attachments.TryGetValue(name, out var bundle))
            {
                return null;
            }

            var (mime, data) = bundle.FirstOrDefault(entry => entry.Key.StartsWith("image/", StringComparison.OrdinalIgnoreCase));
            if (mime is null)
            {
                return null;
            }

            return mime.Equals("image/svg+xml", StringComparison.OrdinalIgnoreCase)
                ? $"data:{mime};base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(data))}"
                : $"data:{mime};base64,{string.Concat(data.Where(c => !char.IsWhiteSpace(c)))}";
        }

        if (url.Contains(':', StringComparison.Ordinal) || url.StartsWith('/') || url.StartsWith('#'))
        {
            return null;
        }

        var relative = Uri.UnescapeDataString(url.Split('?', '#')[0]);
        var file = Path.Combine(Path.GetDirectoryName(notebook.FilePath)!, relative);
        var imageType = Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".svg" => "image/svg+xml",
            ".webp" => "image/webp",
            _ => null,
        };
        return imageType is not null && File.Exists(file)
            ? $"data:{imageType};base64,{Convert.ToBase64String(File.ReadAllBytes(file))}"
            : null;
    }
}

/// <summary>One notebook rendered for the site, before the page layout and math are added.</summary>
/// <param name="SourceName">The notebook's file name (NN-slug.ipynb).</param>
/// <param name="FileName">The page's file name (NN-slug.html).</param>
/// <param name="Title">Plain-text title: the first <c>#</c> heading, or the file name.</param>
/// <param name="TitleHtml">The title as HTML for links.</param>
/// <param name="Sections">The <c>##</c> headings, for the table of contents.</param>
/// <param name="BodyHtml">The cells as HTML.</param>
/// <param name="HasChart">Whether the page needs plotly.js.</param>
/// <param name="NeedsRequireShim">Whether a chart loads Plotly through require.js.</param>
/// <param name="FailedCells">"NN-slug.ipynb: cell N (ename)" for each error output.</param>
/// <param name="Warnings">"NN-slug.ipynb: cell N: problem" for each output shown only in part, e.g. an unreadable figure.</param>
internal sealed record NotebookPage(
    string SourceName,
    string FileName,
    string Title,
    string TitleHtml,
    IReadOnlyList<Heading> Sections,
    string BodyHtml,
    bool HasChart,
    bool NeedsRequireShim,
    IReadOnlyList<string> FailedCells,
    IReadOnlyList<string> Warnings)
{
    /// <summary>What the course index shows about this notebook, from its title block; null when it has none.</summary>
    public IndexEntry? Overview { get; init; }
}

/// <summary>A notebook's entry on the course index, as HTML (formulas still as placeholders).</summary>
/// <param name="GoalsHtml">The "What you will learn" list.</param>
/// <param name="PrerequisitesHtml">The prerequisites, inline HTML, if given.</param>
/// <param name="EstimatedTimeHtml">The estimated time, inline HTML, if given.</param>
internal sealed record IndexEntry(string GoalsHtml, string? PrerequisitesHtml, string? EstimatedTimeHtml);
