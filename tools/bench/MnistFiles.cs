using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookCourse.Bench;

/// <summary>
/// A tiny reader for the MNIST IDX files (gzip), so the benchmark does not depend on the data
/// helper's loader. Pixels are scaled to [0, 1]; labels are kept as bytes.
/// </summary>
internal static class MnistFiles
{
    /// <summary>The folder holding the four MNIST .gz files, found from the repository root upwards.</summary>
    public static string FindFolder()
    {
        var env = Environment.GetEnvironmentVariable("MNIST_DIR");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "mnist");
            if (File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte.gz"))) return candidate;
        }
        throw new DirectoryNotFoundException("MNIST not found: set MNIST_DIR to the folder with train-images-idx3-ubyte.gz.");
    }

    /// <summary>Images as a flat [count * 784] array of values in [0, 1].</summary>
    public static float[] ReadImages(string path, out int count)
    {
        var bytes = ReadAll(path);
        if (bytes.Length < 16 || BinaryPrimitives.ReadInt32BigEndian(bytes) != 0x00000803)
        {
            throw new InvalidDataException($"{path}: not an IDX image file (expected magic 0x00000803 at byte 0).");
        }
        count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8));
        var cols = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12));
        var size = count * rows * cols;
        if (bytes.Length != 16 + size) throw new InvalidDataException($"{path}: header says {size} pixels but the file has {bytes.Length - 16}.");
        var pixels = new float[size];
        for (var i = 0; i < size; i++) pixels[i] = bytes[16 + i] / 255f;
        return pixels;
    }

    /// <summary>Labels 0..9.</summary>
    public static byte[] ReadLabels(string path)
    {
        var bytes = ReadAll(path);
        if (bytes.Length < 8 || BinaryPrimitives.ReadInt32BigEndian(bytes) != 0x00000801)
        {
            throw new InvalidDataException($"{path}: not an IDX label file (expected magic 0x00000801 at byte 0).");
        }
        var count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (bytes.Length != 8 + count) throw new InvalidDataException($"{path}: header says {count} labels but the file has {bytes.Length - 8}.");
        return bytes[8..];
    }

    private static byte[] ReadAll(string path)
    {
        using var file = File.OpenRead(path);
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gz.CopyTo(memory);
        return memory.ToArray();
    }
}
