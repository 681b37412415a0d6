namespace NotebookCourse.Presentation;

/// <summary>
/// The one formatter source of the library, named by <see cref="TypeFormatterSourceAttribute"/> on each
/// displayable type: for every library type that implements <see cref="IHtmlDisplayable"/>, an HTML
/// formatter (its <see cref="IHtmlDisplayable.ToHtml"/>) and a plain-text one (its ToString).
/// </summary>
/// <remarks>The types are found by the contract they implement, so this file names none of them.</remarks>
internal sealed class FormatterSource
{
    private const string HtmlMime = "text/html";
    private const string TextMime = "text/plain";

    /// <summary>The library's displayable types: public classes implementing <see cref="IHtmlDisplayable"/>.</summary>
    internal static IReadOnlyList<Type> DisplayableTypes { get; } = [.. typeof(FormatterSource).Assembly.GetTypes()
        .Where(t => t.IsPublic && t.IsClass && !t.IsAbstract && typeof(IHtmlDisplayable).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>Creates one HTML and one plain-text formatter per displayable type.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        foreach (var type in DisplayableTypes)
        {
            yield return new ConventionFormatter(type, HtmlMime, v => ((IHtmlDisplayable)v).ToHtml());
            yield return new ConventionFormatter(type, TextMime, v => v.ToString() ?? "");
        }
    }
}
