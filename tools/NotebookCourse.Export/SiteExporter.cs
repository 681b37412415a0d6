namespace NotebookCourse.Export;

/// <summary>How <see cref="SiteExporter"/> writes the site.</summary>
/// <param name="SelfContained">Write each page as one file with every script, style and font inlined.</param>
/// <param name="Title">The course title shown on the index page.</param>
public sealed record ExportOptions(bool SelfContained = false, string Title = "NotebookCourse");

/// <summary>What an export wrote, and which cells failed.</summary>
/// <param name="IndexPage">Path of the table of contents.</param>
/// <param name="Pages">Path of each notebook's page, in course order.</param>
/// <param name="FailedCells">"notebook: cell N" for every cell whose output is an error.</param>
public sealed record ExportReport(string IndexPage, IReadOnlyList<string> Pages, IReadOnlyList<string> FailedCells);

/// <summary>Turns executed notebooks (.ipynb with outputs) into an HTML site that works offline.</summary>
public static class SiteExporter
{
    /// <summary>Writes one page per notebook plus an index into <paramref name="outputDirectory"/>.</summary>
    public static ExportReport Export(IReadOnlyList<string> executedNotebooks, string outputDirectory, ExportOptions options)
        => throw new NotImplementedException("the exporter is being written");
}
