namespace NotebookCourse.Presentation;

/// <summary>
/// One formatter in the shape the notebook convention expects: a <see cref="MimeType"/>, the
/// <see cref="Type"/> it formats and <c>bool Format(object, TextWriter)</c>, found by reflection.
/// </summary>
internal sealed class ConventionFormatter(Type type, string mimeType, Func<object, string> render)
{
    /// <summary>The type this formatter handles (instances of subclasses too).</summary>
    public Type Type { get; } = type;

    /// <summary>"text/html" or "text/plain".</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>Writes <paramref name="instance"/>; false when it is not a <see cref="Type"/>, so another formatter may try.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (instance is null || !Type.IsInstanceOfType(instance)) return false;
        writer.Write(render(instance));
        return true;
    }
}
