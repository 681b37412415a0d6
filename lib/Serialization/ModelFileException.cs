namespace NotebookCourse.Serialization;

/// <summary>A model or weights file that cannot be read: says which file, where, and what was expected.</summary>
public sealed class ModelFileException : IOException
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public ModelFileException(string path, string message, Exception? inner = null)
        : base($"{path}: {message}", inner) => FilePath = path;

    /// <summary>The file that could not be read.</summary>
    public string FilePath { get; }
}
