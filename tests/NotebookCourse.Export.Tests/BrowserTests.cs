using NotebookCourse.Testing;
using Xunit.Abstractions;

namespace NotebookCourse.Export.Tests;

/// <summary>
/// Opens every exported page in headless Chromium with the network blocked and no Korean system font, and
/// checks what a student sees at 1280 and 390 px: charts drawn and fitting the column, math typeset, code
/// highlighted, printed HTML shown as text, Hangul in the bundled font, nothing wider than the screen, no
/// errors; and what a teacher prints: no chart or code block cut or split across pages. Screenshots (one per
/// page and width) go to artifacts/screenshots/ in the test output, PDFs to artifacts/pdf/.
/// </summary>
public sealed class BrowserTests(ITestOutputHelper output)
{
    [BrowserFact]
    public Task Normal_export_renders_every_page_offline_in_chromium() => ExportAndCheck("normal", selfContained: false);

    [BrowserFact]
    public Task Self_contained_export_renders_every_page_offline_in_chromium() => ExportAndCheck("self-contained", selfContained: true);

    [BrowserFact]
    public async Task Page_checker_reports_a_page_that_reaches_the_network_and_raises_errors()
    {
        // The checker must be able to fail: a page that loads a CDN script, alerts and throws.
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "bad-page"));
        var page = Path.Combine(folder, "bad.html");
        File.WriteAllText(page, """
            <!DOCTYPE html><html><head><meta charset="utf-8">
            <script src="https://cdn.plot.ly/plotly-2.28.0.min.js"></script></head>
            <body><div class="output chart"><div id="c"></div></div><span class="math">\(x\)</span>
            <script>alert(1); undefinedFunction();</script></body></html>
            """);

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var result = await browser.CheckAsync(page, chartTimeout: TimeSpan.FromSeconds(1));

        Assert.Contains("https://cdn.plot.ly/plotly-2.28.0.min.js", result.BlockedRequests);
        Assert.Contains("alert: 1", result.Dialogs);
        Assert.Contains(result.PageErrors, e => e.Contains("undefinedFunction", StringComparison.Ordinal));
        Assert.Equal(1, result.ChartOutputs);
        Assert.Equal(0, result.ChartsWithSvg);
        Assert.Equal(1, result.UnrenderedMath);
        Assert.True(result.Problems.Count >= 5, string.Join("\n", result.Problems));
    }

    [BrowserFact]
    public async Task Page_checker_reports_hangul_without_the_bundled_font_and_what_is_wider_than_a_phone()
    {
        // The page asks for "Noto Sans KR" but does not bring it, and this browser has no Korean system font.
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "bad-layout"));
        var page = Path.Combine(folder, "bad-layout.html");
        File.WriteAllText(page, """
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body { font-family: "Noto Sans KR", sans-serif; margin: 8px; } pre { white-space: pre; }</style></head>
            <body><h1>분류 기초 (basics)</h1>
            <div id="wide" style="width: 600px">a box 600 px wide</div>
            <pre id="code">var line = "a line of code far longer than a phone is wide, in a box that does not scroll";</pre>
            <div id="scroller" style="overflow-x: auto"><table><tr><td style="min-width: 900px">a wide table in a box that scrolls</td></tr></table></div>
            </body></html>
            """);

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var phone = await browser.CheckAsync(page, viewportWidth: 390);
        var desktop = await browser.CheckAsync(page, viewportWidth: 1280);

        output.WriteLine(string.Join("\n", phone.Problems));
        Assert.Equal(1, phone.HangulElements);
        var notBundled = Assert.Single(phone.HangulNotInBundledFont);
        Assert.StartsWith("h1 \"분류 기초 (basics)\": 4 Hangul, 0 glyphs from Noto Sans KR", notBundled);
        Assert.DoesNotContain("Nanum", notBundled);
        Assert.False(phone.BundledFontLoaded);
        Assert.True(phone.PageWidth > 390, $"page width {phone.PageWidth}");
        Assert.Contains(phone.WideElements, e => e.StartsWith("div#wide", StringComparison.Ordinal));
        Assert.Contains(phone.WideElements, e => e.StartsWith("pre#code", StringComparison.Ordinal));
        Assert.DoesNotContain(phone.WideElements, e => e.Contains("wide table", StringComparison.Ordinal));
        Assert.Contains(phone.ScrollingBoxes, b => b.StartsWith("div#scroller", StringComparison.Ordinal));
        Assert.Contains(phone.Problems, p => p.StartsWith("at 390 px the page is", StringComparison.Ordinal));
        // On a desktop the same boxes fit; the missing font is still missing.
        Assert.Empty(desktop.WideElements);
        Assert.Single(desktop.HangulNotInBundledFont);
    }

    [BrowserFact]
    public async Task Page_checker_reports_a_chart_wider_than_its_column_a_legend_over_the_axis_title_and_a_cut_title()
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "bad-charts"));
        var page = Path.Combine(folder, "bad-charts.html");
        File.WriteAllText(page, $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            {{LocalScript("plotly.js-dist-min", "plotly.min.js")}}</head><body>
            <style>.output.chart { overflow-x: auto; }</style>
            <div class="output chart"><div id="fixed"></div></div>
            <div class="output chart"><div id="crowded"></div></div>
            <div class="output chart"><div id="long"></div></div>
            <script>
            Plotly.newPlot('fixed', [{ y: [1, 3, 2] }], { width: 900, height: 300, title: { text: 'fixed width' } });
            Plotly.newPlot('crowded', ['loss', 'val_loss', 'accuracy', 'val_accuracy'].map(n => ({ y: [1, 2, 3], name: n })),
              { height: 300, title: { text: 'legend over the axis' }, xaxis: { title: { text: 'epoch' } }, margin: { b: 40 },
                legend: { orientation: 'h', x: 0, y: -0.12, yanchor: 'top' } }, { responsive: true });
            Plotly.newPlot('long', [{ y: [1, 3, 2] }], { height: 300, title: { text: 'A title far too long to be shown on the screen of a phone in one line' } }, { responsive: true });
            </script></body></html>
            """);

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var phone = await browser.CheckAsync(page, viewportWidth: 390);

        output.WriteLine(string.Join("\n", phone.Problems));
        Assert.Contains(phone.ChartProblems, p => p.StartsWith("chart 1 \"fixed width\" is 900 px wide", StringComparison.Ordinal));
        Assert.Contains(phone.ChartProblems, p => p.StartsWith("chart 2 \"legend over the axis\": legend entry", StringComparison.Ordinal) && p.Contains("lies over \"epoch\"", StringComparison.Ordinal));
        Assert.Contains(phone.ChartProblems, p => p.StartsWith("chart 3 \"A title far too long", StringComparison.Ordinal) && p.EndsWith("is cut at the edge of the chart", StringComparison.Ordinal));
        // Inside its scrolling box the wide chart does not widen the page; the chart check still catches it.
        Assert.Empty(phone.WideElements);
    }

    [BrowserFact]
    public async Task Print_checker_reports_a_code_block_split_across_pages_and_a_chart_too_wide_for_the_paper()
    {
        // No print style on either page. On the first the code block starts near the foot of page 1; on the
        // second the chart keeps its 1000 px, so Chromium shrinks the whole page to fit the paper.
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "bad-print"));
        var code = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"Console.WriteLine({i}); // line {i} of a block too short to be split"));
        var split = Path.Combine(folder, "split.html");
        File.WriteAllText(split, $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"></head>
            <body style="margin: 0"><div style="height: 900px">the first page</div><pre class="source">{code}</pre></body></html>
            """);
        var wide = Path.Combine(folder, "wide.html");
        File.WriteAllText(wide, $$"""
            <!DOCTYPE html><html><head><meta charset="utf-8">{{LocalScript("plotly.js-dist-min", "plotly.min.js")}}</head>
            <body style="margin: 0"><p>A chart as wide as a desktop screen.</p><div id="wide"></div>
            <script>Plotly.newPlot('wide', [{ y: [1, 3, 2] }], { width: 1000, height: 300, title: { text: 'too wide' } });</script>
            </body></html>
            """);

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var splitPrinted = await browser.PrintAsync(split, Path.Combine(folder, "split.pdf"));
        var widePrinted = await browser.PrintAsync(wide, Path.Combine(folder, "wide.pdf"));

        output.WriteLine(string.Join("\n", splitPrinted.Problems.Concat(widePrinted.Problems)));
        var block = Assert.Single(splitPrinted.Blocks);
        Assert.Equal((1, 2), (block.FirstPage, block.LastPage));
        var problem = Assert.Single(block.Problems);
        Assert.StartsWith("code block 1 \"Console.WriteLine(1);", problem);
        Assert.Contains("split across pages 1 and 2", problem);

        var chart = Assert.Single(widePrinted.Blocks);
        Assert.Equal("chart", chart.Kind);
        Assert.Contains(chart.Problems, p => p.StartsWith("chart 1 \"too wide\": printed at", StringComparison.Ordinal) && p.Contains("the page was shrunk", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Chart_loaded_through_require_js_from_a_CDN_renders_offline()
    {
        // The shape Plotly.NET.Interactive writes: require.js with a CDN path, and a loader for require.js itself.
        const string fragment = """
            <div id="c1"></div><script type="text/javascript">
            var renderPlotly_c1 = function() {
              var fsharpPlotlyRequire = requirejs.config({context:'fsharp-plotly',paths:{plotly:'https://cdn.plot.ly/plotly-2.6.3.min'}}) || require;
              fsharpPlotlyRequire(['plotly'], function(Plotly) { Plotly.newPlot('c1', [{"y":[1,3,2]}], {}, {}); });
            };
            if ((typeof(requirejs) !== typeof(Function)) || (typeof(requirejs.config) !== typeof(Function))) {
              var script = document.createElement("script");
              script.setAttribute("src", "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js");
              script.onload = function(){ renderPlotly_c1(); };
              document.getElementsByTagName("head")[0].appendChild(script);
            } else { renderPlotly_c1(); }
            </script>
            """;
        var notebook = new System.Text.Json.Nodes.JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["cells"] = new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject
                {
                    ["cell_type"] = "code",
                    ["id"] = "r1",
                    ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
                    ["execution_count"] = 1,
                    ["source"] = "chart",
                    ["outputs"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
                    {
                        ["output_type"] = "display_data",
                        ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
                        ["data"] = new System.Text.Json.Nodes.JsonObject { ["text/html"] = fragment },
                    }),
                }),
        };
        var notebooks = CourseFixtures.NewFolder(Path.Combine("notebooks", "require-chart"));
        var path = Path.Combine(notebooks, "03-require-chart.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "require-chart"));
        var report = SiteExporter.Export([path], folder, new ExportOptions());

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var result = await browser.CheckAsync(report.Pages[0]);

        output.WriteLine(result.ToString());
        Assert.DoesNotContain(result.Problems, p => !p.Contains("no highlighted keyword", StringComparison.Ordinal));
        Assert.Equal(1, result.ChartsWithSvg);
    }

    private async Task ExportAndCheck(string name, bool selfContained)
    {
        var notebooks = CourseFixtures.PrepareCourse($"browser-{name}");
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", $"browser-{name}"));
        var report = SiteExporter.Export(notebooks, folder, new ExportOptions(selfContained, "Classification in C#"));
        var screenshots = CourseFixtures.NewFolder(Path.Combine("screenshots", name));
        var pdfs = CourseFixtures.NewFolder(Path.Combine("pdf", name));

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var results = new Dictionary<(string Page, int Width), PageCheckResult>();
        var printed = new Dictionary<string, PrintCheckResult>();
        foreach (var page in report.Pages.Prepend(report.IndexPage))
        {
            foreach (var result in await browser.CheckAtEveryWidthAsync(page, screenshots))
            {
                output.WriteLine(result.ToString());
                results[(Path.GetFileName(page), result.ViewportWidth)] = result;
            }

            if (page != report.IndexPage)
            {
                var print = await browser.PrintAsync(page, Path.Combine(pdfs, Path.ChangeExtension(Path.GetFileName(page), ".pdf")));
                output.WriteLine(print.ToString());
                printed[Path.GetFileName(page)] = print;
            }
        }

        foreach (var ((page, width), result) in results)
        {
            Assert.True(result.Problems.Count == 0, $"{page} at {width} px:\n{string.Join("\n", result.Problems)}");
            Assert.True(File.Exists(result.Screenshot), $"{page} at {width} px: no screenshot");
        }

        foreach (var (page, print) in printed)
        {
            Assert.True(print.Problems.Count == 0, $"{page} printed:\n{string.Join("\n", print.Problems)}");
            Assert.True(File.Exists(print.Pdf), $"{page}: no PDF");
        }

        foreach (var width in BrowserPageCheck.Widths)
        {
            var basics = results[("01-basics.html", width)];
            Assert.Contains("<script>alert(1)</script>", basics.VisibleText);
            Assert.Empty(basics.Dialogs);
            Assert.True(basics.KatexElements >= 2, $"formulas rendered: {basics.KatexElements}");
            Assert.True(basics.KeywordSpans > 0, "no highlighted keyword");
            Assert.Contains("System.FormatException", basics.VisibleText);
            Assert.Contains("분류 기초", basics.VisibleText);
            // Headings, prose, table cells, a code comment and program output in Korean, all in the bundled font.
            Assert.True(basics.HangulElements >= 8, $"elements with Hangul: {basics.HangulElements}");
            Assert.True(basics.BundledFontLoaded, "document.fonts.check for the page's Hangul");

            // Every figure of the library drawn with all its traces, and another library's chart beside them.
            var charts = results[("02-charts.html", width)];
            Assert.Equal(CourseFixtures.Figures.Count, charts.Figures);
            Assert.Equal(CourseFixtures.Figures.Count, charts.FiguresDrawn);
            Assert.Equal(CourseFixtures.Figures.Count + 1, charts.ChartOutputs);
            Assert.Equal(charts.ChartOutputs, charts.ChartsWithSvg);
            Assert.Empty(charts.ServedRequests);
            Assert.Contains("Scores </script> by round", charts.VisibleText);
            Assert.True(charts.KatexElements >= 2, $"formulas rendered: {charts.KatexElements}");
            // The Korean chart's title, axis titles and legend entries are drawn with the bundled font too.
            Assert.True(charts.HangulElements >= 9, $"elements with Hangul: {charts.HangulElements}");
        }

        // Charts take the column's width at any viewport: about 790 px on a desktop, 350 px on a phone.
        var column = results[("02-charts.html", 1280)].ChartWidths;
        var phone = results[("02-charts.html", 390)].ChartWidths;
        Assert.All(column, w => Assert.InRange(w, 700, 832));
        Assert.All(phone, w => Assert.InRange(w, 300, 390));

        // On a phone the long code line, the long output line and the wide table scroll inside their own boxes;
        // on a desktop the table and the code fit (the output line of 200 characters still scrolls).
        var basicsOnPhone = results[("01-basics.html", 390)].ScrollingBoxes;
        Assert.Contains(basicsOnPhone, b => b.StartsWith("pre.source", StringComparison.Ordinal) && b.Contains("정확도", StringComparison.Ordinal));
        Assert.Contains(basicsOnPhone, b => b.StartsWith("pre.output.stream.stdout", StringComparison.Ordinal) && b.Contains("학생 1", StringComparison.Ordinal));
        Assert.Contains(basicsOnPhone, b => b.StartsWith("table.result", StringComparison.Ordinal) || (b.StartsWith("div.output.html", StringComparison.Ordinal) && b.Contains("mean radius", StringComparison.Ordinal)));

        // Printed: every chart and code block placed whole on one page, inside the printable width.
        var chartsPrinted = printed["02-charts.html"];
        Assert.Equal(CourseFixtures.Figures.Count + 1, chartsPrinted.Blocks.Count(b => b.Kind == "chart"));
        Assert.True(chartsPrinted.PageCount >= 3, $"pages: {chartsPrinted.PageCount}");
        Assert.Equal(4, printed["01-basics.html"].Blocks.Count(b => b.Kind == "code block"));
    }

    // A notebook output page as VS Code shows it: the figures' own HTML, with the page's plotly.js or none.
    private static string NotebookPage(string name, string head, params NotebookCourse.Plotting.Figure[] figures)
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("notebook-outputs", name));
        var page = Path.Combine(folder, "output.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + head + "</head><body>"
            + string.Concat(figures.Select(f => f.ToHtml())) + "</body></html>");
        return page;
    }

    private static string LocalScript(string package, string file) => $"<script src=\"{new Uri(NpmAssets.File(package, file)).AbsoluteUri}\"></script>";

    private static readonly string PlotlyCdnFile = NotebookCourse.Plotting.Figure.PlotlyJsCdn + ".js";

    [BrowserFact]
    public async Task Notebook_figures_load_plotly_once_through_require_js_from_the_cdn_and_draw()
    {
        // The CDN answered with the same npm files the exporter ships, so the test stays offline.
        var page = NotebookPage("cdn", "", CourseFixtures.Figures["line"], CourseFixtures.Figures["history"]);
        var cdn = new Dictionary<string, string>
        {
            [NotebookCourse.Plotting.Figure.RequireJsCdn] = NpmAssets.File("requirejs", "require.js"),
            [PlotlyCdnFile] = NpmAssets.File("plotly.js-dist-min", "plotly.min.js"),
        };

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var result = await browser.CheckAsync(page, servedFiles: cdn);

        output.WriteLine(result.ToString());
        Assert.Empty(result.Problems);
        Assert.Equal(2, result.FiguresDrawn);
        Assert.Equal(new[] { NotebookCourse.Plotting.Figure.RequireJsCdn, PlotlyCdnFile }.Order(), result.ServedRequests.Order());
        Assert.Equal("2.3.6", NpmAssets.RequireJsVersion);
        Assert.Contains("/require.js/2.3.6/", NotebookCourse.Plotting.Figure.RequireJsCdn);
    }

    [BrowserFact]
    public async Task Notebook_figure_uses_the_require_js_already_on_the_page()
    {
        var page = NotebookPage("page-require", LocalScript("requirejs", "require.js"), CourseFixtures.Figures["confusion"]);
        var cdn = new Dictionary<string, string> { [PlotlyCdnFile] = NpmAssets.File("plotly.js-dist-min", "plotly.min.js") };

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var result = await browser.CheckAsync(page, servedFiles: cdn);

        output.WriteLine(result.ToString());
        Assert.Empty(result.Problems);
        Assert.Equal(1, result.FiguresDrawn);
        Assert.Equal([PlotlyCdnFile], result.ServedRequests);
    }

    [BrowserFact]
    public async Task Notebook_figure_uses_the_plotly_already_on_the_page_without_any_request()
    {
        var page = NotebookPage("page-plotly", LocalScript("plotly.js-dist-min", "plotly.min.js"), CourseFixtures.Figures["images"], CourseFixtures.Figures["gradients"]);

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var result = await browser.CheckAsync(page);

        output.WriteLine(result.ToString());
        Assert.Empty(result.Problems);
        Assert.Equal(2, result.FiguresDrawn);
        Assert.Empty(result.ServedRequests);
    }

    [BrowserFact]
    public async Task Notebook_figures_with_Korean_labels_draw_in_a_wide_or_narrow_notebook_with_nothing_cut()
    {
        // In VS Code there is no bundled font (Hangul falls back to the system's fonts); the figure's HTML and its
        // loader are the notebook's own, and the figure takes the notebook's width, wide or narrow. (There plotly
        // draws a title on one line, as written: the site breaks one too long for the chart into lines.)
        var page = NotebookPage("korean", LocalScript("plotly.js-dist-min", "plotly.min.js"),
            CourseFixtures.KoreanCurves("학습 곡선 (learning curves)", "에포크 (epoch)"), CourseFixtures.Figures["history"]);

        await using var browser = await BrowserPageCheck.LaunchAsync();
        foreach (var width in BrowserPageCheck.Widths)
        {
            var result = await browser.CheckAsync(page, viewportWidth: width, bundledKoreanFont: false);

            output.WriteLine(result.ToString());
            Assert.Empty(result.Problems);
            Assert.Equal(2, result.FiguresDrawn);
            Assert.All(result.ChartWidths, w => Assert.InRange(w, width - 40, width));
        }
    }

    [BrowserFact]
    public async Task Notebook_figure_without_network_says_why_in_its_place()
    {
        var page = NotebookPage("offline", "", CourseFixtures.Figures["line"]);

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var result = await browser.CheckAsync(page, chartTimeout: TimeSpan.FromSeconds(3));

        Assert.Equal([NotebookCourse.Plotting.Figure.RequireJsCdn], result.BlockedRequests);
        Assert.Equal(0, result.FiguresDrawn);
        var text = Assert.Single(result.UndrawnFigureTexts);
        Assert.StartsWith("This figure needs plotly.js, which could not be loaded", text);
        Assert.Contains(result.Problems, p => p.StartsWith("1 of 1 figures not drawn", StringComparison.Ordinal));
    }
}
