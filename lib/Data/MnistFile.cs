namespace NotebookCourse.Data;

/// <summary>
/// One of the four MNIST files: its name (as published, gzip-compressed), what it holds, and the
/// SHA-256 of its decompressed content, which every downloaded or cached copy must match.
/// </summary>
/// <param name="FileName">The published file name, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Description">What it holds, e.g. "60000 x 28 x 28 training images".</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the decompressed bytes.</param>
public sealed record MnistFile(string FileName, string Description, string Sha256)
{
    /// <summary>The name of an uncompressed copy (the file name without <c>.gz</c>), also accepted in the cache.</summary>
    public string UncompressedName => FileName.EndsWith(".gz", StringComparison.Ordinal) ? FileName[..^3] : FileName;
}
