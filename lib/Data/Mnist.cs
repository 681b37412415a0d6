using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace NotebookCourse.Data;

/// <summary>
/// Loads the MNIST handwritten digits. On first use the four files are downloaded from a public
/// mirror, checked against known SHA-256 sums and cached; later calls read the cache.
/// </summary>
/// <remarks>
/// Cache folder: the <c>cacheDirectory</c> argument, else the environment variable
/// <see cref="CacheEnvironmentVariable"/> (<c>NOTEBOOKCOURSE_MNIST</c>), else
/// <see cref="DefaultCacheDirectory"/>. Offline, put the four files of <see cref="Files"/> there.
/// Cached files are verified too, once per process and file (hashing the 47 MB of decompressed
/// training images costs a fraction of a second).
/// </remarks>
public static class Mnist
{
    /// <summary>The environment variable that names the cache folder: <c>NOTEBOOKCOURSE_MNIST</c>.</summary>
    public const string CacheEnvironmentVariable = "NOTEBOOKCOURSE_MNIST";

    /// <summary>The largest download accepted (the biggest MNIST file is about 10 MB).</summary>
    private const long MaxDownloadBytes = 64L * 1024 * 1024;

    /// <summary>The four MNIST files with the SHA-256 of their decompressed content.</summary>
    public static IReadOnlyList<MnistFile> Files { get; } =
    [
        new("train-images-idx3-ubyte.gz", "60000 x 28 x 28 training images", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte.gz", "60000 training labels", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte.gz", "10000 x 28 x 28 test images", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte.gz", "10000 test labels", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ];

    /// <summary>
    /// Base URLs tried in order when a file is missing (the mirrors torchvision and TensorFlow use).
    /// Change or extend the list to use another mirror.
    /// </summary>
    public static List<string> Mirrors { get; } =
    [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ];

    /// <summary>How long one download may take before the next mirror is tried.</summary>
    public static TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Where progress messages ("Downloading ...") go; null for silence.</summary>
    public static Action<string>? Log { get; set; } = Console.WriteLine;

    /// <summary>Files already verified in this process: full path -> (length, last write time).</summary>
    private static readonly ConcurrentDictionary<string, (long Length, DateTime Written)> s_verified = new();

    /// <summary>
    /// The cache folder used when none is given and <c>NOTEBOOKCOURSE_MNIST</c> is not set:
    /// <c>~/.cache/notebookcourse/mnist</c> (or <c>$XDG_CACHE_HOME/notebookcourse/mnist</c>;
    /// <c>%LOCALAPPDATA%\notebookcourse\mnist</c> on Windows).
    /// </summary>
    public static string DefaultCacheDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "notebookcourse", "mnist");
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "notebookcourse", "mnist");
    }

    /// <summary>The cache folder that will be used: the argument, else <c>NOTEBOOKCOURSE_MNIST</c>, else the default.</summary>
    public static string ResolveCacheDirectory(string? cacheDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(cacheDirectory)) return Path.GetFullPath(cacheDirectory);
        var fromEnvironment = Environment.GetEnvironmentVariable(CacheEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        return DefaultCacheDirectory();
    }

    /// <summary>
    /// Loads MNIST: images as float tensors [n, 28, 28] with values 0..255 (or [n, 784] when
    /// <paramref name="flatten"/>, 0..1 when <paramref name="scale"/>), labels as int arrays.
    /// Downloads and caches missing files first.
    /// </summary>
    /// <param name="cacheDirectory">The cache folder; null for <c>NOTEBOOKCOURSE_MNIST</c> or the default.</param>
    /// <param name="flatten">Return images as rows of 784 pixels.</param>
    /// <param name="scale">Divide pixel values by 255.</param>
    /// <param name="mirrors">Base URLs to download from, tried in order; null for <see cref="Mirrors"/>.</param>
    /// <exception cref="IOException">A file is missing or damaged and no mirror could supply a good copy; the message says which files to put in which folder.</exception>
    public static MnistData Load(string? cacheDirectory = null, bool flatten = false, bool scale = false, IReadOnlyList<string>? mirrors = null)
    {
        var directory = ResolveCacheDirectory(cacheDirectory);
        var parts = new IdxData[Files.Count];
        for (var i = 0; i < Files.Count; i++) parts[i] = GetVerified(directory, Files[i], mirrors ?? Mirrors);
        CheckPair(parts[0], parts[1]);
        CheckPair(parts[2], parts[3]);
        return new MnistData(
            parts[0].ToImages(flatten, scale), parts[1].ToLabels(),
            parts[2].ToImages(flatten, scale), parts[3].ToLabels());
    }

    /// <summary>
    /// Loads one images file and its labels file in MNIST's IDX layout (raw or gzip), such as Fashion-MNIST
    /// or a subset of your own. No checksum is known for them, so nothing is downloaded or verified; the
    /// headers are checked, and the two files must hold the same number of items.
    /// </summary>
    /// <param name="imagesPath">An IDX images file (magic 2051), e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
    /// <param name="labelsPath">The matching IDX labels file (magic 2049).</param>
    /// <param name="flatten">Return images as rows of pixels.</param>
    /// <param name="scale">Divide pixel values by 255.</param>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not valid IDX, or the counts differ; the message names both files.</exception>
    public static (Tensor Images, int[] Labels) LoadPair(string imagesPath, string labelsPath, bool flatten = false, bool scale = false)
    {
        var images = Idx.ReadImages(imagesPath);
        var labels = Idx.ReadLabels(labelsPath);
        CheckPair(images, labels);
        return (images.ToImages(flatten, scale), labels.ToLabels());
    }

    /// <summary>
    /// Makes sure the four files are in the cache folder and verified, downloading what is
    /// missing; returns the folder. Useful to prepare a machine before going offline.
    /// </summary>
    /// <exception cref="IOException">A file could not be obtained; the message says what to do.</exception>
    public static string Download(string? cacheDirectory = null, IReadOnlyList<string>? mirrors = null)
    {
        var directory = ResolveCacheDirectory(cacheDirectory);
        foreach (var file in Files) GetVerified(directory, file, mirrors ?? Mirrors);
        return directory;
    }

    /// <summary>An images file and its labels file must describe the same number of items.</summary>
    private static void CheckPair(IdxData images, IdxData labels)
    {
        if (images.Count != labels.Count)
        {
            throw new InvalidDataException(
                $"{images.Source} has {images.Count} images but {labels.Source} has {labels.Count} labels: an images file and its labels file must hold the same number of items " +
                "(are they from the same set, e.g. both train or both t10k?).");
        }
    }

    /// <summary>
    /// The verified content of one file: from the cache when a good copy is there, else downloaded,
    /// verified in memory, then written into the cache.
    /// </summary>
    internal static IdxData GetVerified(string directory, MnistFile file, IReadOnlyList<string> mirrors)
    {
        var problems = new List<string>();
        foreach (var name in new[] { file.FileName, file.UncompressedName }.Distinct())
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path)) continue;
            var info = new FileInfo(path);
            try
            {
                var data = Read(path, path, file);
                var key = (info.Length, info.LastWriteTimeUtc);
                if (s_verified.TryGetValue(path, out var seen) && seen == key) return data;
                var actual = Sha256Hex(data);
                if (actual == file.Sha256)
                {
                    s_verified[path] = key;
                    return data;
                }
                problems.Add($"the cached file {path} is damaged (SHA-256 of its content {actual}, expected {file.Sha256})");
            }
            catch (InvalidDataException e)
            {
                problems.Add($"the cached file {path} is damaged ({e.Message})");
            }
        }

        if (mirrors.Count == 0) problems.Add("no download mirrors are configured");
        var target = Path.Combine(directory, file.FileName);
        foreach (var mirror in mirrors)
        {
            var url = mirror.TrimEnd('/') + "/" + file.FileName;
            try
            {
                var data = DownloadVerified(url, file, target);
                s_verified[target] = (new FileInfo(target).Length, File.GetLastWriteTimeUtc(target));
                return data;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or InvalidDataException or UnauthorizedAccessException or NotSupportedException or UriFormatException)
            {
                problems.Add($"{url}: {e.Message}");
            }
        }
        throw new IOException(OfflineMessage(directory, file, problems, mirrors));
    }

    /// <summary>Reads one MNIST file (images have 3 dimensions, labels 1), naming <paramref name="source"/> in errors.</summary>
    private static IdxData Read(string path, string source, MnistFile file)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Idx.Read(stream, source, Dimensions(file));
    }

    /// <summary>Images have 3 dimensions (count, rows, columns), labels 1.</summary>
    private static int Dimensions(MnistFile file) => file.FileName.Contains("-idx3-", StringComparison.Ordinal) ? 3 : 1;

    /// <summary>
    /// Downloads one file into memory, checks its content, and only then writes it into the cache with
    /// <see cref="AtomicFile"/>: a failed or interrupted download leaves no file behind.
    /// </summary>
    private static IdxData DownloadVerified(string url, MnistFile file, string target)
    {
        Log?.Invoke($"Downloading {url} ...");
        var bytes = DownloadBytes(url);
        var data = Idx.Read(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false), url, Dimensions(file));
        var actual = Sha256Hex(data);
        if (actual != file.Sha256)
        {
            throw new InvalidDataException($"verification failed: SHA-256 of the decompressed content is {actual}, expected {file.Sha256}; the file was not cached");
        }
        AtomicFile.Write(target, stream => stream.Write(bytes));
        Log?.Invoke($"Verified and cached {target}");
        return data with { Source = target };
    }

    /// <summary>The body of a GET request (the download buffer itself, not a copy), refused past <see cref="MaxDownloadBytes"/>.</summary>
    private static ArraySegment<byte> DownloadBytes(string url)
    {
        using var client = new HttpClient { Timeout = DownloadTimeout };
        using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        using var body = response.Content.ReadAsStream();
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = body.Read(buffer)) > 0)
        {
            if (content.Length + read > MaxDownloadBytes) throw new InvalidDataException($"the download is larger than {MaxDownloadBytes} bytes; this is not the MNIST file");
            content.Write(buffer, 0, read);
        }
        return content.TryGetBuffer(out var received) ? received : content.ToArray();
    }

    private static string OfflineMessage(string directory, MnistFile file, List<string> problems, IReadOnlyList<string> mirrors)
    {
        var lines = new List<string>
        {
            $"Could not get the MNIST file {file.FileName} ({file.Description}).",
        };
        lines.AddRange(problems.Select(p => "  - " + p));
        lines.Add($"To use MNIST without a network, put these four files into the folder {directory}:");
        lines.AddRange(Files.Select(f => $"  {f.FileName}  ({f.Description}; SHA-256 of the decompressed content {f.Sha256})"));
        lines.Add($"or set the environment variable {CacheEnvironmentVariable} to a folder that holds them (or pass that folder to Mnist.Load).");
        if (mirrors.Count > 0) lines.Add($"They can be downloaded from {string.Join(" or ", mirrors)}.");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The SHA-256 of a file's decompressed content: its header, then its data.</summary>
    private static string Sha256Hex(IdxData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(data.HeaderBytes());
        hash.AppendData(data.Bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
