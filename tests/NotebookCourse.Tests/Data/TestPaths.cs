namespace NotebookCourse.Tests.Data;

/// <summary>The repository root and its data folder for tests (MNIST: NotebookCourse.Testing.MnistFiles; temporary folders: TempFolder).</summary>
internal static class TestPaths
{
    /// <summary>The folder holding NotebookCourse.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = NotebookCourse.Testing.RepositoryFolder.Root;

    /// <summary>The repository's data/ folder with the small CSV data sets.</summary>
    public static string DataDirectory => Path.Combine(RepoRoot, "data");
}
