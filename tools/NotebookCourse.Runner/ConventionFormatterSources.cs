using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace NotebookCourse.Runner;

/// <summary>
/// Honours the convention of dotnet/interactive docs/formatting.md: a library marks a type with its own
/// attribute named <c>TypeFormatterSourceAttribute</c> whose <c>FormatterSourceType</c> has a
/// <c>CreateTypeFormatters()</c> method; each returned object has a <c>MimeType</c> and a
/// <c>bool Format(object, TextWriter)</c> (and optionally a <c>Type</c>). Found by name, no package needed.
/// </summary>
internal static class ConventionFormatterSources
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ConventionFormatter>> Cache = new();

    /// <summary>Formats <paramref name="value"/> with a convention formatter for <paramref name="mimeType"/>, if its type declares one.</summary>
    public static bool TryFormat(object value, string mimeType, out string text)
    {
        foreach (var formatter in Cache.GetOrAdd(value.GetType(), FindFormatters))
        {
            if (formatter.MimeType == mimeType && formatter.AppliesTo(value))
            {
                using var writer = new StringWriter();
                if (formatter.Format(value, writer))
                {
                    text = writer.ToString();
                    return true;
                }
            }
        }
        text = "";
        return false;
    }

    private static IReadOnlyList<ConventionFormatter> FindFormatters(Type type)
    {
        var found = new List<ConventionFormatter>();
        for (var t = type; t is not null; t = t.BaseType)
        {
            foreach (var attribute in t.GetCustomAttributes(inherit: false))
            {
                var attributeType = attribute.GetType();
                // The Formatting package's own attribute is handled by the package itself.
                if (attributeType.Name != "TypeFormatterSourceAttribute"
                    || attributeType.Assembly == typeof(Microsoft.DotNet.Interactive.Formatting.Formatter).Assembly)
                {
                    continue;
                }
                if (attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType)
                {
                    continue;
                }
                found.AddRange(CreateFormatters(sourceType, t));
            }
        }
        return found;
    }

    private static IEnumerable<ConventionFormatter> CreateFormatters(Type sourceType, Type annotatedType)
    {
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var source = Activator.CreateInstance(sourceType, nonPublic: true);
        if (sourceType.GetMethod("CreateTypeFormatters", Any, Type.EmptyTypes)?.Invoke(source, null) is not IEnumerable formatters)
        {
            yield break;
        }
        foreach (var formatter in formatters)
        {
            if (formatter is null)
            {
                continue;
            }
            var formatterType = formatter.GetType();
            var mimeType = formatterType.GetProperty("MimeType", Any)?.GetValue(formatter) as string;
            var format = formatterType.GetMethod("Format", Any, [typeof(object), typeof(TextWriter)]);
            if (mimeType is null || format is null || format.ReturnType != typeof(bool))
            {
                continue;
            }
            var forType = formatterType.GetProperty("Type", Any)?.GetValue(formatter) as Type ?? annotatedType;
            yield return new ConventionFormatter(mimeType, forType, formatter, format);
        }
    }

    private sealed record ConventionFormatter(string MimeType, Type ForType, object Instance, MethodInfo FormatMethod)
    {
        public bool AppliesTo(object value) => ForType.IsInstanceOfType(value);

        public bool Format(object value, TextWriter writer)
            => FormatMethod.Invoke(Instance, [value, writer]) is true;
    }
}
