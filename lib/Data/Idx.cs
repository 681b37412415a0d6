using System.Buffers.Binary;
using System.IO.Compression;

namespace NotebookCourse.Data;

/// <summary>
/// Reads IDX files, the simple binary format of MNIST: a big-endian header (two zero bytes, a type
/// byte 0x08 for unsigned bytes, the number of dimensions, then each dimension as an int32)
/// followed by the values.
/// </summary>
/// <remarks>
/// <para><b>Compression is recognised by content, not by name.</b> A file that starts with the gzip
/// signature 1f 8b is decompressed; any other file is read as uncompressed IDX. A <c>.gz</c> file that
/// is not gzip (browsers sometimes save a download already decompressed under its <c>.gz</c> name) is
/// therefore read as it is, and any error about it says it was not gzip-compressed.</para>
/// <para><b>Memory is bounded by what the file proves.</b> Nothing is allocated from the gzip size
/// trailer alone. The header's dimensions are checked against the bytes present before the data is
/// allocated: exactly, for an uncompressed file; against deflate's largest expansion (1032 to 1), for
/// a gzip file, whose data then grows in steps as it is decompressed. A damaged or cut-short gzip
/// file is reported as such, with the decompressed byte where it went wrong.</para>
/// </remarks>
public static class Idx
{
    /// <summary>The type byte for unsigned 8-bit values, the only type MNIST uses.</summary>
    public const byte UnsignedByteType = 0x08;

    /// <summary>The most one compressed byte can become in a deflate stream (zlib's documented limit).</summary>
    internal const long MaxGzipExpansion = 1032;

    /// <summary>
    /// Reads an IDX file, raw or gzip-compressed, checking its header and that the data has exactly
    /// the length the dimensions promise.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist, or the path is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid IDX file, or its compression is damaged; the message names the file, the byte offset and what was expected.</exception>
    public static IdxData Read(string path) => ReadFile(path, expectedDimensions: null);

    /// <summary>Reads an IDX file of images (magic 2051: unsigned bytes, 3 dimensions).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist, or the path is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid IDX images file.</exception>
    public static IdxData ReadImages(string path) => ReadFile(path, expectedDimensions: 3);

    /// <summary>Reads an IDX file of labels (magic 2049: unsigned bytes, 1 dimension).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist, or the path is a folder.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid IDX labels file.</exception>
    public static IdxData ReadLabels(string path) => ReadFile(path, expectedDimensions: 1);

    /// <summary>
    /// Parses IDX content that is already in memory, raw or gzip-compressed (recognised by its first
    /// bytes). <paramref name="source"/> names it in errors; <paramref name="expectedDimensions"/>, when
    /// given, must match the header (3 images, 1 labels).
    /// </summary>
    /// <exception cref="InvalidDataException">The content is not valid IDX; the message names the source, the byte offset and what was expected.</exception>
    public static IdxData Parse(byte[] content, string source, int? expectedDimensions = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(source);
        using var stream = new MemoryStream(content, writable: false);
        return Read(stream, source, expectedDimensions);
    }

    private static IdxData ReadFile(string path, int? expectedDimensions)
    {
        DataFile.EnsureExists(path, "an", "IDX");
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(file, path, expectedDimensions);
    }

    /// <summary>Reads IDX from a seekable stream holding a whole file, raw or gzip-compressed.</summary>
    internal static IdxData Read(Stream file, string source, int? expectedDimensions)
    {
        Span<byte> signature = stackalloc byte[2];
        var compressed = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false) == 2 && signature[0] == 0x1f && signature[1] == 0x8b;
        file.Position = 0;
        if (!compressed)
        {
            var note = source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? " (the file is named .gz but is not gzip-compressed, as it does not start with 1f 8b, so it was read as uncompressed IDX)"
                : "";
            return new Reader(file, source, compressed: false, note, maxContentLength: file.Length).Read(expectedDimensions);
        }
        using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        var reader = new Reader(gzip, source, compressed: true, " of the decompressed content", maxContentLength: file.Length * MaxGzipExpansion);
        return reader.Read(expectedDimensions, gzipFile: file);
    }

    /// <summary>One pass over an IDX stream: header, checks, data, and nothing after it.</summary>
    private sealed class Reader(Stream content, string source, bool compressed, string where, long maxContentLength)
    {
        /// <summary>Bytes of (decompressed) content read so far: the position errors name.</summary>
        private long _position;

        public IdxData Read(int? expectedDimensions, Stream? gzipFile = null)
        {
            Span<byte> magic = stackalloc byte[4];
            var got = Fill(magic);
            if (got < 4)
            {
                throw Error(got, $"the file ends after {got} byte(s); an IDX header needs at least 4 (magic number).");
            }
            if (magic[0] != 0 || magic[1] != 0)
            {
                throw Error(0, $"expected the IDX magic number to start with two zero bytes (e.g. 00 00 08 03 = 2051 for images, 00 00 08 01 = 2049 for labels) but found {magic[0]:x2} {magic[1]:x2}; this is not an IDX file.");
            }
            if (magic[2] != UnsignedByteType)
            {
                throw Error(2, $"expected data type 0x08 (unsigned byte) but found 0x{magic[2]:x2}; only unsigned-byte IDX files (like MNIST) are supported.");
            }
            int ndims = magic[3];
            if (expectedDimensions is int want && ndims != want)
            {
                var expectedMagic = 0x0800 | want;
                throw Error(0, $"expected magic number {expectedMagic} ({(want == 3 ? "images" : want == 1 ? "labels" : $"{want} dimensions")}) but found {BinaryPrimitives.ReadInt32BigEndian(magic)} ({ndims} dimension(s)).");
            }
            if (ndims == 0)
            {
                throw Error(3, "expected at least one dimension but the header says 0.");
            }

            var headerLength = 4 + 4 * ndims;
            Span<byte> sizes = stackalloc byte[4 * ndims];
            got = Fill(sizes);
            if (got < sizes.Length)
            {
                throw Error(4 + got, $"the file ends inside the header: {ndims} dimension(s) need {headerLength} header bytes but the file has {4 + got}.");
            }
            var dims = new int[ndims];
            long expected = 1;
            for (var d = 0; d < ndims; d++)
            {
                dims[d] = BinaryPrimitives.ReadInt32BigEndian(sizes[(4 * d)..]);
                if (dims[d] < 0) throw Error(4 + 4 * d, $"dimension {d} is negative ({dims[d]}).");
                expected *= dims[d];
                if (expected > Array.MaxLength)
                {
                    throw Error(4 + 4 * d, $"the dimensions {string.Join(" x ", dims[..(d + 1)])} describe more values than fit in memory; the header is probably damaged.");
                }
            }
            var shape = string.Join(" x ", dims);

            // What the file can hold bounds what may be allocated: exactly for a raw file, by deflate's
            // largest expansion for a gzip file.
            if (headerLength + expected > maxContentLength)
            {
                throw compressed
                    ? Error(headerLength, $"the dimensions {shape} promise {expected} data bytes, but a gzip file of {maxContentLength / MaxGzipExpansion} bytes can hold at most {maxContentLength} (deflate expands at most {MaxGzipExpansion} to 1): the header is damaged or the file is cut short.")
                    : Error(maxContentLength, $"expected {expected} data bytes after the {headerLength}-byte header for dimensions {shape} (total {headerLength + expected}) but found {maxContentLength - headerLength} (the file is truncated).");
            }
            if (!compressed && headerLength + expected < maxContentLength)
            {
                throw Error(headerLength + expected, $"expected {expected} data bytes after the {headerLength}-byte header for dimensions {shape} (total {headerLength + expected}) but found {maxContentLength - headerLength} (the file has extra bytes at the end).");
            }

            var data = ReadData((int)expected, gzipFile, headerLength, shape);
            return new IdxData(source, dims, data);
        }

        /// <summary>
        /// The data bytes. A raw file's length was checked, so its array is allocated at once. A gzip
        /// file's array starts at 8 times the compressed size (more than MNIST's files expand) and doubles
        /// as data actually arrives, up to what the header promises: memory stays in proportion to the
        /// file and to the data really in it.
        /// </summary>
        private byte[] ReadData(int expected, Stream? gzipFile, int headerLength, string shape)
        {
            var data = new byte[gzipFile is null ? expected : (int)Math.Min(expected, Math.Max(1 << 16, 8 * gzipFile.Length))];
            var filled = 0;
            while (filled < expected)
            {
                if (filled == data.Length) Array.Resize(ref data, (int)Math.Min(expected, 2L * data.Length));
                var read = ReadSome(data.AsSpan(filled));
                if (read == 0)
                {
                    var cutShort = gzipFile is not null && !GzipTrailerMatches(gzipFile, _position)
                        ? " The gzip file itself ends early (its trailer does not match the data): it was cut short, e.g. by an interrupted download; get it again."
                        : "";
                    throw Error(_position, $"expected {expected} data bytes after the {headerLength}-byte header for dimensions {shape} (total {headerLength + (long)expected}) but found {filled} (the file is truncated).{cutShort}");
                }
                filled += read;
            }
            // Nothing may follow the data. Reading a gzip stream to its end also checks its CRC.
            Span<byte> rest = stackalloc byte[4096];
            long extra = 0;
            for (var read = ReadSome(rest); read > 0; read = ReadSome(rest)) extra += read;
            if (extra > 0)
            {
                throw Error(headerLength + (long)expected, $"expected {expected} data bytes after the {headerLength}-byte header for dimensions {shape} (total {headerLength + (long)expected}) but found {expected + extra} (the file has extra bytes at the end).");
            }
            return data;
        }

        /// <summary>Reads until <paramref name="buffer"/> is full or the content ends; returns the bytes read.</summary>
        private int Fill(Span<byte> buffer)
        {
            var total = 0;
            for (var read = -1; total < buffer.Length && read != 0; total += read) read = ReadSome(buffer[total..]);
            return total;
        }

        /// <summary>One read, turning a decompression failure into an error that says the gzip data is damaged, and where.</summary>
        private int ReadSome(Span<byte> buffer)
        {
            int read;
            try
            {
                read = content.Read(buffer);
            }
            catch (InvalidDataException e) when (compressed)
            {
                throw new InvalidDataException(
                    $"{source}: the gzip-compressed data is damaged: decompression failed after {_position} decompressed bytes ({e.Message}). Get the file again.", e);
            }
            _position += read;
            return read;
        }

        private InvalidDataException Error(long offset, string message) => new($"{source}: at byte {offset}{where}: {message}");

        /// <summary>Whether the gzip file ends with a trailer whose size (ISIZE, mod 2^32) matches the bytes decompressed: a complete stream.</summary>
        private static bool GzipTrailerMatches(Stream file, long decompressed)
        {
            if (file.Length < 18) return false;
            Span<byte> size = stackalloc byte[4];
            file.Position = file.Length - 4;
            file.ReadExactly(size);
            return BinaryPrimitives.ReadUInt32LittleEndian(size) == (uint)decompressed;
        }
    }
}
