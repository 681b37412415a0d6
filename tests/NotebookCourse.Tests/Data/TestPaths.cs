namespace NotebookCourse.Tests.Data;

/// <summary>Finds the repository root and its data folder for tests (MNIST: NotebookCourse.Testing.MnistFiles).</summary>
internal static class TestPaths
{
    /// <summary>The folder holding NotebookCourse.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = NotebookCourse.Testing.RepositoryFolder.Root;

    /// <summary>The repository's data/ folder with the small CSV data sets.</summary>
    public static string DataDirectory => Path.Combine(RepoRoot, "data");

    /// <summary>A new empty folder under the system temp folder; delete it with <see cref="DeleteQuietly"/>.</summary>
    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "notebookcourse-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a temporary folder, ignoring errors.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
