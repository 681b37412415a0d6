namespace NotebookCourse.Tests.Data;

/// <summary>A new empty folder under the system temp folder for one test class; deleted when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    /// <summary>The folder's full path.</summary>
    public string Path { get; } = TestPaths.NewTempDirectory();

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

    public void Dispose() => TestPaths.DeleteQuietly(Path);

    private string UniquePath(string extension) => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N") + extension);
}
