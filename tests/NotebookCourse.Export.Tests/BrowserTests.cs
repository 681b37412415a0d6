using NotebookCourse.Testing;
using Xunit.Abstractions;

namespace NotebookCourse.Export.Tests;

/// <summary>
/// Opens every exported page in headless Chromium with the network blocked and checks what a student
/// sees: charts drawn, math typeset, code highlighted, printed HTML shown as text, no errors.
/// Screenshots go to artifacts/screenshots/ in the test output.
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

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var results = new Dictionary<string, PageCheckResult>();
        foreach (var page in report.Pages.Prepend(report.IndexPage))
        {
            var result = await browser.CheckAsync(page, Path.Combine(screenshots, Path.ChangeExtension(Path.GetFileName(page), ".png")));
            output.WriteLine(result.ToString());
            results[Path.GetFileName(page)] = result;
        }

        foreach (var (page, result) in results)
        {
            Assert.True(result.Problems.Count == 0, $"{page}:\n{string.Join("\n", result.Problems)}");
            Assert.True(File.Exists(result.Screenshot), $"{page}: no screenshot");
        }

        var basics = results["01-basics.html"];
        Assert.Contains("<script>alert(1)</script>", basics.VisibleText);
        Assert.Empty(basics.Dialogs);
        Assert.True(basics.KatexElements >= 2, $"formulas rendered: {basics.KatexElements}");
        Assert.True(basics.KeywordSpans > 0, "no highlighted keyword");
        Assert.Contains("System.FormatException", basics.VisibleText);
        Assert.Contains("분류 기초", basics.VisibleText);

        // Every figure of the library drawn with all its traces, and another library's chart beside them.
        var charts = results["02-charts.html"];
        Assert.Equal(CourseFixtures.Figures.Count, charts.Figures);
        Assert.Equal(CourseFixtures.Figures.Count, charts.FiguresDrawn);
        Assert.Equal(CourseFixtures.Figures.Count + 1, charts.ChartOutputs);
        Assert.Equal(charts.ChartOutputs, charts.ChartsWithSvg);
        Assert.Empty(charts.ServedRequests);
        Assert.Contains("Scores </script> by round", charts.VisibleText);
        Assert.True(charts.KatexElements >= 2, $"formulas rendered: {charts.KatexElements}");
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
