using NotebookCourse.Runner.Tests.FixtureLibrary;

namespace NotebookCourse.Runner.Tests;

/// <summary>Libraries' convention-based formatter sources (an attribute found by name) are honoured.</summary>
public sealed class FormatterSourceTests
{
    [Fact]
    public void Convention_formatter_source_formats_each_mime_type()
    {
        var data = ValueFormatter.Format(new Temperature(21.5));
        Assert.Equal("<b class=\"temperature\">21.5 °C</b>", data["text/html"]);
        Assert.Equal("21.5 degrees Celsius", data["text/plain"]);
    }

    [Fact]
    public async Task Notebook_referencing_a_library_by_relative_path_shows_its_formatter_output()
    {
        var result = await NotebookRunner.RunAsync(Fixture.PathOf("relative-reference.ipynb"), new RunOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Failures));
        var outputs = result.Notebook.Cells[1].Json["outputs"]!.AsArray();
        var html = string.Concat(outputs[0]!["data"]!["text/html"]!.AsArray().Select(l => (string)l!));
        Assert.Equal("<b class=\"temperature\">21.5 °C</b>", html);
    }
}
