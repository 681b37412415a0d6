namespace NotebookCourse.Serialization;

/// <summary>A model or weights file that cannot be read: says which file, where, and what was expected.</summary>
public sealed class ModelFileException : IOException
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public ModelFileException(string path, string message, Exception? inner = null)
        : base($"{path}: {message}", inner) => FilePath = path;

    /// <summary>
    /// The text of an error from a constructor or parser, without .NET's " (Parameter 'x')" suffix,
    /// which names a C# parameter the reader of a file error never wrote.
    /// </summary>
    internal static string Reason(Exception e)
        => e is ArgumentException { ParamName: string name } && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }
}
