using System.Text.RegularExpressions;

namespace NotebookCourse.Export.Tests;

/// <summary>How each kind of output reaches the page: preferred MIME type, escaping, charts, repeated styles.</summary>
public sealed partial class OutputRenderingTests
{

    private static CellOutput Rich(string kind, params (string Mime, string Content)[] data)
        => new DisplayOutput(data.ToDictionary(d => d.Mime, d => d.Content), kind == "execute_result" ? 1 : null);

    private static CellOutput Stream(string name, string text) => new StreamOutput(name, text);

    private static NotebookPage Build(params CellOutput[] outputs)
    {
        var cell = NotebookCell.NewCode("x");
        cell.Outputs = outputs;
        cell.ExecutionCount = 1;
        return new PageBuilder(new MathCollector()).Build(Notebook.Create("/course/05-test.ipynb", [cell]));
    }

    [Fact]
    public void Rich_output_prefers_html_over_plain_text()
    {
        var page = Build(Rich("execute_result", ("text/plain", "PLAIN"), ("text/html", "<b>HTML</b>")));

        Assert.Contains("<div class=\"output html\"><b>HTML</b></div>", page.BodyHtml);
        Assert.DoesNotContain("PLAIN", page.BodyHtml);
    }

    [Fact]
    public void Plain_text_result_is_escaped()
    {
        var page = Build(Rich("execute_result", ("text/plain", "<img src=x onerror=alert(1)>")));

        Assert.Contains("<pre class=\"output plain\">&lt;img src=x onerror=alert(1)&gt;</pre>", page.BodyHtml);
    }

    [Fact]
    public void Svg_output_is_shown_as_an_image_so_its_scripts_cannot_run()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        var page = Build(Rich("display_data", ("image/svg+xml", svg)));

        var expected = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        Assert.Contains($"src=\"data:image/svg+xml;base64,{expected}\"", page.BodyHtml);
        Assert.DoesNotContain("<svg", page.BodyHtml);
    }

    [Fact]
    public void Markdown_output_is_rendered_as_markdown()
    {
        var page = Build(Rich("display_data", ("text/markdown", "**Accuracy**: 97%"), ("text/plain", "Accuracy: 97%")));

        Assert.Contains("<strong>Accuracy</strong>: 97%", page.BodyHtml);
    }

    [Fact]
    public void Output_of_an_unknown_type_is_named_not_dropped_silently()
    {
        var page = Build(Rich("display_data", ("application/x-custom<1>", "{}")));

        Assert.Contains("(an output of type application/x-custom&lt;1&gt; is not shown here)", page.BodyHtml);
    }

    [Fact]
    public void Consecutive_stream_outputs_are_joined_and_terminal_colours_removed()
    {
        var page = Build(Stream("stdout", "epoch 1\n"), Stream("stdout", "\u001b[32mepoch 2\u001b[0m\n"), Stream("stderr", "slow\n"));

        Assert.Contains("<pre class=\"output stream stdout\">epoch 1\nepoch 2\n</pre>", page.BodyHtml);
        Assert.Contains("<pre class=\"output stream stderr\">slow\n</pre>", page.BodyHtml);
    }

    [Fact]
    public void Html_in_a_stream_is_never_inserted_as_html()
    {
        var page = Build(Stream("stdout", "<div class=\"output chart\">Plotly.newPlot('x')</div>"));

        Assert.False(page.HasChart);
        Assert.Contains("&lt;div class=&quot;output chart&quot;&gt;", page.BodyHtml);
    }

    [Fact]
    public void Repeated_formatter_style_block_is_kept_once_per_page()
    {
        const string style = "<style>table { border: 1px solid; }</style>";
        var page = Build(Rich("execute_result", ("text/html", "<table></table>" + style)), Rich("execute_result", ("text/html", "<table></table>" + style)));

        Assert.Equal(1, Regex.Count(page.BodyHtml, "<style>"));
    }

    [Fact]
    public void Library_figure_keeps_its_div_and_json_and_loses_its_cdn_loader()
    {
        var figure = new NotebookCourse.Plotting.Figure().Line([1.0, 2.0], [3.0, 4.0], name: "loss").Height(300);
        var page = Build(Rich("execute_result", ("text/html", figure.ToHtml()), ("text/plain", figure.ToString())));

        Assert.True(page.HasChart);
        Assert.False(page.NeedsRequireShim);
        Assert.Empty(page.Warnings);
        Assert.Contains("<div class=\"output chart\"><div class=\"nc-figure\" id=\"nc-fig-", page.BodyHtml);
        Assert.Contains("style=\"width:100%;height:300px\"", page.BodyHtml);
        var json = FigureJson().Match(page.BodyHtml);
        Assert.True(json.Success, page.BodyHtml);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(figure.ToJson()), System.Text.Json.Nodes.JsonNode.Parse(json.Groups[2].Value)));
        Assert.DoesNotContain("nc-figure-loader", page.BodyHtml);
        Assert.DoesNotContain("requirejs", page.BodyHtml);
        Assert.DoesNotContain("https://", page.BodyHtml);
    }

    [Fact]
    public void The_same_figure_shown_twice_gets_two_ids_on_the_page()
    {
        var html = new NotebookCourse.Plotting.Figure().Line([1.0, 2.0], [3.0, 4.0]).ToHtml();
        var page = Build(Rich("display_data", ("text/html", html)), Rich("display_data", ("text/html", html)));

        var ids = FigureDiv().Matches(page.BodyHtml).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);
        Assert.NotEqual(ids[0], ids[1]);
        Assert.Equal(ids, FigureJson().Matches(page.BodyHtml).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Figure_whose_json_is_broken_is_named_in_a_warning_and_on_the_page()
    {
        const string broken = "<div class=\"nc-figure\" id=\"nc-fig-1\" style=\"width:100%;height:420px\"></div>\n"
            + "<script type=\"application/json\" class=\"nc-figure-json\" data-figure=\"nc-fig-1\">{\"data\": [</script>\n"
            + "<script class=\"nc-figure-loader\">draw();</script>\n";
        var page = Build(Rich("display_data", ("text/html", broken)));

        var warning = Assert.Single(page.Warnings);
        Assert.StartsWith("05-test.ipynb: cell 1: figure nc-fig-1 is not a plotly figure", warning);
        Assert.Contains("(this figure could not be shown: its data is not a plotly figure)", page.BodyHtml);
        Assert.DoesNotContain("draw();", page.BodyHtml);
    }

    [Fact]
    public void Figure_json_without_its_div_is_named_in_a_warning()
    {
        const string detached = "<p>no div here</p><script type=\"application/json\" class=\"nc-figure-json\" data-figure=\"nc-fig-2\">{\"data\": []}</script>";
        var page = Build(Rich("display_data", ("text/html", detached)));

        Assert.Equal(["05-test.ipynb: cell 1: 1 figure(s) whose markup is not the library's div + JSON script; they are not drawn"], page.Warnings);
    }

    [Fact]
    public void Figure_json_written_by_hand_with_a_closing_tag_in_a_string_is_escaped_on_the_page()
    {
        // The library writes every '<' as \u003c; a hand-edited figure might not. "<\/" still reads as "</".
        const string html = "<div class=\"nc-figure\" id=\"f\"></div><script type=\"application/json\" class=\"nc-figure-json\" data-figure=\"f\">{\"data\": [], \"layout\": {\"title\": {\"text\": \"<b>bold</b>\"}}}</script>";
        var page = Build(Rich("display_data", ("text/html", html)));

        var json = FigureJson().Match(page.BodyHtml).Groups[2].Value;
        Assert.Equal("{\"data\": [], \"layout\": {\"title\": {\"text\": \"<b>bold<\\/b>\"}}}", json);
        Assert.Equal("<b>bold</b>", System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.Empty(page.Warnings);
    }

    [Fact]
    public void Chart_of_another_library_marks_the_page_as_needing_plotly_js()
    {
        var page = Build(Rich("display_data", ("text/html", CourseFixtures.OtherLibraryChart)));

        Assert.True(page.HasChart);
        Assert.False(page.NeedsRequireShim);
        Assert.Contains("<div class=\"output chart\">", page.BodyHtml);
    }

    [Fact]
    public void Chart_that_loads_plotly_through_require_js_from_a_CDN_is_made_offline()
    {
        // The shape Plotly.NET.Interactive writes: require.js with a CDN path, and a loader for require.js itself.
        const string fragment = """
            <div id="c1"></div><script type="text/javascript">
            var renderPlotly_c1 = function() {
              var fsharpPlotlyRequire = requirejs.config({context:'fsharp-plotly',paths:{plotly:'https://cdn.plot.ly/plotly-2.6.3.min'}}) || require;
              fsharpPlotlyRequire(['plotly'], function(Plotly) { Plotly.newPlot('c1', [], {}, {}); });
            };
            if ((typeof(requirejs) !== typeof(Function)) || (typeof(requirejs.config) !== typeof(Function))) {
              var script = document.createElement("script");
              script.setAttribute("src", "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js");
              script.onload = function(){ renderPlotly_c1(); };
              document.getElementsByTagName("head")[0].appendChild(script);
            } else { renderPlotly_c1(); }
            </script><script src="https://cdn.plot.ly/plotly-2.6.3.min.js"></script>
            """;
        var page = Build(Rich("display_data", ("text/html", fragment)));

        Assert.True(page.HasChart);
        Assert.True(page.NeedsRequireShim);
        Assert.DoesNotContain("https://", page.BodyHtml);
        Assert.DoesNotContain("cdn.", page.BodyHtml);
    }

    [Fact]
    public void Error_outputs_are_listed_as_failed_cells_with_their_exception_name()
    {
        var error = new ErrorOutput("System.DivideByZeroException", "Attempted to divide by zero.", []);

        var page = Build(error, error);

        Assert.Equal(["05-test.ipynb: cell 1 (System.DivideByZeroException)", "05-test.ipynb: cell 1 (System.DivideByZeroException)"], page.FailedCells);
    }

    [GeneratedRegex("<script type=\"application/json\" class=\"nc-figure-json\" data-figure=\"([^\"]+)\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex FigureJson();

    [GeneratedRegex("<div class=\"nc-figure\" id=\"([^\"]+)\"")]
    private static partial Regex FigureDiv();
}
