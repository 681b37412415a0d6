using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookCourse.Data;

/// <summary>
/// Reads IDX files, the simple binary format of MNIST: a big-endian header (two zero bytes, a type
/// byte 0x08 for unsigned bytes, the number of dimensions, then each dimension as an int32)
/// followed by the values. Files may be gzip-compressed; that is detected from their first bytes.
/// </summary>
public static class Idx
{
    /// <summary>The type byte for unsigned 8-bit values, the only type MNIST uses.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>
    /// Reads an IDX file, raw or gzip-compressed, checking its header and that the data has exactly
    /// the length the dimensions promise.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid IDX file; the message names the file, the byte offset and what was expected.</exception>
    public static IdxData Read(string path)
    {
        var (bytes, compressed) = ReadContent(path);
        return Parse(bytes, path, compressed);
    }

    /// <summary>Reads an IDX file of images (magic 2051: unsigned bytes, 3 dimensions).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid IDX images file.</exception>
    public static IdxData ReadImages(string path)
    {
        var (bytes, compressed) = ReadContent(path);
        return Parse(bytes, path, compressed, expectedDimensions: 3);
    }

    /// <summary>Reads an IDX file of labels (magic 2049: unsigned bytes, 1 dimension).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid IDX labels file.</exception>
    public static IdxData ReadLabels(string path)
    {
        var (bytes, compressed) = ReadContent(path);
        return Parse(bytes, path, compressed, expectedDimensions: 1);
    }

    /// <summary>
    /// The file's content, decompressed when it starts with the gzip signature 1f 8b.
    /// </summary>
    /// <exception cref="InvalidDataException">The file looks like gzip but cannot be decompressed.</exception>
    public static (byte[] Bytes, bool WasCompressed) ReadContent(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file not found: {path}", path);
        var raw = File.ReadAllBytes(path);
        if (raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
        {
            return (Decompress(raw, path), true);
        }
        return (raw, false);
    }

    /// <summary>Decompresses gzip bytes, with an error that names the file when they are damaged.</summary>
    internal static byte[] Decompress(byte[] gzip, string source)
    {
        try
        {
            using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
            // the gzip trailer's last 4 bytes hold the uncompressed size (mod 2^32): a capacity hint
            var hint = gzip.Length >= 18 ? BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4)) : 0u;
            var capacity = hint is > 0 and < 1u << 30 ? (int)hint : gzip.Length * 2;
            using var output = new MemoryStream(capacity);
            input.CopyTo(output);
            return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source}: starts like a gzip file (1f 8b) but cannot be decompressed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Parses IDX content that is already in memory. <paramref name="source"/> names it in errors;
    /// <paramref name="expectedDimensions"/>, when given, must match the header (3 images, 1 labels).
    /// </summary>
    /// <exception cref="InvalidDataException">The content is not valid IDX; the message names the source, the byte offset and what was expected.</exception>
    public static IdxData Parse(byte[] content, string source, bool wasCompressed = false, int? expectedDimensions = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var where = wasCompressed ? " of the decompressed content" : "";
        InvalidDataException Error(long offset, string message) =>
            new($"{source}: at byte {offset}{where}: {message}");

        if (content.Length < 4)
        {
            throw Error(content.Length, $"the file ends after {content.Length} byte(s); an IDX header needs at least 4 (magic number).");
        }
        if (content[0] != 0 || content[1] != 0)
        {
            throw Error(0, $"expected the IDX magic number to start with two zero bytes (e.g. 00 00 08 03 = 2051 for images, 00 00 08 01 = 2049 for labels) but found {content[0]:x2} {content[1]:x2}; this is not an IDX file.");
        }
        if (content[2] != UnsignedByteType)
        {
            throw Error(2, $"expected data type 0x08 (unsigned byte) but found 0x{content[2]:x2}; only unsigned-byte IDX files (like MNIST) are supported.");
        }
        int ndims = content[3];
        if (expectedDimensions is int want && ndims != want)
        {
            var expectedMagic = 0x0800 | want;
            throw Error(0, $"expected magic number {expectedMagic} ({(want == 3 ? "images" : want == 1 ? "labels" : $"{want} dimensions")}) but found {BinaryPrimitives.ReadInt32BigEndian(content)} ({ndims} dimension(s)).");
        }
        if (ndims == 0)
        {
            throw Error(3, "expected at least one dimension but the header says 0.");
        }
        var headerLength = 4 + 4 * ndims;
        if (content.Length < headerLength)
        {
            throw Error(content.Length, $"the file ends inside the header: {ndims} dimension(s) need {headerLength} header bytes but the file has {content.Length}.");
        }
        var dims = new int[ndims];
        long expectedLength = 1;
        for (var d = 0; d < ndims; d++)
        {
            var offset = 4 + 4 * d;
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(offset));
            if (dims[d] < 0)
            {
                throw Error(offset, $"dimension {d} is negative ({dims[d]}).");
            }
            expectedLength *= dims[d];
            if (expectedLength > Array.MaxLength)
            {
                throw Error(offset, $"the dimensions {string.Join(" x ", dims[..(d + 1)])} describe more values than fit in memory; the header is probably damaged.");
            }
        }
        var dataLength = content.Length - headerLength;
        if (dataLength != expectedLength)
        {
            var problem = dataLength < expectedLength ? "the file is truncated" : "the file has extra bytes at the end";
            throw Error(content.Length < headerLength + expectedLength ? content.Length : headerLength + expectedLength,
                $"expected {expectedLength} data bytes after the {headerLength}-byte header for dimensions {string.Join(" x ", dims)} (total {headerLength + expectedLength}) but found {dataLength} ({problem}).");
        }
        return new IdxData(source, dims, content.AsSpan(headerLength).ToArray());
    }
}
