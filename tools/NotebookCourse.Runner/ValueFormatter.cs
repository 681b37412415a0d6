using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace NotebookCourse.Runner;

/// <summary>
/// Turns a value into a MIME bundle the way .NET Interactive does: Microsoft.DotNet.Interactive.Formatting
/// for defaults (text HTML-escaped, collections as tables) and for libraries' convention-based formatter
/// sources (an attribute named TypeFormatterSourceAttribute, which the package finds by name), plus
/// Plotly.NET charts as a div + script fragment and DataFrames as tables.
/// </summary>
public static class ValueFormatter
{
    /// <summary>The MIME types a value is formatted as when none are asked for.</summary>
    public static IReadOnlyList<string> DefaultMimeTypes { get; } = ["text/plain", "text/html"];

    /// <summary>Formats <paramref name="value"/> once per MIME type (the defaults when none are given).</summary>
    public static IReadOnlyDictionary<string, string> Format(object? value, params string[]? mimeTypes)
    {
        var types = mimeTypes is { Length: > 0 } ? mimeTypes : DefaultMimeTypes;
        var data = new Dictionary<string, string>(types.Count);
        foreach (var mimeType in types)
        {
            data[mimeType] = FormatAs(value, mimeType).ReplaceLineEndings("\n");
        }
        return data;
    }

    /// <summary>Formats <paramref name="value"/> as one MIME type.</summary>
    public static string FormatAs(object? value, string mimeType)
    {
        if (value is GenericChart chart)
        {
            return mimeType == "text/html" ? GenericChart.toChartHTML(chart) : "Plotly.NET chart (see the text/html output)";
        }
        if (value is Microsoft.Data.Analysis.DataFrame frame)
        {
            return mimeType == "text/html" ? DataFrameFormatter.ToHtml(frame) : frame.ToString();
        }
        return Formatter.ToDisplayString(value, mimeType);
    }
}
