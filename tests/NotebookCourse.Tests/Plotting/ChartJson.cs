using System.Text.Json;
using Plotly.NET;

namespace NotebookCourse.Tests.Plotting;

/// <summary>Reads a chart back as the JSON plotly.js receives (the format the browser draws).</summary>
internal static class ChartJson
{
    public static JsonElement Of(GenericChart chart) => JsonDocument.Parse(GenericChart.toJson(chart)).RootElement;

    public static JsonElement[] Traces(GenericChart chart) => [.. Of(chart).GetProperty("data").EnumerateArray()];

    public static JsonElement Layout(GenericChart chart) => Of(chart).GetProperty("layout");

    public static double[] Doubles(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static double[][] Matrix(this JsonElement array) => [.. array.EnumerateArray().Select(Doubles)];
}
