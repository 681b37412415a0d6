namespace NotebookCourse.Runner.Tests.FixtureLibrary;

/// <summary>
/// A library type that offers notebook formatting by convention only (dotnet/interactive docs/formatting.md):
/// its own TypeFormatterSourceAttribute, no reference to the Formatting package.
/// </summary>
[TypeFormatterSource(typeof(TemperatureFormatterSource))]
public sealed class Temperature(double celsius)
{
    /// <summary>Degrees Celsius.</summary>
    public double Celsius { get; } = celsius;
}

/// <summary>Recognized by name, as .NET Interactive does; declared here, internal.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[]? PreferredMimeTypes { get; set; } = ["text/html", "text/plain"];
}

/// <summary>The formatter source the attribute points at.</summary>
internal sealed class TemperatureFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new TemperatureFormatter { MimeType = "text/html" };
        yield return new TemperatureFormatter { MimeType = "text/plain" };
    }
}

/// <summary>Formats a <see cref="Temperature"/> by MIME type.</summary>
internal sealed class TemperatureFormatter
{
    public string MimeType { get; set; } = "";

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not Temperature t)
        {
            return false;
        }
        var text = t.Celsius.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        writer.Write(MimeType == "text/html" ? $"<b class=\"temperature\">{text} °C</b>" : $"{text} degrees Celsius");
        return true;
    }
}
