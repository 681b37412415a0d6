using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookCourse.Plotting;
using NotebookCourse.Presentation;

namespace NotebookCourse.Tests.Plotting;

/// <summary>How a figure shows in a notebook: the HTML the library's formatter source gives .NET Interactive.</summary>
public class FigureHtmlTests
{
    private static Figure Sample(string title = "History") =>
        new Figure().Line([1.0, 2.0], [0.9, 0.4], name: "loss").Title(title).XAxis("epoch").YAxis("loss");

    // The JSON inside <script class="nc-figure-json" ...>...</script>, as the browser's JSON.parse reads it.
    private static (string Id, string DataFigure, string Json) Parts(string html)
    {
        var div = Regex.Match(html, "<div class=\"nc-figure\" id=\"(nc-fig-[0-9a-f]+)\"");
        var script = Regex.Match(html, "<script type=\"application/json\" class=\"nc-figure-json\" data-figure=\"([^\"]+)\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(div.Success, html);
        Assert.True(script.Success, html);
        return (div.Groups[1].Value, script.Groups[1].Value, script.Groups[2].Value);
    }

    [Fact]
    public void Html_holds_a_div_the_figure_json_and_a_loader_that_draws_it()
    {
        var figure = Sample();
        var html = figure.ToHtml();
        var (id, dataFigure, json) = Parts(html);
        Assert.Equal(id, dataFigure);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(figure.ToJson()), JsonNode.Parse(json)), "the script holds the figure's JSON");
        Assert.Contains("style=\"width:100%;height:420px\"", html);
        Assert.Contains("<script class=\"nc-figure-loader\">", html);
        Assert.Contains("Plotly.newPlot(div, figure.data, figure.layout, {responsive: true", html);
        Assert.Contains($"'{id}'", html);
    }

    [Fact]
    public void Loader_uses_the_pages_plotly_or_loads_it_once_through_require_js_from_the_cdn()
    {
        var html = Sample().ToHtml();
        Assert.Contains("if (window.Plotly) { draw(window.Plotly); return; }", html);
        Assert.Contains("window.ncPlotly = window.ncPlotly || new Promise", html);
        Assert.Contains("window.requirejs.config({context: 'nc-plotly', paths: {plotly: '" + Figure.PlotlyJsCdn + "'}", html);
        Assert.Contains("script.src = '" + Figure.RequireJsCdn + "'", html);
        Assert.Equal("https://cdn.jsdelivr.net/npm/plotly.js-dist-min@" + Figure.PlotlyJsVersion + "/plotly.min", Figure.PlotlyJsCdn);
        Assert.Contains("could not be loaded", html);
    }

    [Fact]
    public void A_title_holding_a_closing_script_tag_cannot_end_the_script_early()
    {
        var title = "</script><script>alert('pwned')</script><!--";
        var html = Sample(title).ToHtml();
        var (_, _, json) = Parts(html);
        Assert.DoesNotContain("<", json);
        // Exactly the two scripts of a figure end in the HTML: the JSON and the loader.
        Assert.Equal(2, Regex.Count(html, "</script>"));
        Assert.Equal(title, JsonDocument.Parse(json).RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Each_html_gets_its_own_element_id()
    {
        var figure = Sample();
        Assert.NotEqual(Parts(figure.ToHtml()).Id, Parts(figure.ToHtml()).Id);
    }

    [Fact]
    public void Html_reserves_the_figures_height()
    {
        Assert.Contains("height:250px", Sample().Height(250).ToHtml());
    }

    [Fact]
    public void Dotnet_interactive_shows_a_figure_as_its_html_through_the_library_source()
    {
        var html = Sample().ToDisplayString("text/html");
        var (id, _, json) = Parts(html);
        Assert.StartsWith("nc-fig-", id);
        Assert.Contains("\"loss\"", json);
    }

    [Fact]
    public void Dotnet_interactive_shows_a_figure_as_plain_text_with_its_summary()
    {
        var figure = Sample();
        Assert.Equal("Figure: 1 trace (line 'loss'); title 'History'", figure.ToDisplayString("text/plain"));
    }

    [Fact]
    public void Figure_asks_notebooks_for_html_and_plain_text()
    {
        var attribute = typeof(Figure).GetCustomAttributes(false).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var type = attribute.GetType();
        Assert.Equal(typeof(FormatterSource), type.GetProperty("FormatterSourceType")!.GetValue(attribute));
        Assert.Equal(["text/html", "text/plain"], (string[])type.GetProperty("PreferredMimeTypes")!.GetValue(attribute)!);
    }

    [Fact]
    public void Formatter_source_has_html_and_text_formatters_for_figures()
    {
        var formatters = new FormatterSource().CreateTypeFormatters().Cast<ConventionFormatter>().Where(f => f.Type == typeof(Figure)).ToList();
        var figure = Sample();
        using var html = new StringWriter();
        Assert.True(formatters.Single(f => f.MimeType == "text/html").Format(figure, html));
        Assert.Contains("class=\"nc-figure\"", html.ToString());
        using var text = new StringWriter();
        Assert.True(formatters.Single(f => f.MimeType == "text/plain").Format(figure, text));
        Assert.Equal(figure.ToString(), text.ToString());
    }
}
