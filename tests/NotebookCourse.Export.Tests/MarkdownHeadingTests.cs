namespace NotebookCourse.Export.Tests;

/// <summary>Headings keep all of their text, math included, for the page and the table of contents.</summary>
public sealed class MarkdownHeadingTests
{
    [Fact]
    public void Heading_with_braces_in_its_math_keeps_the_whole_formula()
    {
        var math = new MathCollector();
        var headings = new List<Heading>();
        var html = new MarkdownRenderer(math).Render("## The gradient is $\\hat{y} - y$ here", new HashSet<string>(), headings, _ => null);

        var heading = Assert.Single(headings);
        Assert.Equal("The gradient is \\hat{y} - y here", heading.Text);
        Assert.All(math.Formulas, f => Assert.Equal("\\hat{y} - y", f.Tex)); // the page and its table-of-contents entry
        Assert.DoesNotContain("y=\"\"", html);
        Assert.Contains("here</h2>", html);
    }
}
