using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Ipynb;

/// <summary>Small readers for nbformat JSON that say what they expected.</summary>
internal static class Json
{
    public static JsonNode Require(JsonObject owner, string property, Func<string, Exception> fail)
        => owner.TryGetPropertyValue(property, out var value) && value is not null
            ? value
            : throw fail($"expected property \"{property}\"");

    public static string RequireString(JsonObject owner, string property, Func<string, Exception> fail)
        => Text(Require(owner, property, fail))
            ?? throw fail($"expected \"{property}\" to be a string, found {Describe(owner[property])}");

    /// <summary>The string value of <paramref name="node"/>, or null when it is not a string.</summary>
    public static string? Text(JsonNode? node)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>nbformat multi-line text: one string, or a list of strings to concatenate.</summary>
    public static string MultilineText(JsonNode? node, string where, Func<string, Exception> fail)
    {
        if (Text(node) is { } text)
        {
            return text;
        }
        if (node is JsonArray lines)
        {
            var joined = new StringBuilder();
            foreach (var line in lines)
            {
                joined.Append(Text(line) ?? throw fail($"{where}: expected a list of strings, found an element that is {Describe(line)}"));
            }
            return joined.ToString();
        }
        throw fail($"{where}: expected a string or a list of strings, found {Describe(node)}");
    }

    /// <summary>True when <paramref name="node"/> is a string or a list of strings.</summary>
    public static bool IsMultilineText(JsonNode? node)
        => Text(node) is not null || (node is JsonArray lines && lines.All(l => Text(l) is not null));

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "an unknown value",
    };
}
