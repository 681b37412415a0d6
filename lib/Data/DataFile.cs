namespace NotebookCourse.Data;

/// <summary>Checks shared by the readers of data files, so each says the same thing about a bad path.</summary>
internal static class DataFile
{
    /// <summary>
    /// Throws when <paramref name="path"/> is not an existing file, saying whether nothing is there or a
    /// folder is (a common slip: passing the folder that holds the file).
    /// </summary>
    /// <param name="path">The path given.</param>
    /// <param name="article">"a" or "an", for the message.</param>
    /// <param name="kind">What the file should be, e.g. "CSV".</param>
    /// <exception cref="FileNotFoundException">Nothing is at the path, or a folder is.</exception>
    public static void EnsureExists(string path, string article, string kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path)) return;
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path} is a folder, not {article} {kind} file: give the path of the file inside it.", path);
        }
        throw new FileNotFoundException($"{kind} file not found: {path}", path);
    }

    /// <summary>
    /// A field's text as shown in an error: quoted, and cut in the middle when long (a million-digit
    /// number must not become a million-character message).
    /// </summary>
    public static string Shown(string text)
    {
        const int Keep = 24;
        return text.Length <= 2 * Keep + 10
            ? $"'{text}'"
            : $"'{text[..Keep]}…{text[^Keep..]}' ({text.Length:N0} characters)";
    }
}
