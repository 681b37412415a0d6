using System.IO.Compression;
using System.Security.Cryptography;
using NotebookCourse.Data;
using NotebookCourse.Testing;

namespace NotebookCourse.Tests.Data;

public sealed class IdxTests : IDisposable
{
    private readonly TempFolder _tempFolder = new();

    public void Dispose() => _tempFolder.Dispose();

    private static string Shared(string name) => Path.Combine(MnistFiles.RequireFolder(), name);

    private static byte[] Decompressed(string name)
    {
        using var gz = new GZipStream(File.OpenRead(Shared(name)), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_tempFolder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [MnistFact]
    public void Training_images_file_has_the_mnist_shape_and_checksum()
    {
        var images = Idx.ReadImages(Shared("train-images-idx3-ubyte.gz"));
        Assert.Equal([60000, 28, 28], images.Dimensions);
        Assert.Equal(2051, images.MagicNumber);
        Assert.Equal(60000 * 28 * 28, images.Bytes.Length);
        // SHA-256 from /work/shared/data/README.md, computed over header + data as the file stores them.
        var header = new byte[] { 0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28 };
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. header, .. images.Bytes]));
        Assert.Equal("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", hash);
    }

    [MnistFact]
    public void Label_files_start_with_the_digits_named_in_the_course()
    {
        var train = Idx.ReadLabels(Shared("train-labels-idx1-ubyte.gz")).ToLabels();
        var test = Idx.ReadLabels(Shared("t10k-labels-idx1-ubyte.gz")).ToLabels();
        Assert.Equal(60000, train.Length);
        Assert.Equal(10000, test.Length);
        Assert.Equal(5, train[0]);
        Assert.Equal(7, test[0]);
        Assert.All(train, l => Assert.InRange(l, 0, 9));
    }

    [MnistFact]
    public void Raw_and_gzip_files_give_the_same_content()
    {
        var raw = Write("t10k-labels-idx1-ubyte", Decompressed("t10k-labels-idx1-ubyte.gz"));
        var fromRaw = Idx.Read(raw);
        var fromGz = Idx.Read(Shared("t10k-labels-idx1-ubyte.gz"));
        Assert.Equal(fromGz.Dimensions, fromRaw.Dimensions);
        Assert.Equal(fromGz.Bytes, fromRaw.Bytes);
    }

    [MnistFact]
    public void Images_convert_to_scaled_or_flattened_tensors()
    {
        var data = Idx.ReadImages(Shared("t10k-images-idx3-ubyte.gz"));
        var images = data.ToImages();
        var flat = data.ToImages(flatten: true, scale: true);
        Assert.Equal([10000, 28, 28], images.Shape);
        Assert.Equal([10000, 784], flat.Shape);
        // pixel (row 7, col 6) of image 0, read straight from the byte array: offset 7 * 28 + 6
        Assert.Equal(data.Bytes[7 * 28 + 6], images[0, 7, 6]);
        Assert.Equal(data.Bytes[7 * 28 + 6] / 255f, flat[0, 7 * 28 + 6], 6);
        Assert.InRange(flat.Data.Max(), 0.99f, 1f);
    }

    [MnistFact]
    public void Truncated_file_is_rejected_naming_file_and_offset()
    {
        var bytes = Decompressed("t10k-labels-idx1-ubyte.gz"); // 8-byte header + 10000 labels
        var path = Write("truncated", bytes[..9998]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("at byte 9998", e.Message);
        Assert.Contains("expected 10000 data bytes", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [MnistFact]
    public void Extra_bytes_after_the_data_are_rejected()
    {
        var bytes = Decompressed("t10k-labels-idx1-ubyte.gz");
        var path = Write("extra", [.. bytes, 1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains("at byte 10008", e.Message);
        Assert.Contains("extra bytes", e.Message);
    }

    [Fact]
    public void Garbage_is_rejected_at_byte_zero()
    {
        var path = Write("garbage.txt", "hello, this is not IDX"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("at byte 0", e.Message);
    }

    [MnistFact]
    public void Labels_file_read_as_images_names_the_expected_magic_number()
    {
        var e = Assert.Throws<InvalidDataException>(() => Idx.ReadImages(Shared("t10k-labels-idx1-ubyte.gz")));
        Assert.Contains("t10k-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("expected magic number 2051", e.Message);
        Assert.Contains("2049", e.Message);
    }

    [Fact]
    public void Unsupported_type_byte_is_rejected_at_byte_two()
    {
        var path = Write("floats", [0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains("at byte 2", e.Message);
        Assert.Contains("0x0d", e.Message);
    }

    [Fact]
    public void Header_cut_short_is_rejected()
    {
        var path = Write("short-header", [0, 0, 8, 3, 0, 0, 0, 1, 0, 0]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains("at byte 10", e.Message);
        Assert.Contains("16 header bytes", e.Message);
    }

    [MnistFact]
    public void Damaged_gzip_is_rejected_naming_the_file()
    {
        var gz = File.ReadAllBytes(Shared("t10k-labels-idx1-ubyte.gz"));
        var path = Write("damaged.gz", gz[..(gz.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("of the decompressed content", e.Message);
        Assert.Contains("cut short", e.Message);
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var path = Path.Combine(_tempFolder.Path, "nope.gz");
        var e = Assert.Throws<FileNotFoundException>(() => Idx.Read(path));
        Assert.Contains(path, e.Message);
    }
}
