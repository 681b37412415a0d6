using NotebookCourse.Metrics;
using NotebookCourse.Plotting;
using NotebookCourse.Training;

namespace NotebookCourse.Display;

/// <summary>
/// The formatter source named by <see cref="TypeFormatterSourceAttribute"/> on the library's displayable
/// types: HTML for notebooks and plain text for consoles. Each formatter says which type it handles.
/// </summary>
internal sealed class FormatterSource
{
    /// <summary>Creates one HTML and one plain-text formatter per displayable type.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new ConventionFormatter(typeof(Tensor), HtmlMime, v => HtmlView.Tensor((Tensor)v));
        yield return new ConventionFormatter(typeof(Tensor), TextMime, v => v.ToString() ?? "");
        yield return new ConventionFormatter(typeof(History), HtmlMime, v => HtmlView.History((History)v));
        yield return new ConventionFormatter(typeof(History), TextMime, v => v.ToString() ?? "");
        yield return new ConventionFormatter(typeof(ConfusionMatrix), HtmlMime, v => HtmlView.ConfusionMatrix((ConfusionMatrix)v));
        yield return new ConventionFormatter(typeof(ConfusionMatrix), TextMime, v => v.ToString() ?? "");
        yield return new ConventionFormatter(typeof(ModelSummary), HtmlMime, v => HtmlView.ModelSummary((ModelSummary)v));
        yield return new ConventionFormatter(typeof(ModelSummary), TextMime, v => v.ToString() ?? "");
        yield return new ConventionFormatter(typeof(TrainingProgress), HtmlMime, v => HtmlView.TrainingProgress((TrainingProgress)v));
        yield return new ConventionFormatter(typeof(TrainingProgress), TextMime, v => v.ToString() ?? "");
        yield return new ConventionFormatter(typeof(Figure), HtmlMime, v => ((Figure)v).ToHtml());
        yield return new ConventionFormatter(typeof(Figure), TextMime, v => v.ToString() ?? "");
    }

    private const string HtmlMime = "text/html";
    private const string TextMime = "text/plain";
}
