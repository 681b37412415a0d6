using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookCourse.Plotting;

/// <summary>
/// How a <see cref="Figure"/> becomes the JSON plotly.js reads: property names lower-cased (plotly's
/// attribute names), unset properties left out, and NaN or infinite numbers written as null, which
/// plotly.js draws as a gap (JSON has no NaN).
/// </summary>
internal static class FigureJson
{
    /// <summary>The serializer settings for figures.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = new LowerCase(),
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Keeps "w²", "ŷ" and Korean readable in the JSON; ToHtml escapes '<' itself.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FiniteOrNull() },
    };

    /// <summary>ShowLegend → showlegend: plotly's attribute names are lower case without separators.</summary>
    private sealed class LowerCase : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }

    /// <summary>Writes NaN and ±∞ as null (a gap in a line) instead of failing.</summary>
    private sealed class FiniteOrNull : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }

        public override bool HandleNull => true;
    }
}

/// <summary>The JSON object plotly.js draws: <c>{"data": [traces], "layout": {...}}</c>.</summary>
internal sealed record FigureData(IReadOnlyList<Trace> Data, Layout Layout);
