using NotebookCourse.Export;
using NotebookCourse.Testing;
using Xunit.Abstractions;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// The executed notebooks exported to HTML and opened in headless Chromium with the network blocked and no
/// Korean system font: at 1280 and 390 px every chart draws and fits its column, every formula is typeset,
/// all Hangul is drawn with the bundled font, nothing is wider than the screen, and nothing raises an error;
/// printed to PDF, no chart or code block is cut or split across pages. Screenshots (each page at both
/// widths) and the PDFs are kept under artifacts/ in the test output.
/// </summary>
public sealed class ExportedPageTests(ITestOutputHelper output)
{
    // The charts each notebook shows (Figures as trailing values).
    private static readonly Dictionary<string, int> ExpectedCharts = new()
    {
        ["00-getting-started"] = 2,
        ["01-logistic-regression"] = 10,
        ["02-softmax-and-cross-entropy"] = 2,
        ["03-softmax-classifier-from-scratch"] = 5,
        ["04-training-pitfalls"] = 5,
        ["05-mnist-softmax-regression"] = 8,
        ["06-saving-and-restoring-models"] = 2,
        ["07-xor-and-the-multilayer-perceptron"] = 5,
        ["08-backpropagation-by-hand"] = 3,
        ["09-vanishing-gradients-activations-initialisation-dropout"] = 7,
        ["10-multiclass-classification-iris"] = 4,
        ["11-frameworks-and-autograd"] = 2,
    };

    [BrowserFact]
    public async Task Exported_pages_draw_every_chart_render_the_math_fit_a_phone_print_cleanly_and_raise_no_errors()
    {
        using var temp = new TempFolder("nbcourse-notebook-tests-"); // the pages' screenshots and PDFs stay in artifacts/
        var folder = temp.Path;
        var executed = new List<string>();
        foreach (var notebook in TestRuns.All())
        {
            notebook.AssertNoFailedCell();
            var path = Path.Combine(folder, notebook.FileName);
            notebook.SaveTo(path);
            executed.Add(path);
        }
        var report = SiteExporter.Export(executed, Path.Combine(folder, "site"), new ExportOptions { Introduction = CourseIntroduction() });
        Assert.Empty(report.FailedCells);

        await using var browser = await BrowserPageCheck.LaunchAsync();
        var artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");
        var screenshots = Path.Combine(artifacts, "screenshots", "course");
        var problems = new List<string>();
        foreach (var page in report.Pages.Append(report.IndexPage))
        {
            var name = Path.GetFileNameWithoutExtension(page);
            foreach (var result in await browser.CheckAtEveryWidthAsync(page, screenshots))
            {
                Assert.True(File.Exists(result.Screenshot), $"no screenshot kept for {page} at {result.ViewportWidth} px");
                output.WriteLine(result.ToString());
                problems.AddRange(result.Problems.Select(p => $"{name}.html: {p}"));
                if (page == report.IndexPage)
                {
                    Assert.True(result.KatexElements > 0, "index: the notebooks' goals hold formulas that were not typeset");
                    continue; // the index has no charts of its own
                }

                Assert.True(ExpectedCharts.TryGetValue(name, out var charts), $"unexpected page {name}");
                Assert.Equal(charts, result.ChartsWithSvg);
                Assert.True(result.KatexElements > 0, $"{name}: no formula was typeset");
                // Every notebook ends with an English/한국어 glossary.
                Assert.True(result.HangulElements > 0, $"{name}: no Hangul on the page");
            }

            if (page == report.IndexPage)
            {
                AssertIndexIntroducesTheCourse(File.ReadAllText(page));
                continue;
            }

            var printed = await browser.PrintAsync(page, Path.Combine(artifacts, "pdf", "course", name + ".pdf"));
            output.WriteLine(printed.ToString());
            problems.AddRange(printed.Problems.Select(p => $"{name}.html printed: {p}"));
            Assert.Equal(ExpectedCharts[name], printed.Blocks.Count(b => b.Kind == "chart"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // The course introduction from notebooks/README.md ("About the course"), as the exporter's caller passes it.
    private static string? CourseIntroduction()
        => CourseOverview.Introduction(File.ReadAllText(Path.Combine(CourseNotebook.NotebooksFolder, "README.md")));

    // The index says who the course is for and how to use it in class, then each notebook's goals and time,
    // all taken from notebooks/README.md and the notebooks' title blocks.
    private static void AssertIndexIntroducesTheCourse(string html)
    {
        Assert.Contains("<section class=\"course-intro\">", html);
        Assert.Contains("Who it is for.", html);
        Assert.Contains("How to use it in class.", html);
        foreach (var fileName in CourseStandard.NotebookFileNames)
        {
            var block = CourseOverview.FromTitleBlock(CourseStandard.LoadNotebook(fileName).Cells[0].Source);
            Assert.NotNull(block);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(block.EstimatedTime!), html);
            var firstGoal = block.GoalsMarkdown.Split('\n')[0][2..];
            var plainStart = new string(firstGoal.TakeWhile(c => c is not ('*' or '$' or '`')).ToArray());
            Assert.Contains(System.Net.WebUtility.HtmlEncode(plainStart), html);
        }
        Assert.Equal(CourseStandard.NotebookFileNames.Count, System.Text.RegularExpressions.Regex.Matches(html, "<p class=\"notebook-goals\">What you will learn</p>").Count);
    }
}
