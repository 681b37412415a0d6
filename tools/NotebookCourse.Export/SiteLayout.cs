using System.Text;

namespace NotebookCourse.Export;

/// <summary>The HTML around page content: head, site header, previous/contents/next navigation, and the index page body.</summary>
internal static class SiteLayout
{
    /// <summary>File name of the table of contents.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>A whole HTML document around <paramref name="main"/>.</summary>
    public static string Document(string title, string courseTitle, string head, string navigation, string main)
        => new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Html.Escape(title)).Append("</title>\n")
            .Append(head)
            .Append("</head>\n<body>\n")
            .Append("<header class=\"site-header\"><div class=\"inner\"><a href=\"").Append(IndexFileName).Append("\">")
            .Append(Html.Escape(courseTitle)).Append("</a></div></header>\n")
            .Append(navigation)
            .Append("<main>\n").Append(main).Append("</main>\n")
            .Append(navigation)
            .Append("</body>\n</html>\n")
            .ToString();

    /// <summary>Previous / Contents / Next links; <paramref name="previous"/> or <paramref name="next"/> null at the ends.</summary>
    public static string Navigation((string Href, string TitleHtml)? previous, (string Href, string TitleHtml)? next)
    {
        var nav = new StringBuilder("<nav class=\"pager\" aria-label=\"Course pages\">\n");
        if (previous is { } p)
        {
            nav.Append("<a rel=\"prev\" href=\"").Append(Href(p.Href)).Append("\">← ").Append(p.TitleHtml).Append("</a>\n");
        }
        else
        {
            nav.Append("<span class=\"disabled\">← Previous</span>\n");
        }

        nav.Append("<a rel=\"index\" href=\"").Append(IndexFileName).Append("\">Contents</a>\n");
        if (next is { } n)
        {
            nav.Append("<a rel=\"next\" href=\"").Append(Href(n.Href)).Append("\">").Append(n.TitleHtml).Append(" →</a>\n");
        }
        else
        {
            nav.Append("<span class=\"disabled\">Next →</span>\n");
        }

        return nav.Append("</nav>\n").ToString();
    }

    /// <summary>
    /// The index page: the course title, its introduction (when given), then each notebook in order: its title
    /// linking to its page, its estimated time and prerequisites, what you will learn, and its <c>##</c> sections.
    /// </summary>
    public static string IndexBody(string courseTitle, string? introductionHtml, IReadOnlyList<NotebookPage> pages)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(Html.Escape(courseTitle)).Append("</h1>\n");
        if (introductionHtml is not null)
        {
            body.Append("<section class=\"course-intro\">\n").Append(introductionHtml).Append("</section>\n");
            body.Append("<h2 id=\"notebooks\">The notebooks</h2>\n");
        }
        body.Append("<ol class=\"toc\">\n");
        foreach (var page in pages)
        {
            var href = Href(page.FileName);
            body.Append("<li><a href=\"").Append(href).Append("\">").Append(page.TitleHtml).Append("</a>");
            if (page.Overview is { } overview)
            {
                body.Append("\n<div class=\"notebook-overview\">\n");
                if (overview.EstimatedTimeHtml is not null || overview.PrerequisitesHtml is not null)
                {
                    body.Append("<p class=\"notebook-meta\">");
                    if (overview.EstimatedTimeHtml is { } time) body.Append("<span><strong>Estimated time:</strong> ").Append(time).Append("</span>");
                    if (overview.PrerequisitesHtml is { } prerequisites) body.Append("<span><strong>Prerequisites:</strong> ").Append(prerequisites).Append("</span>");
                    body.Append("</p>\n");
                }
                body.Append("<p class=\"notebook-goals\">What you will learn</p>\n").Append(overview.GoalsHtml).Append("</div>");
            }
            if (page.Sections.Count > 0)
            {
                body.Append(page.Overview is null ? "\n<ul>\n" : "\n<details class=\"notebook-sections\"><summary>Sections</summary>\n<ul>\n");
                foreach (var section in page.Sections)
                {
                    body.Append("<li><a href=\"").Append(href).Append('#').Append(Html.Escape(Uri.EscapeDataString(section.Id)))
                        .Append("\">").Append(section.Html).Append("</a></li>\n");
                }

                body.Append(page.Overview is null ? "</ul>\n" : "</ul>\n</details>\n");
            }

            body.Append("</li>\n");
        }

        return body.Append("</ol>\n").ToString();
    }

    /// <summary>A relative link to a page file, safe in an attribute.</summary>
    public static string Href(string fileName) => Html.Escape(Uri.EscapeDataString(fileName));
}
