using System.IO.Compression;
using NotebookCourse.Data;
using NotebookCourse.Testing;

namespace NotebookCourse.Tests.Data;

public sealed class MnistTests : IDisposable
{
    private static readonly string[] s_names =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    private readonly TempFolder _cacheFolder = new();

    public MnistTests() => Mnist.Log = null;

    public void Dispose() => _cacheFolder.Dispose();

    private static byte[] Real(string name) => File.ReadAllBytes(Path.Combine(MnistFiles.RequireFolder(), name));

    /// <summary>Serves the real files under /good/, 404 for anything else.</summary>
    private static (int, byte[]) ServeReal(string path)
    {
        var name = Path.GetFileName(path);
        return path.StartsWith("/good/", StringComparison.Ordinal) && s_names.Contains(name) ? (200, Real(name)) : (404, []);
    }

    private static byte[] CorruptedLabels()
    {
        using var input = new GZipStream(new MemoryStream(Real("t10k-labels-idx1-ubyte.gz")), CompressionMode.Decompress);
        using var content = new MemoryStream();
        input.CopyTo(content);
        var bytes = content.ToArray();
        bytes[100] = (byte)((bytes[100] + 1) % 10); // one wrong label, still a valid IDX file
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
        return output.ToArray();
    }

    [MnistFact]
    public void Loads_from_the_shared_folder_without_any_mirror()
    {
        var mnist = Mnist.Load(MnistFiles.RequireFolder(), mirrors: []);
        Assert.Equal([60000, 28, 28], mnist.TrainImages.Shape);
        Assert.Equal([10000, 28, 28], mnist.TestImages.Shape);
        Assert.Equal(60000, mnist.TrainLabels.Length);
        Assert.Equal(10000, mnist.TestLabels.Length);
        Assert.Equal(5, mnist.TrainLabels[0]);
        Assert.Equal(7, mnist.TestLabels[0]);
        Assert.Equal(255f, mnist.TrainImages.Data.Max());
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f], mnist.TrainLabelsOneHot.Row(0).ToArray());
    }

    [MnistFact]
    public void Flattened_scaled_load_gives_rows_of_784_values_in_0_to_1()
    {
        var mnist = Mnist.Load(MnistFiles.RequireFolder(), flatten: true, scale: true, mirrors: []);
        Assert.Equal([60000, 784], mnist.TrainImages.Shape);
        Assert.Equal(1f, mnist.TestImages.Data.Max());
        Assert.Equal(0f, mnist.TestImages.Data.Min());
    }

    [Fact]
    public void Environment_variable_names_the_cache_when_no_folder_is_given()
    {
        var before = Environment.GetEnvironmentVariable(Mnist.CacheEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(Mnist.CacheEnvironmentVariable, _cacheFolder.Path);
            Assert.Equal(Path.GetFullPath(_cacheFolder.Path), Mnist.ResolveCacheDirectory());
            var given = Path.Combine(_cacheFolder.Path, "given");
            Assert.Equal(Path.GetFullPath(given), Mnist.ResolveCacheDirectory(given));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Mnist.CacheEnvironmentVariable, before);
        }
    }

    [MnistFact]
    public void Downloads_verifies_and_caches_the_four_files_then_works_offline()
    {
        using (var server = new LocalHttpServer(ServeReal))
        {
            var mnist = Mnist.Load(_cacheFolder.Path, mirrors: [server.BaseUrl + "good/"]);
            Assert.Equal([60000, 28, 28], mnist.TrainImages.Shape);
            Assert.Equal(5, mnist.TrainLabels[0]);
            Assert.Equal(7, mnist.TestLabels[0]);
            Assert.Equal(4, server.Requests.Count);
            Assert.All(server.Requests, r => Assert.Equal(200, r.Status));
        }
        Assert.Equal(s_names.Order(), Directory.GetFiles(_cacheFolder.Path).Select(Path.GetFileName).Order());
        foreach (var name in s_names) Assert.Equal(Real(name), File.ReadAllBytes(Path.Combine(_cacheFolder.Path, name)));

        // the server is gone: the second load must come from the cache alone
        var again = Mnist.Load(_cacheFolder.Path, mirrors: []);
        Assert.Equal(7, again.TestLabels[0]);
    }

    [MnistFact]
    public void Corrupted_download_is_refused_and_not_cached()
    {
        var bad = CorruptedLabels();
        using var server = new LocalHttpServer(path => path.EndsWith("t10k-labels-idx1-ubyte.gz", StringComparison.Ordinal) ? (200, bad) : (404, []));
        var file = Mnist.Files.Single(f => f.FileName == "t10k-labels-idx1-ubyte.gz");
        var e = Assert.Throws<IOException>(() => Mnist.GetVerified(_cacheFolder.Path, file, [server.BaseUrl]));
        Assert.Contains("SHA-256", e.Message);
        Assert.Contains("ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", e.Message);
        Assert.Contains(server.BaseUrl + "t10k-labels-idx1-ubyte.gz", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cacheFolder.Path));
    }

    [Fact]
    public void Download_that_is_not_gzip_is_refused_and_not_cached()
    {
        using var server = new LocalHttpServer(_ => (200, [0x1f, 0x8b, 1, 2, 3, 4, 5]));
        var file = Mnist.Files[3];
        var e = Assert.Throws<IOException>(() => Mnist.GetVerified(_cacheFolder.Path, file, [server.BaseUrl]));
        Assert.Contains("the gzip-compressed data is damaged", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cacheFolder.Path));
    }

    [MnistFact]
    public void Missing_file_on_the_first_mirror_falls_back_to_the_next()
    {
        using var server = new LocalHttpServer(ServeReal);
        var file = Mnist.Files.Single(f => f.FileName == "t10k-labels-idx1-ubyte.gz");
        var data = Mnist.GetVerified(_cacheFolder.Path, file, [server.BaseUrl + "missing/", server.BaseUrl + "good/"]);
        Assert.Equal(10000, data.Bytes.Length);
        Assert.Equal(Path.Combine(_cacheFolder.Path, file.FileName), data.Source);
        Assert.Equal(
            [("/missing/t10k-labels-idx1-ubyte.gz", 404), ("/good/t10k-labels-idx1-ubyte.gz", 200)],
            server.Requests.ToArray());
    }

    [MnistFact]
    public void Damaged_cached_file_is_replaced_by_a_verified_download()
    {
        var file = Mnist.Files.Single(f => f.FileName == "t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(Path.Combine(_cacheFolder.Path, file.FileName), CorruptedLabels());
        using var server = new LocalHttpServer(ServeReal);
        Mnist.GetVerified(_cacheFolder.Path, file, [server.BaseUrl + "good/"]);
        Assert.Equal(Real(file.FileName), File.ReadAllBytes(Path.Combine(_cacheFolder.Path, file.FileName)));
    }

    [Fact]
    public void Offline_error_says_which_four_files_to_put_in_which_folder()
    {
        int port;
        using (var server = new LocalHttpServer(ServeReal)) port = server.Port;
        var e = Assert.Throws<IOException>(() => Mnist.Load(_cacheFolder.Path, mirrors: [$"http://127.0.0.1:{port}/good/"]));
        Assert.Contains(Path.GetFullPath(_cacheFolder.Path), e.Message);
        foreach (var name in s_names) Assert.Contains(name, e.Message);
        Assert.Contains("NOTEBOOKCOURSE_MNIST", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_cacheFolder.Path));
    }
}
