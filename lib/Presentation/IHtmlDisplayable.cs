namespace NotebookCourse.Presentation;

/// <summary>
/// A value that shows itself in a notebook: as HTML through <see cref="ToHtml"/>, and as plain text
/// through <see cref="object.ToString"/>. The library's tensors, histories, model summaries, training
/// progress, confusion matrices and figures implement it; <see cref="FormatterSource"/> hands both forms
/// to the notebook, and nothing else in the library needs to know how any of them looks.
/// </summary>
public interface IHtmlDisplayable
{
    /// <summary>The value as an HTML fragment (every piece of text in it escaped).</summary>
    string ToHtml();
}
