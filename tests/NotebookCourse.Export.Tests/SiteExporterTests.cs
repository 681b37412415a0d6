using System.Net;
using System.Text.RegularExpressions;

namespace NotebookCourse.Export.Tests;

/// <summary>What the exported HTML contains, checked on the fixture course without a browser.</summary>
public sealed partial class SiteExporterTests
{
    private static Lazy<(ExportReport Report, string Folder)> Normal => CourseFixtures.NormalExport;
    private static Lazy<(ExportReport Report, string Folder)> SelfContained => CourseFixtures.SelfContainedExport;

    private static string Page(string fileName, bool selfContained = false)
        => File.ReadAllText(Path.Combine((selfContained ? SelfContained : Normal).Value.Folder, fileName));

    [Fact]
    public void Export_writes_one_page_per_notebook_with_the_same_base_name_plus_an_index()
    {
        var (report, folder) = Normal.Value;

        Assert.Equal([Path.Combine(folder, "01-basics.html"), Path.Combine(folder, "02-charts.html")], report.Pages);
        Assert.Equal(Path.Combine(folder, "index.html"), report.IndexPage);
        Assert.All(report.Pages.Append(report.IndexPage), page => Assert.True(File.Exists(page), page));
    }

    [Fact]
    public void Printed_script_tag_is_shown_as_escaped_text_and_never_as_an_element()
    {
        var html = Page("01-basics.html");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        // The only <script> elements on a page without charts would be ours; this page has none.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Stderr_text_is_escaped_and_marked_as_stderr()
    {
        var html = Page("02-charts.html");

        Assert.Contains("<pre class=\"output stream stderr\">warning: 2 &lt; 3 &amp; 4 &gt; 1\n</pre>", html);
    }

    [Fact]
    public void Html_result_is_inserted_as_html()
    {
        var html = Page("01-basics.html");

        Assert.Contains("<table class=\"result\"><thead><tr><th><i>index</i></th>", html);
    }

    [Fact]
    public void Error_output_is_visibly_marked_and_its_traceback_escaped()
    {
        var html = Page("01-basics.html");

        var error = ErrorBlock().Match(html);
        Assert.True(error.Success, "no error block");
        Assert.Contains("class=\"error-label\">Error</span>", error.Value);
        Assert.Contains("System.FormatException: The input string &#39;abc&#39; was not in a correct format.", error.Value);
        Assert.Contains("Submission#3.&lt;&lt;Initialize&gt;&gt;d__0.MoveNext()", error.Value);
    }

    [Fact]
    public void FailedCells_name_the_notebook_the_cell_position_and_the_exception()
    {
        // 01-basics.ipynb: the error is in the 4th cell (markdown, code, code, code); 02-charts.ipynb has none.
        Assert.Equal(["01-basics.ipynb: cell 4 (System.FormatException)"], Normal.Value.Report.FailedCells);
    }

    [Fact]
    public void Png_output_becomes_an_inline_image()
    {
        var html = Page("02-charts.html");

        Assert.Contains("<img alt=\"output image\" src=\"data:image/png;base64,iVBORw0KGgo", html);
    }

    [Fact]
    public void Code_cells_are_highlighted_by_token_kind()
    {
        var html = Page("01-basics.html");

        Assert.Contains("<span class=\"tok-preprocessor\">#r &quot;nuget: MathNet.Numerics, 5.0.0&quot;</span>", html);
        Assert.Contains("<span class=\"tok-keyword\">var</span> text", html);
        Assert.Contains("<span class=\"tok-string\">&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;</span>", html);
        Assert.Contains("<span class=\"tok-comment\">// fails on purpose</span>", html);
        Assert.Contains("<span class=\"tok-type\">List</span>", html);
    }

    [Fact]
    public void Markdown_pipe_table_becomes_an_html_table()
    {
        var html = Page("01-basics.html");

        Assert.Contains("<th style=\"text-align: right;\">score</th>", html);
        Assert.Contains("<td>classification</td>", html);
        Assert.Contains("<td>분류</td>", html);
    }

    [Fact]
    public void Korean_text_is_written_as_utf8_characters()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Normal.Value.Folder, "01-basics.html"));

        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
        Assert.Contains("<meta charset=\"utf-8\">", System.Text.Encoding.UTF8.GetString(bytes));
        // "분류 기초" in UTF-8, spelled out from the Unicode code points U+BD84 U+B958 U+0020 U+AE30 U+CD08.
        var expected = new byte[] { 0xEB, 0xB6, 0x84, 0xEB, 0xA5, 0x98, 0x20, 0xEA, 0xB8, 0xB0, 0xEC, 0xB4, 0x88 };
        Assert.True(bytes.AsSpan().IndexOf(expected) >= 0, "Korean heading text not found as UTF-8");
    }

    [Fact]
    public void Math_is_rendered_by_katex_at_export_time_from_the_original_tex()
    {
        var html = Page("01-basics.html");

        Assert.Contains("class=\"katex\"", html);
        Assert.Contains("class=\"katex-display\"", html);
        // KaTeX keeps the source as a MathML annotation: compare it with the TeX in the notebook.
        var annotations = Annotation().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
        Assert.Contains("\\sigma(z) = \\frac{1}{1 + e^{-z}}", annotations);
        Assert.Contains("H(p, q) = -\\sum_{i} p_i \\log q_i", annotations);
        Assert.DoesNotContain("\\(", html);
        Assert.DoesNotContain("$$", html);
        Assert.Empty(Normal.Value.Report.Warnings);
    }

    [Fact]
    public void Index_lists_each_notebook_title_and_its_level_two_sections_in_order()
    {
        var index = Page("index.html");

        var links = Link().Matches(index).Select(m => (Href: m.Groups[1].Value, Text: StripTags(m.Groups[2].Value))).ToList();
        var toc = links.Where(l => l.Href.StartsWith("0", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                ("01-basics.html", "Basics of classification (분류 기초)"),
                ("01-basics.html#pass-or-fail-table", "Pass or fail table"),
                ("01-basics.html#cross-entropy", "Cross-entropy (교차 엔트로피)"),
                ("01-basics.html#glossary", "Glossary (용어)"),
                ("02-charts.html", "Charts (차트)"),
                ("02-charts.html#a-line-chart", "A line chart"),
                ("02-charts.html#subplots-heatmaps-and-images", "Subplots, heatmaps and images"),
                ("02-charts.html#outputs-of-other-kinds", "Outputs of other kinds"),
            ],
            toc.Where(l => !l.Text.EndsWith('→')).ToList());
    }

    [Fact]
    public void Section_links_in_the_index_point_at_ids_that_exist_on_the_pages()
    {
        var index = Page("index.html");

        foreach (Match link in Link().Matches(index))
        {
            var href = link.Groups[1].Value;
            var hash = href.IndexOf('#');
            if (hash < 0)
            {
                continue;
            }

            Assert.Contains($"id=\"{href[(hash + 1)..]}\"", Page(href[..hash]));
        }
    }

    [Fact]
    public void Every_page_links_previous_contents_and_next_in_course_order()
    {
        var first = Page("01-basics.html");
        var second = Page("02-charts.html");
        var index = Page("index.html");

        Assert.Contains("<a rel=\"prev\" href=\"index.html\">", first);
        Assert.Contains("<a rel=\"next\" href=\"02-charts.html\">Charts (차트) →</a>", first);
        Assert.Contains("<a rel=\"prev\" href=\"01-basics.html\">← Basics of classification (분류 기초)</a>", second);
        Assert.DoesNotContain("rel=\"next\"", second);
        Assert.Contains("<a rel=\"next\" href=\"01-basics.html\">", index);
        Assert.All([first, second, index], html => Assert.Contains("<a rel=\"index\" href=\"index.html\">Contents</a>", html));
    }

    [Fact]
    public void Page_title_is_the_first_level_one_heading()
    {
        Assert.Contains("<title>Basics of classification (분류 기초) · Classification in C#</title>", Page("01-basics.html"));
    }

    [Fact]
    public void Normal_export_links_shared_assets_that_exist_relative_to_the_pages()
    {
        var folder = Normal.Value.Folder;
        foreach (var page in Directory.GetFiles(folder, "*.html"))
        {
            foreach (Match reference in AssetReference().Matches(File.ReadAllText(page)))
            {
                var target = reference.Groups[1].Value;
                Assert.False(target.StartsWith("http", StringComparison.OrdinalIgnoreCase), $"{page}: {target}");
                Assert.True(File.Exists(Path.Combine(folder, target.Split('#')[0])), $"{Path.GetFileName(page)} links missing {target}");
            }
        }

        var css = File.ReadAllText(Path.Combine(folder, "assets", "katex", "katex.min.css"));
        foreach (Match font in CssUrl().Matches(css))
        {
            Assert.True(File.Exists(Path.Combine(folder, "assets", "katex", font.Groups[1].Value)), font.Value);
        }
    }

    [Fact]
    public void Plotly_js_from_npm_and_the_figure_script_are_loaded_only_by_pages_with_charts()
    {
        var plotly = $"plotly-{NpmAssets.PlotlyVersion}.min.js";
        Assert.Contains($"<script src=\"assets/{plotly}\"></script>\n<script src=\"assets/figures.js\"></script>", Page("02-charts.html"));
        Assert.DoesNotContain("plotly-", Page("01-basics.html"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", Page("index.html"), StringComparison.OrdinalIgnoreCase);
        var script = File.ReadAllText(Path.Combine(Normal.Value.Folder, "assets", plotly));
        Assert.Equal(File.ReadAllText(NpmAssets.File("plotly.js-dist-min", "plotly.min.js")), script);
        Assert.Contains("Plotly.newPlot(div, figure.data, figure.layout", File.ReadAllText(Path.Combine(Normal.Value.Folder, "assets", "figures.js")));
    }

    [Fact]
    public void Notebooks_and_the_site_draw_with_the_same_plotly_js_version()
    {
        Assert.Equal(NotebookCourse.Plotting.Figure.PlotlyJsVersion, NpmAssets.PlotlyVersion);
    }

    [Fact]
    public void Every_library_figure_keeps_its_json_and_loses_its_cdn_loader()
    {
        var html = Page("02-charts.html");

        Assert.Equal(CourseFixtures.Figures.Count, Regex.Count(html, "<div class=\"nc-figure\" id=\""));
        Assert.Equal(CourseFixtures.Figures.Count, Regex.Count(html, "<script type=\"application/json\" class=\"nc-figure-json\""));
        Assert.DoesNotContain("nc-figure-loader", html);
        Assert.DoesNotContain("cdn.jsdelivr", html);
        Assert.DoesNotContain("cdnjs", html);
        Assert.Empty(Normal.Value.Report.Warnings);
    }

    [Fact]
    public void Self_contained_pages_have_no_external_or_relative_asset_references()
    {
        foreach (var page in SelfContained.Value.Report.Pages.Append(SelfContained.Value.Report.IndexPage))
        {
            // plotly.js is inlined: look at the markup and style sheets, not at the text inside scripts.
            var html = ScriptBody().Replace(File.ReadAllText(page), "$1$2");
            Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("assets/", html, StringComparison.Ordinal);
            foreach (Match source in SourceAttribute().Matches(html))
            {
                Assert.StartsWith("data:", source.Groups[1].Value);
            }

            foreach (Match style in StyleBody().Matches(html))
            {
                foreach (Match url in CssUrl().Matches(style.Value))
                {
                    Assert.StartsWith("data:", url.Groups[1].Value);
                }
            }
        }

        Assert.False(Directory.Exists(Path.Combine(SelfContained.Value.Folder, "assets")));
    }

    [Fact]
    public void Self_contained_chart_page_inlines_plotly_js_and_the_figure_script_once()
    {
        var html = Page("02-charts.html", selfContained: true);

        Assert.Equal(1, Regex.Count(html, Regex.Escape($"plotly.js v{NpmAssets.PlotlyVersion}")));
        Assert.Equal(1, Regex.Count(html, Regex.Escape("document.querySelectorAll('script.nc-figure-json')")));
        Assert.Matches("@font-face\\{[^}]*font-family:KaTeX_Main;[^}]*src:url\\(data:font/woff2;base64,", html);
    }

    [Fact]
    public void Chart_of_another_library_is_kept_and_calls_the_global_Plotly()
    {
        var html = Page("02-charts.html");

        Assert.Contains("<div class=\"output chart\"><div id=\"other-chart\"", html);
        Assert.Contains("Plotly.newPlot('other-chart'", html);
    }

    private static string StripTags(string html) => WebUtility.HtmlDecode(Tag().Replace(html, "")).Trim();

    [GeneratedRegex("<div class=\"output error\">.*?</div>\\s*</div>", RegexOptions.Singleline)]
    private static partial Regex ErrorBlock();

    [GeneratedRegex("<annotation encoding=\"application/x-tex\">(.*?)</annotation>", RegexOptions.Singleline)]
    private static partial Regex Annotation();

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\"[^>]*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("(?:<link[^>]*href|<script[^>]*src)=\"([^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("\\ssrc=\"([^\"]*)\"")]
    private static partial Regex SourceAttribute();

    [GeneratedRegex("(<script[^>]*>).*?(</script>)", RegexOptions.Singleline)]
    private static partial Regex ScriptBody();

    [GeneratedRegex("<style[^>]*>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBody();

    [GeneratedRegex("url\\(([^)]*)\\)")]
    private static partial Regex CssUrl();
}
