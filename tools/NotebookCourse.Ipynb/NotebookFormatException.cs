namespace NotebookCourse.Ipynb;

/// <summary>A file that is not an nbformat 4 notebook: the message names the file, the place and what was expected.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>; <paramref name="cell"/> is the 1-based cell, when the problem is in one.</summary>
    public NotebookFormatException(string path, string problem, int? cell = null, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        NotebookPath = path;
        Problem = problem;
        Cell = cell;
    }

    /// <summary>The notebook file that could not be read.</summary>
    public string NotebookPath { get; }

    /// <summary>What is wrong and what was expected, without the file name.</summary>
    public string Problem { get; }

    /// <summary>The cell (from 1, counting every cell) the problem is in, or null for the whole notebook.</summary>
    public int? Cell { get; }
}
