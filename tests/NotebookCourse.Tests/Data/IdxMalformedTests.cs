using System.Buffers.Binary;
using System.IO.Compression;
using NotebookCourse.Data;
using NotebookCourse.Testing;

namespace NotebookCourse.Tests.Data;

/// <summary>
/// IDX and gzip files damaged the ways downloads and hand-made files are: lying size fields, cut-short
/// or corrupted compression, a .gz name on an uncompressed file, an images file paired with the wrong
/// labels. Each is refused with the file and the byte, allocating no more than the bytes present prove.
/// </summary>
public sealed class IdxMalformedTests : IDisposable
{
    private readonly TempFolder _tempFolder = new();

    public void Dispose() => _tempFolder.Dispose();

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_tempFolder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An unsigned-byte IDX file: header for <paramref name="dims"/>, then <paramref name="data"/>.</summary>
    internal static byte[] IdxFile(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (var d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dims[d]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
        return output.ToArray();
    }

    internal static byte[] Labels(int count, int seed = 1)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (byte)random.Next(10))];
    }

    private static InvalidDataException ReadFails(string path, long maxAllocatedBytes, Func<string, IdxData>? read = null)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => (read ?? Idx.Read)(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < maxAllocatedBytes, $"reading allocated {allocated:N0} bytes");
        Assert.Contains(path, error.Message);
        return error;
    }

    [Fact]
    public void A_gzip_size_trailer_that_lies_allocates_nothing_large_and_is_reported_damaged()
    {
        var gz = Gzip(IdxFile([10], Labels(10)));
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), 1u << 30); // "1 GiB uncompressed"
        Assert.True(gz.Length < 64);
        var error = ReadFails(Write("lying-trailer.gz", gz), maxAllocatedBytes: 200_000);
        Assert.Contains("the gzip-compressed data is damaged: decompression failed after", error.Message); // zlib checks the trailer
    }

    [Fact]
    public void A_header_promising_more_than_a_gzip_file_can_hold_is_refused_before_allocating()
    {
        var gz = Gzip(IdxFile([60000, 28, 28], new byte[100]));
        var error = ReadFails(Write("tiny-images.gz", gz), maxAllocatedBytes: 200_000, Idx.ReadImages);
        Assert.Contains("at byte 16 of the decompressed content", error.Message);
        Assert.Contains("promise 47040000 data bytes", error.Message);
        Assert.Contains("can hold at most", error.Message);
    }

    [Fact]
    public void A_header_promising_more_than_a_raw_file_holds_is_refused_before_allocating()
    {
        var path = Write("lying-header", IdxFile([1_000_000_000], new byte[10]));
        var error = ReadFails(path, maxAllocatedBytes: 200_000);
        Assert.Contains("at byte 18:", error.Message);
        Assert.Contains("expected 1000000000 data bytes", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_complete_gzip_whose_data_is_short_allocates_in_proportion_to_what_is_there()
    {
        // the header promises 30 MB, deflate could hold that in this file, but only 100 KB are there
        var gz = Gzip(IdxFile([30_000_000], Labels(100_000)));
        var error = ReadFails(Write("short.gz", gz), maxAllocatedBytes: 4_000_000);
        Assert.Contains("at byte 100008 of the decompressed content", error.Message);
        Assert.Contains("expected 30000000 data bytes", error.Message);
        Assert.Contains("found 100000 (the file is truncated)", error.Message);
        Assert.DoesNotContain("cut short", error.Message); // the gzip itself is whole
    }

    [Fact]
    public void A_gzip_cut_short_says_so_with_the_decompressed_byte()
    {
        var gz = Gzip(IdxFile([100_000], Labels(100_000)));
        var path = Write("cut.gz", gz[..(gz.Length * 3 / 4)]);
        var error = ReadFails(path, maxAllocatedBytes: 2_000_000);
        Assert.Contains("of the decompressed content", error.Message);
        Assert.Contains("cut short", error.Message);
    }

    [Fact]
    public void A_flipped_bit_inside_the_gzip_data_is_reported_as_damaged_data()
    {
        var gz = Gzip(IdxFile([100_000], Labels(100_000)));
        gz[gz.Length / 2] ^= 0x10;
        var error = ReadFails(Write("flipped.gz", gz), maxAllocatedBytes: 2_000_000);
        Assert.Contains("the gzip-compressed data is damaged: decompression failed after", error.Message);
        Assert.DoesNotContain("starts like a gzip", error.Message);
    }

    [Fact]
    public void Garbage_after_the_gzip_signature_is_reported_as_damaged_data()
    {
        var error = ReadFails(Write("garbage.gz", [0x1f, 0x8b, 1, 2, 3, 4, 5]), maxAllocatedBytes: 200_000);
        Assert.Contains("the gzip-compressed data is damaged: decompression failed after 0 decompressed bytes", error.Message);
    }

    [Fact]
    public void An_uncompressed_file_named_gz_is_read_by_its_content()
    {
        var labels = Labels(50);
        var data = Idx.Read(Write("labels-idx1-ubyte.gz", IdxFile([50], labels)));
        Assert.Equal([50], data.Dimensions);
        Assert.Equal(labels, data.Bytes);
    }

    [Fact]
    public void An_error_in_an_uncompressed_file_named_gz_says_it_was_not_gzip()
    {
        var error = ReadFails(Write("page.gz", "<html>Not found</html>"u8.ToArray()), maxAllocatedBytes: 200_000);
        Assert.Contains("at byte 0 (the file is named .gz but is not gzip-compressed, as it does not start with 1f 8b", error.Message);
    }

    [Fact]
    public void Extra_bytes_inside_a_gzip_are_reported_at_the_end_of_the_data()
    {
        var error = ReadFails(Write("extra.gz", Gzip([.. IdxFile([10], Labels(10)), 1, 2, 3])), maxAllocatedBytes: 200_000);
        Assert.Contains("at byte 18 of the decompressed content", error.Message);
        Assert.Contains("extra bytes", error.Message);
    }

    [Fact]
    public void A_folder_given_as_the_path_is_named_as_a_folder()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Idx.Read(_tempFolder.Path));
        Assert.Contains($"{_tempFolder.Path} is a folder, not an IDX file", error.Message);
    }

    [Fact]
    public void Content_already_in_memory_is_parsed_raw_or_gzip_with_the_same_checks()
    {
        var labels = Labels(20);
        Assert.Equal(labels, Idx.Parse(IdxFile([20], labels), "raw bytes").Bytes);
        Assert.Equal(labels, Idx.Parse(Gzip(IdxFile([20], labels)), "gzip bytes", expectedDimensions: 1).Bytes);
        var error = Assert.Throws<InvalidDataException>(() => Idx.Parse(Gzip(IdxFile([21], labels)), "short bytes"));
        Assert.StartsWith("short bytes: at byte 28 of the decompressed content", error.Message);
    }

    [Fact]
    public void Images_and_labels_with_different_counts_are_refused_naming_both_files()
    {
        var images = Write("images-idx3-ubyte.gz", Gzip(IdxFile([5, 2, 2], new byte[20])));
        var labels = Write("labels-idx1-ubyte", IdxFile([4], Labels(4)));
        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadPair(images, labels));
        Assert.Contains($"{images} has 5 images but {labels} has 4 labels", error.Message);

        var fine = Write("labels5-idx1-ubyte", IdxFile([5], Labels(5)));
        var (x, y) = Mnist.LoadPair(images, fine, flatten: true);
        Assert.Equal([5, 4], x.Shape);
        Assert.Equal(Labels(5).Select(b => (int)b), y);
    }

    [Fact]
    public void A_labels_file_given_as_images_to_LoadPair_names_the_file_and_the_magic_numbers()
    {
        var labels = Write("labels-idx1-ubyte", IdxFile([4], Labels(4)));
        var error = Assert.Throws<InvalidDataException>(() => Mnist.LoadPair(labels, labels));
        Assert.Contains(labels, error.Message);
        Assert.Contains("expected magic number 2051", error.Message);
    }
}
