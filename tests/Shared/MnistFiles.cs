namespace NotebookCourse.Testing;

/// <summary>
/// Where tests find the real MNIST files: <c>NOTEBOOKCOURSE_MNIST</c>, then <c>../shared/data/mnist</c>
/// beside the repository, then the user cache (<c>~/.cache/notebookcourse/mnist</c>), then a download into
/// the user cache (by the library's own checked download). When none works, <see cref="UnavailableReason"/>
/// says what was tried. Link this file into test projects that reference the library.
/// </summary>
public static class MnistFiles
{
    /// <summary>The four IDX files MNIST consists of.</summary>
    public static readonly string[] Names =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    private static readonly Lazy<(string? Folder, string? Reason)> Found = new(Find);

    /// <summary>A folder holding the four files, or null (see <see cref="UnavailableReason"/>).</summary>
    public static string? Folder => Found.Value.Folder;

    /// <summary>Null when MNIST is available; otherwise every place tried and why it failed.</summary>
    public static string? UnavailableReason => Found.Value.Reason;

    /// <summary>The folder, or an exception naming every place tried (for CI, where a missing data set fails).</summary>
    public static string RequireFolder() => Folder ?? throw new InvalidOperationException(UnavailableReason);

    private static (string? Folder, string? Reason) Find()
    {
        var tried = new List<string>();
        var userCache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "notebookcourse", "mnist");
        var candidates = new List<(string Where, string? Path)>
        {
            ("NOTEBOOKCOURSE_MNIST", Environment.GetEnvironmentVariable(NotebookCourse.Data.Mnist.CacheEnvironmentVariable)),
            ("../shared/data/mnist", RepositoryFolder.Find() is { } root ? System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared", "data", "mnist")) : null),
            ("the user cache", userCache),
        };
        foreach (var (where, path) in candidates)
        {
            if (string.IsNullOrEmpty(path))
            {
                tried.Add($"{where}: not set");
                continue;
            }
            var missing = Names.Where(n => !File.Exists(System.IO.Path.Combine(path, n))).ToList();
            if (missing.Count == 0) return (path, null);
            tried.Add($"{where} ({path}): {(Directory.Exists(path) ? $"lacks {string.Join(", ", missing)}" : "no such folder")}");
        }
        try
        {
            // The library downloads from the public mirrors, checks each file's SHA-256 and caches it.
            var download = Task.Run(() => NotebookCourse.Data.Mnist.Download(userCache));
            if (!download.Wait(TimeSpan.FromMinutes(3)))
            {
                tried.Add("download into the user cache: no answer within 3 minutes");
            }
            else if (Names.All(n => File.Exists(System.IO.Path.Combine(userCache, n))))
            {
                return (userCache, null);
            }
        }
        catch (Exception e)
        {
            var inner = e is AggregateException { InnerException: { } first } ? first : e;
            tried.Add($"download into the user cache: {inner.Message.Split('\n')[0]}");
        }
        return (null, "MNIST is not available: " + string.Join("; ", tried));
    }

    /// <summary>Why an MNIST test is skipped: the reason MNIST is unavailable, outside CI only (in CI it runs and fails); null to run.</summary>
    public static string? SkipReason
        => UnavailableReason is { } reason && !ToolRequirement.IsCi ? reason + "; with CI=true this test fails instead" : null;
}

/// <summary>
/// A test that needs the real MNIST files (<see cref="MnistFiles"/>). Skipped with the reason when they
/// cannot be found or downloaded, unless CI is "true": then it runs and fails with the reason.
/// </summary>
public sealed class MnistFactAttribute : Xunit.FactAttribute
{
    /// <summary>Sets <see cref="Xunit.FactAttribute.Skip"/> when MNIST is unavailable outside CI.</summary>
    public MnistFactAttribute()
    {
        Skip = MnistFiles.SkipReason;
    }
}

/// <summary>A theory over notebooks that load MNIST: skipped or failing as <see cref="MnistFactAttribute"/> is.</summary>
public sealed class MnistTheoryAttribute : Xunit.TheoryAttribute
{
    /// <summary>Sets <see cref="Xunit.FactAttribute.Skip"/> when MNIST is unavailable outside CI.</summary>
    public MnistTheoryAttribute()
    {
        Skip = MnistFiles.SkipReason;
    }
}
