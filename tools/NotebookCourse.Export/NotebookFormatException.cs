namespace NotebookCourse.Export;

/// <summary>A file given to the exporter is not an nbformat 4 notebook; the message names the file and what was expected.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>, saying what was expected there.</summary>
    public NotebookFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        NotebookPath = path;
    }

    /// <summary>The notebook file that could not be read.</summary>
    public string NotebookPath { get; }
}
