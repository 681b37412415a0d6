namespace NotebookCourse.Presentation;

/// <summary>
/// Marks a type whose notebook display comes from <see cref="FormatterSourceType"/>. .NET Interactive
/// (Polyglot Notebooks) and the course runner find this attribute by its name, so the library needs no
/// reference to their packages (the convention of dotnet/interactive docs/formatting.md).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Names the class whose <c>CreateTypeFormatters()</c> returns the formatters.</summary>
    public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;

    /// <summary>The class that creates the formatters (read by name through reflection).</summary>
    public Type FormatterSourceType { get; }

    /// <summary>
    /// The MIME types a notebook formats the marked type as. Both by default: .NET Interactive otherwise
    /// sends only text/html, and an executed notebook should also carry the plain text a console or a
    /// diff can show (measured in the real kernel: it reads this property from the attribute instance).
    /// </summary>
    public string[]? PreferredMimeTypes { get; set; } = ["text/html", "text/plain"];
}
