namespace NotebookCourse.Testing;

/// <summary>A new empty folder under the system temp folder for one test or test class; deleted, with all it holds, when disposed.</summary>
/// <param name="prefix">The start of the folder's name, so a folder left by a crashed run says where it came from.</param>
internal sealed class TempFolder(string prefix = "notebookcourse-tests-") : IDisposable
{
    /// <summary>The folder's full path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>Writes <paramref name="text"/> to a new file with a unique name ending in <paramref name="extension"/>.</summary>
    public string NewFile(string text, string extension)
    {
        var path = UniquePath(extension);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes <paramref name="bytes"/> to a new file with a unique name ending in <paramref name="extension"/>.</summary>
    public string NewFile(byte[] bytes, string extension)
    {
        var path = UniquePath(extension);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Deletes the folder; a file some process still holds open is left for the system to clean up.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private string UniquePath(string extension) => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N") + extension);
}
