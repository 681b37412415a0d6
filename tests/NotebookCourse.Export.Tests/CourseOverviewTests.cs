using System.Text.Json.Nodes;

namespace NotebookCourse.Export.Tests;

/// <summary>The course index's text comes from notebooks/README.md and each notebook's title block.</summary>
public class CourseOverviewTests
{
    private static string RepositoryFile(params string[] parts) => NotebookCourse.Testing.RepositoryFolder.Combine(parts);

    [Fact]
    public void Introduction_is_the_about_section_of_the_course_readme_up_to_the_next_section()
    {
        var readme = File.ReadAllText(RepositoryFile("notebooks", "README.md"));
        var intro = CourseOverview.Introduction(readme);
        Assert.NotNull(intro);
        Assert.Contains("**Who it is for.**", intro);
        Assert.Contains("**How to use it in class.**", intro);
        Assert.DoesNotContain("## 1.", intro);
        Assert.DoesNotContain(CourseOverview.AboutHeading, intro);
    }

    [Fact]
    public void Introduction_is_null_without_an_about_section_and_ignores_headings_in_code_fences()
    {
        Assert.Null(CourseOverview.Introduction("# Title\n\n## Other\ntext\n"));
        var intro = CourseOverview.Introduction("## About the course\r\nFirst.\r\n```\n## not a heading\n```\nLast.\n## Next\nafter");
        Assert.Equal("First.\n```\n## not a heading\n```\nLast.", intro);
    }

    [Fact]
    public void Title_block_gives_title_goals_prerequisites_and_time()
    {
        var block = """
            # 07 · XOR and the MLP

            **What you will learn**

            - why one perceptron cannot separate XOR;
            - how a hidden layer does it, with the weights
              written out by hand.

            **Prerequisites:** notebooks 00–03
            (autograd, softmax).

            **Estimated time:** 60 minutes in class, plus 20 minutes for the exercises.
            """;
        var overview = CourseOverview.FromTitleBlock(block);
        Assert.NotNull(overview);
        Assert.Equal("07 · XOR and the MLP", overview.Title);
        Assert.Equal("- why one perceptron cannot separate XOR;\n- how a hidden layer does it, with the weights\n  written out by hand.", overview.GoalsMarkdown);
        Assert.Equal("notebooks 00–03 (autograd, softmax).", overview.Prerequisites);
        Assert.Equal("60 minutes in class, plus 20 minutes for the exercises.", overview.EstimatedTime);
    }

    [Fact]
    public void A_first_cell_without_the_standard_labels_gives_no_overview()
    {
        Assert.Null(CourseOverview.FromTitleBlock("# Basics\n\nSome text."));
        Assert.Null(CourseOverview.FromTitleBlock("**What you will learn**\n\n- no title\n"));
    }

    [Fact]
    public void Every_course_notebook_has_a_title_block_the_index_can_read()
    {
        foreach (var path in Directory.GetFiles(RepositoryFile("notebooks"), "*.ipynb"))
        {
            var cells = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
            var first = string.Concat(cells[0]!["source"]!.AsArray().Select(l => (string?)l));
            var overview = CourseOverview.FromTitleBlock(first);
            Assert.True(overview is not null, $"{Path.GetFileName(path)}: the first cell is not a title block the index can read");
            Assert.StartsWith(Path.GetFileName(path)[..2] + " · ", overview.Title);
            Assert.StartsWith("- ", overview.GoalsMarkdown);
            Assert.NotNull(overview.Prerequisites);
            Assert.Contains("minutes", overview.EstimatedTime);
        }
    }

    [Fact]
    public void Index_introduces_the_course_and_each_notebook_with_its_goals_time_and_prerequisites()
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("notebooks", "overview"));
        var notebook = Path.Combine(folder, "07-xor.ipynb");
        var titleBlock = "# 07 · XOR and the MLP\n\n**What you will learn**\n\n- why one perceptron cannot separate XOR;\n"
            + "- the sigmoid $\\sigma(z)$ of a hidden layer.\n\n**Prerequisites:** notebooks 00–03.\n\n"
            + "**Estimated time:** 60 minutes in class, plus 20 minutes for the exercises.\n";
        var json = new JsonObject
        {
            ["cells"] = new JsonArray(
                new JsonObject { ["cell_type"] = "markdown", ["id"] = "a1", ["metadata"] = new JsonObject(), ["source"] = titleBlock },
                new JsonObject { ["cell_type"] = "markdown", ["id"] = "a2", ["metadata"] = new JsonObject(), ["source"] = "## The truth table\n\nXOR." }),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(notebook, json.ToJsonString());
        var site = CourseFixtures.NewFolder(Path.Combine("sites", "overview"));
        var intro = "NotebookCourse teaches classification.\n\n**Who it is for.** Students who know a little C#.\n\n**How to use it in class.** Run it cell by cell.";

        var report = SiteExporter.Export([notebook, CourseFixtures.File("01-basics.ipynb")], site, new ExportOptions { Introduction = intro });

        var html = File.ReadAllText(report.IndexPage);
        Assert.Contains("<section class=\"course-intro\">\n<p>NotebookCourse teaches classification.</p>", html);
        Assert.Contains("<strong>Who it is for.</strong> Students who know a little C#.", html);
        Assert.Contains("<span><strong>Estimated time:</strong> 60 minutes in class, plus 20 minutes for the exercises.</span>", html);
        Assert.Contains("<span><strong>Prerequisites:</strong> notebooks 00–03.</span>", html);
        Assert.Contains("<li>why one perceptron cannot separate XOR;</li>", html);
        Assert.Contains("<details class=\"notebook-sections\"><summary>Sections</summary>", html);
        Assert.Contains("href=\"07-xor.html#the-truth-table\"", html);
        Assert.DoesNotContain("$", html);   // the formula in the goals was typeset
        // A notebook without a title block is listed by its title and sections only.
        var basics = html[html.IndexOf("01-basics.html", StringComparison.Ordinal)..];
        Assert.DoesNotContain("notebook-overview", basics);
    }

    [Fact]
    public void Index_without_an_introduction_is_the_list_of_notebooks()
    {
        var site = CourseFixtures.NewFolder(Path.Combine("sites", "no-intro"));
        var report = SiteExporter.Export([CourseFixtures.File("01-basics.ipynb")], site, new ExportOptions());
        var html = File.ReadAllText(report.IndexPage);
        Assert.DoesNotContain("course-intro", html);
        Assert.Contains("<ol class=\"toc\">", html);
    }
}
