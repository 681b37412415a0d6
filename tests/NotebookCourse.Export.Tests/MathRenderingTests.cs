namespace NotebookCourse.Export.Tests;

/// <summary>Formulas KaTeX rejects, and a missing Node.js, give clear messages instead of broken pages or crashes.</summary>
public sealed class MathRenderingTests
{
    private static string Notebook(string name, string markdown)
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("notebooks", name));
        var path = Path.Combine(folder, $"09-{name}.ipynb");
        var cell = new System.Text.Json.Nodes.JsonObject
        {
            ["cell_type"] = "markdown",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["source"] = markdown,
        };
        var notebook = new System.Text.Json.Nodes.JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["cells"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["cell_type"] = "markdown", ["metadata"] = new System.Text.Json.Nodes.JsonObject(), ["source"] = "# Math" }, cell),
        };
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    [Fact]
    public void Formula_katex_rejects_becomes_a_warning_naming_notebook_and_cell()
    {
        var path = Notebook("bad-math", "A broken formula $\\notacommand{x}$ and a good one $x^2$.");
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "bad-math"));

        var report = SiteExporter.Export([path], folder, new ExportOptions());

        var warning = Assert.Single(report.Warnings);
        Assert.StartsWith("09-bad-math.ipynb: cell 2: math $\\notacommand{x}$:", warning);
        var html = File.ReadAllText(report.Pages[0]);
        Assert.Contains("<span class=\"math-error\" title=\"KaTeX parse error: Undefined control sequence: \\notacommand", html);
        Assert.Contains("class=\"katex\"", html);
    }

    [Fact]
    public void Missing_node_is_reported_as_needed_for_math()
    {
        var path = Notebook("no-node", "Needs KaTeX: $x$.");
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "no-node"));

        var error = Assert.Throws<InvalidOperationException>(() =>
            SiteExporter.Export([path], folder, new ExportOptions { NodePath = "/nonexistent/node" }));

        Assert.Contains("Rendering math needs Node.js", error.Message);
        Assert.Contains("/nonexistent/node", error.Message);
    }
}
