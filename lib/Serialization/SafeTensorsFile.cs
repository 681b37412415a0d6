using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookCourse.Data;

namespace NotebookCourse.Serialization;

/// <summary>
/// Reads and writes named float32 tensors in the safetensors layout, so a file saved here opens in
/// Python with <c>safetensors.torch.load_file</c>:
/// <code>
/// [8 bytes: header length N, little-endian u64][N bytes: JSON header][raw little-endian tensor bytes]
/// header = { "__metadata__": { string: string }, "name": { "dtype": "F32", "shape": [...], "data_offsets": [begin, end] } }
/// </code>
/// Loading only parses JSON and copies numbers: it cannot run code. Sizes are checked before anything
/// is allocated, and a SHA-256 of the whole file (kept in the metadata) catches any flipped bit.
/// </summary>
/// <remarks>
/// <para><b>The checksum.</b> The metadata entry <c>"notebookcourse.file_sha256"</c> holds the SHA-256 of the
/// whole file, computed with its own 64 hex digits written as zeros, so it covers the length, the header
/// (architecture, training setup, shapes) and the data. Python checks it with
/// <c>hashlib.sha256(raw.replace(digest.encode(), b"0" * 64, 1))</c>. Files written before it existed
/// carry <c>"notebookcourse.sha256"</c> instead, the SHA-256 of the data bytes alone; it is still checked.</para>
/// <para><b>What a file may hold</b> is bounded by its size: every tensor holds at least one value, so the
/// header may list at most (data bytes ÷ 4) tensors; names must be unique; <c>__metadata__</c> must be an
/// object of strings. The header is read as a stream of JSON tokens, without building a document, so
/// reading takes time and memory in proportion to the file.</para>
/// </remarks>
public static class SafeTensorsFile
{
    /// <summary>The largest header accepted, so a corrupted length cannot make us allocate gigabytes.</summary>
    public const int MaxHeaderBytes = 16 * 1024 * 1024;

    /// <summary>The metadata entry holding the SHA-256 of the whole file (its own digits read as zeros).</summary>
    internal const string FileChecksumKey = "notebookcourse.file_sha256";

    /// <summary>The metadata entry of files written before <see cref="FileChecksumKey"/>: the SHA-256 of the data bytes only.</summary>
    internal const string DataChecksumKey = "notebookcourse.sha256";

    private const string MetadataKey = "__metadata__";

    /// <summary>What a file's checksum covered when it was read.</summary>
    internal enum Integrity
    {
        /// <summary>The file carries no checksum (a plain safetensors file, e.g. from Python).</summary>
        None,

        /// <summary>The SHA-256 of the data bytes only (files written before the whole-file checksum).</summary>
        Data,

        /// <summary>The SHA-256 of the whole file: length, header and data.</summary>
        WholeFile,
    }

    /// <summary>A file's tensors and metadata, and what its checksum covered.</summary>
    internal sealed record Content(List<KeyValuePair<string, Tensor>> Tensors, Dictionary<string, string> Metadata, Integrity Integrity);

    /// <summary>
    /// Writes the tensors (in the given order) and string metadata to <paramref name="path"/> atomically:
    /// into a temporary file first, renamed over the old file only when complete.
    /// </summary>
    /// <exception cref="ArgumentException">Two tensors have the same name, or a metadata key is reserved.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        => Write(path, tensors, metadata, streamFilter: null);

    /// <summary>
    /// <see cref="Write(string, IEnumerable{KeyValuePair{string, Tensor}}, IReadOnlyDictionary{string, string}?)"/>
    /// through a wrapper around the file stream, so tests can make a save fail midway.
    /// </summary>
    internal static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata,
        Func<Stream, Stream>? streamFilter)
    {
        var entries = tensors.ToList();
        var data = new byte[entries.Sum(e => (long)e.Value.Size * sizeof(float))];
        var meta = new JsonObject();
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (key is FileChecksumKey or DataChecksumKey) throw new ArgumentException($"The metadata key '{key}' is reserved for the file's checksum.", nameof(metadata));
            meta[key] = value;
        }
        // The checksum's digits are zeros while the file is hashed, then written in their place.
        var zeros = new string('0', 64);
        meta[FileChecksumKey] = zeros;
        var header = new JsonObject { [MetadataKey] = meta }; // the metadata first, then the tensors in order

        long offset = 0;
        var names = new HashSet<string>();
        foreach (var (name, tensor) in entries)
        {
            if (!names.Add(name)) throw new ArgumentException($"Two tensors are named '{name}'.", nameof(tensors));
            if (name == MetadataKey) throw new ArgumentException($"A tensor cannot be named '{MetadataKey}'.", nameof(tensors));
            var bytes = (long)tensor.Size * sizeof(float);
            var target = data.AsSpan((int)offset, (int)bytes);
            if (BitConverter.IsLittleEndian) MemoryMarshal.AsBytes(tensor.Data.AsSpan(0, tensor.Size)).CopyTo(target);
            else for (var i = 0; i < tensor.Size; i++) BinaryPrimitives.WriteSingleLittleEndian(target[(i * 4)..], tensor.Data[i]);
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray([.. tensor.Shape.Select(d => JsonValue.Create(d))]),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // safetensors pads the header with spaces to a multiple of 8 so the data is aligned.
        var headerBytes = new byte[(json.Length + 7) / 8 * 8];
        json.CopyTo(headerBytes, 0);
        headerBytes.AsSpan(json.Length).Fill((byte)' ');
        var digits = headerBytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"{FileChecksumKey}\":\"{zeros}\"")) + FileChecksumKey.Length + 4; // after `"key":"`
        var length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            hash.AppendData(length);
            hash.AppendData(headerBytes);
            hash.AppendData(data);
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hash.GetHashAndReset()), headerBytes.AsSpan(digits, 64));
        }

        AtomicFile.Write(path, file =>
        {
            var stream = streamFilter is null ? file : streamFilter(file);
            stream.Write(length);
            stream.Write(headerBytes);
            stream.Write(data);
            if (!ReferenceEquals(stream, file)) stream.Flush();
        });
    }

    /// <summary>Reads every tensor and the metadata, checking sizes, offsets and the checksum.</summary>
    /// <exception cref="ModelFileException">The file is missing, truncated, corrupted or not safetensors.</exception>
    public static (List<KeyValuePair<string, Tensor>> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        var content = ReadChecked(path);
        return (content.Tensors, content.Metadata);
    }

    /// <summary><see cref="Read"/>, also telling what the file's checksum covered.</summary>
    /// <exception cref="ModelFileException">The file is missing, truncated, corrupted or not safetensors.</exception>
    internal static Content ReadChecked(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) throw new ModelFileException(path, "this is a folder, not a model file: give the path of a .safetensors file inside it.");
        if (!File.Exists(path)) throw new ModelFileException(path, "file not found.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        var fileLength = stream.Length;
        if (fileLength < 8) throw new ModelFileException(path, $"the file has {fileLength} bytes; a safetensors file starts with an 8-byte header length.");

        var lengthBytes = new byte[8];
        stream.ReadExactly(lengthBytes);
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > fileLength - 8)
        {
            throw new ModelFileException(path,
                $"bytes 0-7 say the header is {headerLength} bytes long, but the file has {fileLength - 8} bytes after them " +
                $"(and at most {MaxHeaderBytes} are accepted): the file is truncated or not a safetensors file.");
        }
        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var dataLength = fileLength - 8 - (long)headerLength;
        var header = new HeaderReader(path, headerBytes, dataLength).Read();

        // The tensors must tile the data section exactly, without gaps or overlaps.
        var layout = header.Tensors;
        var byOffset = Enumerable.Range(0, layout.Count).ToArray();
        Array.Sort(byOffset, (a, b) => layout[a].Begin.CompareTo(layout[b].Begin));
        long expected = 0;
        foreach (var i in byOffset)
        {
            if (layout[i].Begin != expected)
            {
                throw new ModelFileException(path, $"tensor '{layout[i].Name}' starts at data byte {layout[i].Begin}, expected {expected} (gap or overlap).");
            }
            expected = layout[i].End;
        }
        if (expected != dataLength)
        {
            throw new ModelFileException(path, $"the header describes {expected} data bytes but the file has {dataLength} after the header: the file is truncated or has extra bytes.");
        }

        var data = new byte[dataLength];
        stream.ReadExactly(data);
        var integrity = CheckIntegrity(path, header, lengthBytes, headerBytes, data);

        var tensors = new List<KeyValuePair<string, Tensor>>(layout.Count);
        foreach (var (name, shape, begin, end, _) in layout)
        {
            var bytes = data.AsSpan((int)begin, (int)(end - begin));
            var values = new float[bytes.Length / 4];
            if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            else for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
            tensors.Add(new(name, new Tensor(values, shape)));
        }
        return new Content(tensors, header.Metadata, integrity);
    }

    /// <summary>Checks the checksums the file carries; says what they covered.</summary>
    private static Integrity CheckIntegrity(string path, Header header, byte[] lengthBytes, byte[] headerBytes, byte[] data)
    {
        var integrity = Integrity.None;
        if (header.Metadata.Remove(FileChecksumKey, out var fileChecksum))
        {
            var at = header.FileChecksumOffset;
            var saved = headerBytes.AsSpan(at, 64).ToArray();
            headerBytes.AsSpan(at, 64).Fill((byte)'0');
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(lengthBytes);
            hash.AppendData(headerBytes);
            hash.AppendData(data);
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            saved.CopyTo(headerBytes, at);
            if (actual != fileChecksum)
            {
                throw new ModelFileException(path,
                    $"the file does not match the SHA-256 stored in its header at byte {8 + at}: the file is corrupted (a changed byte in the header or the data). " +
                    "Use an intact copy, or save the model again.");
            }
            integrity = Integrity.WholeFile;
        }
        if (header.Metadata.Remove(DataChecksumKey, out var dataChecksum))
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(data));
            if (!string.Equals(actual, dataChecksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelFileException(path, $"the data bytes (from byte {8 + headerBytes.Length}) do not match the SHA-256 in the header: the file is corrupted.");
            }
            if (integrity == Integrity.None) integrity = Integrity.Data;
        }
        return integrity;
    }

    /// <summary>A tensor's place in the file, as the header states it; <c>At</c> is the file byte of its entry.</summary>
    private readonly record struct Entry(string Name, int[] Shape, long Begin, long End, long At);

    private sealed record Header(Dictionary<string, string> Metadata, List<Entry> Tensors, int FileChecksumOffset);

    /// <summary>
    /// Reads the JSON header token by token: no document is built, every problem names the file byte
    /// where it is, and the number of tensors is bounded by the data bytes that follow.
    /// </summary>
    private ref struct HeaderReader(string path, byte[] headerBytes, long dataLength)
    {
        private Utf8JsonReader _json = new(headerBytes, new JsonReaderOptions { MaxDepth = 4 });

        /// <summary>The sizes of the shape being read, reused from tensor to tensor.</summary>
        private readonly List<int> _shape = [];

        /// <summary>The file byte where the current token starts (the header begins at byte 8).</summary>
        private readonly long At => 8 + _json.TokenStartIndex;

        public Header Read()
        {
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var tensors = new List<Entry>();
            var names = new Dictionary<string, long>(StringComparer.Ordinal);
            var fileChecksumOffset = -1;
            var maxTensors = dataLength / sizeof(float); // each tensor holds at least one float
            try
            {
                if (!_json.Read() || _json.TokenType != JsonTokenType.StartObject) throw Error(At, "the header is not a JSON object.");
                while (Next() == JsonTokenType.PropertyName)
                {
                    var at = At;
                    var name = _json.GetString()!;
                    if (names.TryGetValue(name, out var first))
                    {
                        throw Error(at, $"the header lists '{name}' twice (also at byte {first}); each tensor name must be unique.");
                    }
                    names[name] = at;
                    if (name == MetadataKey)
                    {
                        fileChecksumOffset = ReadMetadata(metadata);
                        continue;
                    }
                    if (tensors.Count >= maxTensors)
                    {
                        throw Error(at, $"the header lists more than {tensors.Count} tensors, but the {dataLength} data bytes after it can hold at most {maxTensors} " +
                            "(each tensor holds at least one 4-byte value): the header is damaged or the file is cut short.");
                    }
                    tensors.Add(ReadEntry(name, at));
                }
                if (_json.Read()) throw Error(At, "unexpected content after the header's closing brace.");
            }
            catch (JsonException e)
            {
                throw Error(8 + (e.BytePositionInLine ?? 0), $"the header is not valid JSON ({e.Message.Split(" LineNumber:")[0]}).", e);
            }
            catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
            {
                throw Error(At, "the header holds a name or text that is not valid UTF-8.", e);
            }
            return new Header(metadata, tensors, fileChecksumOffset);
        }

        /// <summary>Reads <c>__metadata__</c>, an object of strings; returns the header offset of the whole-file checksum's digits (or -1).</summary>
        private int ReadMetadata(Dictionary<string, string> metadata)
        {
            if (Next() != JsonTokenType.StartObject)
            {
                throw Error(At, $"\"{MetadataKey}\" is {Kind(_json.TokenType)}; expected an object whose values are strings.");
            }
            var checksumOffset = -1;
            while (Next() == JsonTokenType.PropertyName)
            {
                var at = At;
                var key = _json.GetString()!;
                if (Next() != JsonTokenType.String) throw Error(At, $"metadata '{key}' is {Kind(_json.TokenType)}; metadata values must be strings.");
                if (!metadata.TryAdd(key, _json.GetString()!)) throw Error(at, $"metadata '{key}' is given twice.");
                if (key == FileChecksumKey)
                {
                    if (_json.ValueIsEscaped || _json.ValueSpan.Length != 64 || _json.ValueSpan.IndexOfAnyExcept("0123456789abcdef"u8) >= 0)
                    {
                        throw Error(At, $"metadata '{key}' should be 64 lower-case hex digits (a SHA-256).");
                    }
                    checksumOffset = (int)_json.TokenStartIndex + 1; // after the opening quote
                }
            }
            return checksumOffset;
        }

        private Entry ReadEntry(string name, long at)
        {
            string Where() => Describe(name);
            if (Next() != JsonTokenType.StartObject) throw Error(At, $"{Where()} is {Kind(_json.TokenType)}; expected {{\"dtype\": ..., \"shape\": [...], \"data_offsets\": [begin, end]}}.");
            string? dtype = null;
            int[]? shape = null;
            (long Begin, long End)? offsets = null;
            while (Next() == JsonTokenType.PropertyName)
            {
                var keyAt = At;
                var key = _json.GetString();
                if ((key == "dtype" && dtype is not null) || (key == "shape" && shape is not null) || (key == "data_offsets" && offsets is not null))
                {
                    throw Error(keyAt, $"{Where()} gives '{key}' twice.");
                }
                switch (key)
                {
                    case "dtype":
                        if (Next() != JsonTokenType.String || !_json.ValueTextEquals("F32"u8))
                        {
                            throw Error(At, $"{Where()} has dtype '{(_json.TokenType == JsonTokenType.String ? _json.GetString() : "")}'; only F32 (float32) is supported.");
                        }
                        dtype = "F32";
                        break;
                    case "shape":
                        shape = ReadShape(name);
                        break;
                    case "data_offsets":
                        offsets = ReadOffsets(name);
                        break;
                    default:
                        Next();
                        _json.Skip();
                        break;
                }
            }
            if (dtype is null || shape is null || offsets is null)
            {
                throw Error(at, $"{Where()} needs 'dtype', 'shape' (array) and 'data_offsets' ([begin, end]).");
            }
            long count = 1;
            foreach (var d in shape) count *= d; // bounded: ReadShape checked it against the data bytes
            var (begin, end) = offsets.Value;
            if (count == 0)
            {
                throw Error(at, $"{Where()} has shape {Tensor.ShapeText(shape)}, with no values; every tensor must hold at least one.");
            }
            if (end > dataLength && begin >= 0 && end - begin == count * 4)
            {
                throw Error(at, $"{Where()}: its data ends at data byte {end}, but only {dataLength} bytes follow the header: the file is truncated.");
            }
            if (begin < 0 || end < begin || end > dataLength || end - begin != count * 4)
            {
                throw Error(at, $"{Where()}: data_offsets [{begin}, {end}] do not fit shape {Tensor.ShapeText(shape)} ({count * 4} bytes) within {dataLength} data bytes.");
            }
            return new Entry(name, shape, begin, end, at);
        }

        private int[] ReadShape(string name)
        {
            if (Next() != JsonTokenType.StartArray) throw Error(At, $"{Describe(name)}: 'shape' is {Kind(_json.TokenType)}; expected an array of sizes.");
            var shape = _shape;
            shape.Clear();
            long count = 1;
            while (Next() != JsonTokenType.EndArray)
            {
                if (_json.TokenType != JsonTokenType.Number || !_json.TryGetInt32(out var d) || d < 0)
                {
                    throw Error(At, $"{Describe(name)}: shape entry {shape.Count} is not a non-negative integer.");
                }
                shape.Add(d);
                count *= d;
                if (count * 4 > dataLength)
                {
                    throw Error(At,
                        $"{Describe(name)}: shape {Tensor.ShapeText([.. shape])} needs more bytes than the {dataLength} that follow the header: the file is truncated or its header is damaged.");
                }
            }
            return [.. shape];
        }

        private (long Begin, long End) ReadOffsets(string name)
        {
            var at = At;
            if (Next() == JsonTokenType.StartArray
                && Next() == JsonTokenType.Number && _json.TryGetInt64(out var begin)
                && Next() == JsonTokenType.Number && _json.TryGetInt64(out var end)
                && Next() == JsonTokenType.EndArray)
            {
                return (begin, end);
            }
            throw Error(at, $"{Describe(name)}: data_offsets must be two integers [begin, end].");
        }

        private JsonTokenType Next() => _json.Read() ? _json.TokenType : throw Error(8 + headerBytes.Length, "the header ends in the middle of its JSON.");

        private static string Describe(string name) => $"tensor '{name}' in the header";

        private static string Kind(JsonTokenType token) => token switch
        {
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "true/false",
            JsonTokenType.Null => "null",
            _ => "not a value",
        };

        private readonly ModelFileException Error(long at, string message, Exception? inner = null) => new(path, $"at byte {at}: {message}", inner);
    }
}
