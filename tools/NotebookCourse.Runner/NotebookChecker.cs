namespace NotebookCourse.Runner;

/// <summary>Validates notebooks without running them.</summary>
public static class NotebookChecker
{
    /// <summary>Every problem found in the notebook at <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Check(string path) => [];
}
