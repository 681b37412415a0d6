namespace NotebookCourse.Export.Tests;

/// <summary>
/// A formula written over several lines of a paragraph is typeset like one on a single line (Markdig alone
/// left it as raw TeX, so authors had to put every formula on one line), while dollar signs that are not
/// math stay text.
/// </summary>
public sealed class MultiLineMathTests
{
    private static (string Html, IReadOnlyList<MathFormula> Formulas) Render(string markdown)
    {
        var math = new MathCollector();
        var html = new MarkdownRenderer(math).Render(markdown, new HashSet<string>(), [], _ => null);
        return (html, math.Formulas);
    }

    [Fact]
    public void Display_formula_spanning_lines_in_a_paragraph_is_one_display_formula()
    {
        // Notebook 07's three perceptrons as first written: one $$…$$ over three lines.
        var (html, formulas) = Render(
            "With the sigmoid $S$:\n\n"
            + "$$y_1 = S\\!\\left([x_1\\ x_2] \\begin{bmatrix} 5 \\\\ 5 \\end{bmatrix} - 8\\right), \\quad\n"
            + "  y_2 = S\\!\\left([x_1\\ x_2] \\begin{bmatrix} -7 \\\\ -7 \\end{bmatrix} + 3\\right), \\quad\n"
            + "  \\bar{y} = S\\!\\left([y_1\\ y_2] \\begin{bmatrix} -11 \\\\ -11 \\end{bmatrix} + 6\\right).$$\n\n"
            + "$y_1$ is AND.");

        Assert.Equal(["S", null, "y_1"], formulas.Select(f => f.Display ? null : f.Tex));
        var display = formulas[1];
        Assert.True(display.Display);
        Assert.StartsWith("y_1 = S", display.Tex);
        Assert.Contains("y_2 = S", display.Tex);
        Assert.Contains('\n', display.Tex);
        Assert.EndsWith("+ 6\\right).", display.Tex);
        Assert.Contains("<span class=\"math math-display\">", html);
        Assert.DoesNotContain("$", html);
    }

    [Fact]
    public void Inline_formula_broken_across_lines_is_one_inline_formula()
    {
        var (html, formulas) = Render("The loss $L = -\\frac{1}{n}\n\\sum_i y_i \\log \\hat{y}_i$ falls, and $w$ moves.");

        Assert.Equal(["L = -\\frac{1}{n}\n\\sum_i y_i \\log \\hat{y}_i", "w"], formulas.Select(f => f.Tex));
        Assert.All(formulas, f => Assert.False(f.Display));
        Assert.Contains("falls, and", html);
        Assert.DoesNotContain("$", html);
    }

    [Fact]
    public void Display_formula_opening_a_line_after_text_of_the_same_paragraph_is_typeset()
    {
        var (html, formulas) = Render("The update is\n$$w \\leftarrow w -\n  \\eta \\nabla L$$\nfor each batch.");

        var formula = Assert.Single(formulas);
        Assert.True(formula.Display);
        Assert.StartsWith("w \\leftarrow w -\n", formula.Tex);
        Assert.EndsWith("\\eta \\nabla L", formula.Tex);
        Assert.Contains("for each batch.", html);
    }

    [Fact]
    public void Escaped_dollar_inside_a_multi_line_formula_does_not_close_it()
    {
        var (_, formulas) = Render("Price $p = 5\\$ +\nq$ in total.");

        Assert.Equal("p = 5\\$ +\nq", Assert.Single(formulas).Tex);
    }

    [Theory]
    [InlineData("It costs $5 on Monday\nand $6 on Tuesday.")] // prices: an opening $ is never followed by a digit
    [InlineData("Between $ signs\nof the text $ there is no math.")] // $ followed by a space does not open $…$
    [InlineData("A formula $a +\nb $ whose closing follows a space.")]
    [InlineData("A formula $a +\nb$c glued to a word.")]
    [InlineData("An unclosed $x +\ny formula.")]
    [InlineData("Pay US$10 or\nwhat$ you like.")] // an opening $ inside a word
    public void Dollar_signs_that_are_not_a_formula_stay_text(string markdown)
    {
        var (html, formulas) = Render(markdown);

        Assert.Empty(formulas);
        Assert.Equal(markdown.Count(c => c == '$'), html.Count(c => c == '$'));
    }

    [Fact]
    public void One_line_formulas_are_still_read_by_markdig()
    {
        var (_, formulas) = Render("Inline $x^2$ and $$\\sum_i x_i$$ and\n\n$$\nE = mc^2\n$$\n");

        Assert.Equal(["x^2", "\\sum_i x_i", "E = mc^2"], formulas.Select(f => f.Tex.TrimEnd()));
        Assert.Equal([false, true, true], formulas.Select(f => f.Display));
    }

    [Fact]
    public void Multi_line_formula_on_an_exported_page_is_typeset_by_katex()
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("notebooks", "multi-line-math"));
        var path = Path.Combine(folder, "07-multi-line-math.ipynb");
        var cells = new System.Text.Json.Nodes.JsonArray(
            Markdown("# Multi-line math"),
            Markdown("$$y_1 = S\\left(5 x_1 + 5 x_2 - 8\\right), \\quad\n  y_2 = S\\left(-7 x_1 - 7 x_2 + 3\\right)$$"));
        var notebook = new System.Text.Json.Nodes.JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["cells"] = cells,
        };
        File.WriteAllText(path, notebook.ToJsonString());

        var report = SiteExporter.Export([path], CourseFixtures.NewFolder(Path.Combine("sites", "multi-line-math")), new ExportOptions());

        Assert.Empty(report.Warnings);
        var html = File.ReadAllText(report.Pages[0]);
        Assert.Contains("class=\"katex-display\"", html);
        Assert.DoesNotContain("$$", html);

        static System.Text.Json.Nodes.JsonObject Markdown(string source) => new()
        {
            ["cell_type"] = "markdown",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["source"] = source,
        };
    }
}
