using System.Runtime.CompilerServices;
using NotebookCourse.Data;
using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// Where the notebooks that load MNIST (05, 06) find it during the tests: <c>NOTEBOOKCOURSE_MNIST</c> when
/// set, else <c>../shared/data/mnist</c> beside the repository, else the user cache, else a download into
/// the user cache by the library's own checked loader. The folder found is put into this process's
/// <c>NOTEBOOKCOURSE_MNIST</c>, which the notebooks' <c>Mnist.Load()</c> reads (the kernel inherits it).
/// </summary>
public static class MnistForNotebooks
{
    private static readonly Lazy<(string? Folder, string? Reason)> s_found = new(Find);

    /// <summary>Null when the notebooks can load MNIST; otherwise every place tried and why it failed.</summary>
    public static string? UnavailableReason => s_found.Value.Reason;

    /// <summary>Points NOTEBOOKCOURSE_MNIST at the folder found, before any test runs a notebook.</summary>
    [ModuleInitializer]
    internal static void SetEnvironment()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Mnist.CacheEnvironmentVariable)) && Shared() is { } shared && HasAllFiles(shared))
        {
            Environment.SetEnvironmentVariable(Mnist.CacheEnvironmentVariable, shared);
        }
    }

    private static (string? Folder, string? Reason) Find()
    {
        var tried = new List<string>();
        foreach (var (where, folder) in new[]
        {
            ("NOTEBOOKCOURSE_MNIST", Environment.GetEnvironmentVariable(Mnist.CacheEnvironmentVariable)),
            ("../shared/data/mnist", Shared()),
            ("the user cache", Mnist.DefaultCacheDirectory()),
        })
        {
            if (string.IsNullOrEmpty(folder)) { tried.Add($"{where}: not set"); continue; }
            if (HasAllFiles(folder)) return Use(folder);
            tried.Add($"{where} ({folder}): the four files are not all there");
        }
        try
        {
            return Use(Mnist.Download(Mnist.DefaultCacheDirectory()));
        }
        catch (IOException e)
        {
            tried.Add("download into the user cache: " + e.Message.Split('\n')[0]);
        }
        return (null, "MNIST is not available: " + string.Join("; ", tried));
    }

    private static (string? Folder, string? Reason) Use(string folder)
    {
        Environment.SetEnvironmentVariable(Mnist.CacheEnvironmentVariable, folder);
        return (folder, null);
    }

    private static bool HasAllFiles(string folder)
        => Mnist.Files.All(f => File.Exists(Path.Combine(folder, f.FileName)) || File.Exists(Path.Combine(folder, f.UncompressedName)));

    private static string? Shared()
    {
        var notebooks = CourseNotebook.NotebooksFolder;
        return Path.GetFullPath(Path.Combine(notebooks, "..", "..", "shared", "data", "mnist"));
    }
}

/// <summary>
/// A test of a notebook that loads MNIST. Skipped with the reason when MNIST can be neither found nor
/// downloaded, unless CI is "true": then it runs and fails with the reason.
/// </summary>
public sealed class MnistNotebookFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when MNIST is unavailable outside CI.</summary>
    public MnistNotebookFactAttribute()
    {
        if (MnistForNotebooks.UnavailableReason is { } reason && !ToolRequirement.IsCi)
        {
            Skip = reason + "; with CI=true this test fails instead";
        }
    }
}
