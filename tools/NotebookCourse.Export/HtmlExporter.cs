namespace NotebookCourse.Export;

/// <summary>Writes executed notebooks as HTML pages.</summary>
public static class HtmlExporter
{
}
