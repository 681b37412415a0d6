using System.Text;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Export;

/// <summary>How <see cref="SiteExporter"/> writes the site.</summary>
/// <param name="SelfContained">Write each page as one file with every script, style and font inlined.</param>
/// <param name="Title">The course title shown on the index page.</param>
public sealed record ExportOptions(bool SelfContained = false, string Title = "NotebookCourse")
{
    /// <summary>The Node.js executable that runs KaTeX; null means $NBCOURSE_NODE, else "node" on PATH.</summary>
    public string? NodePath { get; init; }

    /// <summary>
    /// Markdown that introduces the course at the top of the index (who it is for, how to use it in class),
    /// usually <see cref="CourseOverview.Introduction"/> of notebooks/README.md; null for none.
    /// </summary>
    public string? Introduction { get; init; }
}

/// <summary>What an export wrote, and which cells failed.</summary>
/// <param name="IndexPage">Path of the table of contents.</param>
/// <param name="Pages">Path of each notebook's page, in course order.</param>
/// <param name="FailedCells">"NN-slug.ipynb: cell N (ename)" for every error output; N counts all cells from 1.</param>
public sealed record ExportReport(string IndexPage, IReadOnlyList<string> Pages, IReadOnlyList<string> FailedCells)
{
    /// <summary>Problems that did not stop the export, e.g. a formula KaTeX could not parse ("NN-slug.ipynb: cell N: math …") or a figure whose data could not be read.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>Turns executed notebooks (.ipynb with outputs) into an HTML site that works offline.</summary>
public static class SiteExporter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes one page per notebook plus an index into <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="NotebookFormatException">A notebook is not JSON or not nbformat 4 (the message names the file).</exception>
    /// <exception cref="ArgumentException">Two notebooks would write the same page.</exception>
    public static ExportReport Export(IReadOnlyList<string> executedNotebooks, string outputDirectory, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(executedNotebooks);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        ArgumentNullException.ThrowIfNull(options);

        var notebooks = executedNotebooks.Select(Notebook.Load).ToList();
        var clash = notebooks.GroupBy(n => n.FileName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new ArgumentException(
                $"Two notebooks would both be exported as {Path.ChangeExtension(clash.Key, ".html")}: {string.Join(" and ", clash.Select(n => n.FilePath))}",
                nameof(executedNotebooks));
        }

        if (notebooks.FirstOrDefault(n => Path.ChangeExtension(n.FileName, ".html").Equals(SiteLayout.IndexFileName, StringComparison.OrdinalIgnoreCase)) is { } index)
        {
            throw new ArgumentException(
                $"{index.FilePath} would be exported as {SiteLayout.IndexFileName}, which is the table of contents: rename the notebook (e.g. NN-slug.ipynb)",
                nameof(executedNotebooks));
        }

        var math = new MathCollector();
        var builder = new PageBuilder(math);
        var pages = notebooks.Select(builder.Build).ToList();
        math.Location = SiteLayout.IndexFileName;
        var introduction = string.IsNullOrWhiteSpace(options.Introduction) ? null : builder.RenderMarkdown(options.Introduction);
        var indexBody = SiteLayout.IndexBody(options.Title, introduction, pages);

        // Every formula of the whole site in one KaTeX run, before the pages are put together: a page's
        // fonts follow from its finished text (a Korean word in \text{} included).
        var (rendered, warnings) = KatexRenderer.RenderAll(math.Formulas, options.NodePath);

        var assets = new SiteAssets(options.SelfContained);
        var documents = new List<(string FileName, string Html)>();
        var anyMath = false;
        var koreanCharacters = new SortedSet<int>();
        void AddDocument(string fileName, string title, string navigation, string body, bool chart, bool requireShim)
        {
            var hasMath = math.HasMath(body) || math.HasMath(navigation);
            anyMath |= hasMath;
            navigation = math.Fill(navigation, rendered);
            body = math.Fill(body, rendered);
            var korean = KoreanFont.CharactersIn(title + options.Title + navigation + body);
            koreanCharacters.UnionWith(korean);
            var head = assets.Head(hasMath, chart, requireShim, KoreanFont.FacesFor(korean));
            documents.Add((fileName, SiteLayout.Document(title, options.Title, head, navigation, body)));
        }

        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var navigation = SiteLayout.Navigation(
                i > 0 ? (pages[i - 1].FileName, pages[i - 1].TitleHtml) : (SiteLayout.IndexFileName, "Contents"),
                i + 1 < pages.Count ? (pages[i + 1].FileName, pages[i + 1].TitleHtml) : null);
            AddDocument(page.FileName, $"{page.Title} · {options.Title}", navigation, page.BodyHtml, page.HasChart, page.NeedsRequireShim);
        }

        var indexNavigation = SiteLayout.Navigation(null, pages.Count > 0 ? (pages[0].FileName, pages[0].TitleHtml) : null);
        AddDocument(SiteLayout.IndexFileName, options.Title, indexNavigation, indexBody, chart: false, requireShim: false);

        Directory.CreateDirectory(outputDirectory);
        assets.WriteLinkedFiles(outputDirectory, anyMath, pages.Any(p => p.HasChart), KoreanFont.FacesFor(koreanCharacters));
        foreach (var (fileName, html) in documents)
        {
            File.WriteAllText(Path.Combine(outputDirectory, fileName), html, Utf8);
        }

        return new ExportReport(
            Path.GetFullPath(Path.Combine(outputDirectory, SiteLayout.IndexFileName)),
            pages.Select(p => Path.GetFullPath(Path.Combine(outputDirectory, p.FileName))).ToList(),
            pages.SelectMany(p => p.FailedCells).ToList())
        {
            Warnings = [.. pages.SelectMany(p => p.Warnings), .. warnings],
        };
    }
}
