using NotebookCourse.Data;
using NotebookCourse.Testing;
using NotebookCourse.Tests.Support;
using Xunit.Abstractions;
using static NotebookCourse.Tests.Data.IdxMalformedTests;

namespace NotebookCourse.Tests.Data;

/// <summary>Reading IDX files, good or damaged, raw or gzip, takes time and memory in proportion to the file.</summary>
[Collection(Scaling.Collection)]
public sealed class IdxScalingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (long, Action) File(byte[] bytes, Action<string> read)
    {
        var path = _temp.NewFile(bytes, ".gz");
        return (bytes.Length, () => read(path));
    }

    private static byte[] Noise(int count)
    {
        var bytes = new byte[count];
        new Random(count).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Raw_and_gzip_files_read_in_linear_time_and_memory()
    {
        var raw = Scaling.Measure("raw IDX", size => File(IdxFile([size], Noise(size)), path =>
            Assert.Equal(size, Idx.Read(path).Count)), smallSize: 1_000_000);
        Scaling.AssertLinear(raw, output, maxBytesPerInputByte: 1.5);
        var gzip = Scaling.Measure("gzip IDX", size => File(Gzip(IdxFile([size], Noise(size))), path =>
            Assert.Equal(size, Idx.Read(path).Count)), smallSize: 1_000_000);
        Scaling.AssertLinear(gzip, output, maxBytesPerInputByte: 1.5);
    }

    [Fact]
    public void Cut_short_and_damaged_gzip_files_are_refused_in_linear_time_and_memory()
    {
        var cut = Scaling.Measure("gzip cut short", size =>
        {
            var gz = Gzip(IdxFile([size], Noise(size)));
            return File(gz[..(gz.Length / 2)], path => Assert.Throws<InvalidDataException>(() => Idx.Read(path)));
        }, smallSize: 1_000_000);
        Scaling.AssertLinear(cut, output, maxBytesPerInputByte: 4);
        var damaged = Scaling.Measure("gzip with a flipped bit", size =>
        {
            var gz = Gzip(IdxFile([size], Labels(size)));
            gz[gz.Length * 3 / 4] ^= 0x10;
            return File(gz, path => Assert.Throws<InvalidDataException>(() => Idx.Read(path)));
        }, smallSize: 1_000_000);
        Scaling.AssertLinear(damaged, output, maxBytesPerInputByte: 8);
    }
}
