using System.Text.Json;
using NotebookCourse.Plotting;

namespace NotebookCourse.Tests.Plotting;

/// <summary>Reads a figure back as the JSON plotly.js receives (what the browser draws).</summary>
internal static class ChartJson
{
    public static JsonElement Of(Figure figure) => JsonDocument.Parse(figure.ToJson()).RootElement;

    public static JsonElement[] Traces(Figure figure) => [.. Of(figure).GetProperty("data").EnumerateArray()];

    public static JsonElement Layout(Figure figure) => Of(figure).GetProperty("layout");

    public static string? AxisTitle(this JsonElement layout, string axis)
        => layout.GetProperty(axis).TryGetProperty("title", out var title) ? title.GetProperty("text").GetString() : null;

    public static string Name(this JsonElement trace) => trace.GetProperty("name").GetString()!;

    /// <summary>The trace's one colour: its line's, else its markers'.</summary>
    public static string Color(this JsonElement trace)
        => (trace.TryGetProperty("line", out var line) ? line : trace.GetProperty("marker")).GetProperty("color").GetString()!;

    public static double[] Doubles(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static double[][] Matrix(this JsonElement array) => [.. array.EnumerateArray().Select(Doubles)];

    /// <summary>The texts of the layout's annotations.</summary>
    public static string[] NoteTexts(this JsonElement layout)
        => layout.TryGetProperty("annotations", out var notes) ? [.. notes.EnumerateArray().Select(n => n.GetProperty("text").GetString()!)] : [];
}
