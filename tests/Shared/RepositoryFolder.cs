namespace NotebookCourse.Testing;

/// <summary>The repository's root folder, the one holding NotebookCourse.sln, found by walking up from the test binaries.</summary>
internal static class RepositoryFolder
{
    /// <summary>The root, or null when the tests run outside a checkout.</summary>
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NotebookCourse.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>The root folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No folder above the test binaries holds NotebookCourse.sln.</exception>
    public static string Root => Find() ?? throw new DirectoryNotFoundException($"No folder holding NotebookCourse.sln above {AppContext.BaseDirectory}.");

    /// <summary>A path inside the repository, e.g. <c>Combine("notebooks", "README.md")</c>.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
