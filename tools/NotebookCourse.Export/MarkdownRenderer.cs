using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NotebookCourse.Export;

/// <summary>
/// Markdown cells to HTML with Markdig (pipe tables, math, auto heading ids, …). Formulas become
/// placeholders in a <see cref="MathCollector"/>; headings get ids unique on their page.
/// </summary>
internal sealed class MarkdownRenderer
{
    // UseAdvancedExtensions minus generic attributes: that extension reads the braces of math in a
    // heading ("$\hat{y} - y$") as an HTML attribute block and drops the rest of the heading. Formulas that
    // run over several lines are typeset too (Markdig's own math parser leaves them as raw TeX).
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAbbreviations().UseAutoIdentifiers().UseCitations().UseCustomContainers().UseDefinitionLists()
        .UseEmphasisExtras().UseFigures().UseFooters().UseFootnotes().UseGridTables().UseMathematics()
        .Use<MultiLineMathParser.Extension>()
        .UseMediaLinks().UsePipeTables().UseListExtras().UseTaskLists().UseDiagrams().UseAutoLinks()
        .Build();
    private readonly MathCollector _math;

    /// <summary>Creates a renderer that sends formulas to <paramref name="math"/>.</summary>
    public MarkdownRenderer(MathCollector math)
    {
        _math = math;
    }

    /// <summary>Renders <paramref name="markdown"/>; headings found are added to <paramref name="headings"/>.</summary>
    /// <param name="markdown">The cell's text.</param>
    /// <param name="ids">Ids already used on the page (headings get the next free one).</param>
    /// <param name="headings">Receives each heading: level, id, inline HTML and plain text.</param>
    /// <param name="resolveImage">Maps an image URL to a data: URI, or null to keep it.</param>
    public string Render(string markdown, ISet<string> ids, List<Heading> headings, Func<string, string?> resolveImage)
    {
        var document = Markdown.Parse(markdown, _pipeline);

        foreach (var image in document.Descendants<LinkInline>().Where(link => link.IsImage && link.Url is not null))
        {
            if (resolveImage(image.Url!) is { } dataUri)
            {
                image.Url = dataUri;
            }
        }

        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var attributes = heading.GetAttributes();
            var id = UniqueId(ids, string.IsNullOrEmpty(attributes.Id) ? "section" : attributes.Id);
            attributes.Id = id;
            headings.Add(new Heading(heading.Level, id, RenderInlineText(heading), PlainText(heading)));
        }

        var writer = new StringWriter();
        var renderer = NewRenderer(writer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private HtmlRenderer NewRenderer(TextWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new InlineMath(_math));
        renderer.ObjectRenderers.Replace<HtmlMathBlockRenderer>(new BlockMath(_math));
        return renderer;
    }

    /// <summary>A heading's content as HTML without links or other markup (for the table of contents), math kept.</summary>
    private string RenderInlineText(HeadingBlock heading)
    {
        var writer = new StringWriter();
        var renderer = NewRenderer(writer);
        renderer.EnableHtmlForInline = false;
        renderer.WriteLeafInline(heading);
        writer.Flush();
        return writer.ToString().Trim();
    }

    private static string PlainText(HeadingBlock heading)
    {
        if (heading.Inline is null)
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        foreach (var inline in heading.Inline.Descendants<LeafInline>())
        {
            text.Append(inline switch
            {
                LiteralInline literal => literal.Content.ToString(),
                CodeInline code => code.Content,
                MathInline math => math.Content.ToString(),
                LineBreakInline => " ",
                HtmlEntityInline entity => entity.Transcoded.ToString(),
                _ => "",
            });
        }

        return text.ToString().Trim();
    }

    private static string UniqueId(ISet<string> ids, string wanted)
    {
        var id = wanted;
        for (var n = 1; !ids.Add(id); n++)
        {
            id = $"{wanted}-{n}";
        }

        return id;
    }

    private sealed class InlineMath(MathCollector math) : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline obj)
        {
            // $$…$$ inside a paragraph is display math, but must stay a span inside <p>.
            var display = obj.DelimiterCount > 1;
            renderer.Write(display ? "<span class=\"math math-display\">" : "<span class=\"math\">")
                .Write(math.Add(obj.Content.ToString(), display))
                .Write("</span>");
        }
    }

    private sealed class BlockMath(MathCollector math) : HtmlObjectRenderer<MathBlock>
    {
        protected override void Write(HtmlRenderer renderer, MathBlock obj)
        {
            renderer.EnsureLine();
            renderer.Write("<div class=\"math math-display\">")
                .Write(math.Add(obj.Lines.ToString(), display: true))
                .WriteLine("</div>");
        }
    }
}

/// <summary>A heading of a notebook page.</summary>
/// <param name="Level">1 for <c>#</c>, 2 for <c>##</c>, …</param>
/// <param name="Id">Its anchor id on the page.</param>
/// <param name="Html">Its text as HTML (escaped, math as placeholders), for links.</param>
/// <param name="Text">Its plain text, for the page title.</param>
internal sealed record Heading(int Level, string Id, string Html, string Text);
