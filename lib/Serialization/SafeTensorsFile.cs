using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookCourse.Serialization;

/// <summary>
/// Reads and writes named float32 tensors in the safetensors layout, so a file saved here opens in
/// Python with <c>safetensors.torch.load_file</c>:
/// <code>
/// [8 bytes: header length N, little-endian u64][N bytes: JSON header][raw little-endian tensor bytes]
/// header = { "__metadata__": { string: string }, "name": { "dtype": "F32", "shape": [...], "data_offsets": [begin, end] } }
/// </code>
/// Loading only parses JSON and copies numbers: it cannot run code. Sizes are checked before anything
/// is allocated, and a SHA-256 of the data bytes (kept in the metadata) catches flipped bits.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>The largest header accepted, so a corrupted length cannot make us allocate gigabytes.</summary>
    public const int MaxHeaderBytes = 16 * 1024 * 1024;

    private const string ChecksumKey = "notebookcourse.sha256";

    /// <summary>
    /// Writes the tensors (in the given order) and string metadata to <paramref name="path"/> atomically:
    /// into a temporary file first, renamed over the old file only when complete.
    /// </summary>
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
        var header = new JsonObject();
        var meta = new JsonObject();
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>()) meta[key] = value;

        long offset = 0;
        var names = new HashSet<string>();
        foreach (var (name, tensor) in entries)
        {
            if (!names.Add(name)) throw new ArgumentException($"Two tensors are named '{name}'.", nameof(tensors));
            var bytes = (long)tensor.Size * sizeof(float);
            for (var i = 0; i < tensor.Size; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan((int)(offset + i * 4L), 4), tensor.Data[i]);
            }
            header[name] = new JsonObject
            {
                ["dtype"] = "F32",
                ["shape"] = new JsonArray([.. tensor.Shape.Select(d => JsonValue.Create(d))]),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        meta[ChecksumKey] = Convert.ToHexStringLower(SHA256.HashData(data));
        var withMetadata = new JsonObject { ["__metadata__"] = meta };
        foreach (var (key, value) in header) withMetadata[key] = value!.DeepClone();

        var headerBytes = Encoding.UTF8.GetBytes(withMetadata.ToJsonString());
        // safetensors pads the header with spaces to a multiple of 8 so the data is aligned.
        var padded = (headerBytes.Length + 7) / 8 * 8;
        AtomicFile.Write(path, file =>
        {
            var stream = streamFilter is null ? file : streamFilter(file);
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
            stream.Write(length);
            stream.Write(headerBytes);
            for (var i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
            stream.Write(data);
            if (!ReferenceEquals(stream, file)) stream.Flush();
        });
    }

    /// <summary>Reads every tensor and the metadata, checking sizes, offsets and the checksum.</summary>
    /// <exception cref="ModelFileException">The file is missing, truncated, corrupted or not safetensors.</exception>
    public static (List<KeyValuePair<string, Tensor>> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, "file not found.");
        using var stream = File.OpenRead(path);
        var fileLength = stream.Length;
        if (fileLength < 8) throw new ModelFileException(path, $"the file has {fileLength} bytes; a safetensors file starts with an 8-byte header length.");

        Span<byte> lengthBytes = stackalloc byte[8];
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

        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes) as JsonObject
                ?? throw new ModelFileException(path, "the header at byte 8 is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, $"the header at byte 8 is not valid JSON ({e.Message}).", e);
        }

        var dataStart = 8 + (long)headerLength;
        var dataLength = fileLength - dataStart;
        var metadata = new Dictionary<string, string>();
        var layout = new List<(string Name, int[] Shape, long Begin, long End)>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (key, value) in node?.AsObject() ?? [])
                {
                    metadata[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
                        : throw new ModelFileException(path, $"metadata '{key}' must be a string.");
                }
                continue;
            }
            layout.Add(ReadEntry(path, name, node, dataLength));
        }

        // The tensors must tile the data section exactly, without gaps or overlaps.
        long expected = 0;
        foreach (var entry in layout.OrderBy(e => e.Begin))
        {
            if (entry.Begin != expected)
            {
                throw new ModelFileException(path, $"tensor '{entry.Name}' starts at data byte {entry.Begin}, expected {expected} (gap or overlap).");
            }
            expected = entry.End;
        }
        if (expected != dataLength)
        {
            throw new ModelFileException(path, $"the header describes {expected} data bytes but the file has {dataLength} after the header: the file is truncated or has extra bytes.");
        }

        var data = new byte[dataLength];
        stream.ReadExactly(data);
        if (metadata.TryGetValue(ChecksumKey, out var checksum))
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(data));
            if (!string.Equals(actual, checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelFileException(path, $"the data bytes (from byte {dataStart}) do not match the SHA-256 in the header: the file is corrupted.");
            }
        }

        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (name, shape, begin, end) in layout)
        {
            var values = new float[(end - begin) / 4];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan((int)(begin + i * 4L), 4));
            }
            tensors.Add(new(name, new Tensor(values, shape)));
        }
        metadata.Remove(ChecksumKey);
        return (tensors, metadata);
    }

    private static (string Name, int[] Shape, long Begin, long End) ReadEntry(string path, string name, JsonNode? node, long dataLength)
    {
        string Where() => $"tensor '{name}' in the header";
        if (node is not JsonObject entry) throw new ModelFileException(path, $"{Where()} is not an object.");
        var dtype = entry["dtype"]?.GetValueKind() == JsonValueKind.String ? entry["dtype"]!.GetValue<string>() : null;
        if (dtype != "F32") throw new ModelFileException(path, $"{Where()} has dtype '{dtype}'; only F32 (float32) is supported.");
        if (entry["shape"] is not JsonArray shapeArray || entry["data_offsets"] is not JsonArray offsets || offsets.Count != 2)
        {
            throw new ModelFileException(path, $"{Where()} needs 'shape' (array) and 'data_offsets' ([begin, end]).");
        }
        var shape = new int[shapeArray.Count];
        long count = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shapeArray[i]?.GetValueKind() != JsonValueKind.Number || !shapeArray[i]!.AsValue().TryGetValue(out int d) || d < 0)
            {
                throw new ModelFileException(path, $"{Where()}: shape entry {i} is not a non-negative integer.");
            }
            shape[i] = d;
            count *= d;
            if (count * 4 > dataLength)
            {
                throw new ModelFileException(path,
                    $"{Where()}: shape {Tensor.ShapeText(shape[..(i + 1)])} needs more bytes than the {dataLength} that follow the header: the file is truncated or its header is damaged.");
            }
        }
        if (offsets[0]?.GetValueKind() != JsonValueKind.Number || offsets[1]?.GetValueKind() != JsonValueKind.Number
            || !offsets[0]!.AsValue().TryGetValue(out long begin) || !offsets[1]!.AsValue().TryGetValue(out long end))
        {
            throw new ModelFileException(path, $"{Where()}: data_offsets must be two integers.");
        }
        if (end > dataLength && begin >= 0 && end - begin == count * 4)
        {
            throw new ModelFileException(path,
                $"{Where()}: its data ends at data byte {end}, but only {dataLength} bytes follow the header: the file is truncated.");
        }
        if (begin < 0 || end < begin || end > dataLength || end - begin != count * 4)
        {
            throw new ModelFileException(path,
                $"{Where()}: data_offsets [{begin}, {end}] do not fit shape {Tensor.ShapeText(shape)} ({count * 4} bytes) within {dataLength} data bytes.");
        }
        return (name, shape, begin, end);
    }
}
