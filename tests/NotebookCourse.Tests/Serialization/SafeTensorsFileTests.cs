using System.Text.Json;
using NotebookCourse.Data;
using NotebookCourse.Serialization;

namespace NotebookCourse.Tests.Serialization;

/// <summary>The safetensors layout: round trips, the specification's byte layout, and damaged files.</summary>
public sealed class SafeTensorsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("safetensors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static List<KeyValuePair<string, Tensor>> Sample() =>
    [
        new("layer.weight", new Tensor([1.5f, -0f, float.Epsilon, float.MaxValue, float.NaN, -3.25f], [2, 3])),
        new("layer.bias", new Tensor([0.1f, 0.2f, 0.3f], [3])),
        new("scalar", new Tensor([42f], [])),
    ];

    [Fact]
    public void Round_trip_is_bit_exact_and_keeps_names_shapes_and_metadata()
    {
        var path = PathOf("model.safetensors");
        SafeTensorsFile.Write(path, Sample(), new Dictionary<string, string> { ["note"] = "hello 한국어" });
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        Assert.Equal(Sample().Select(t => t.Key), tensors.Select(t => t.Key));
        foreach (var (expected, actual) in Sample().Zip(tensors))
        {
            Assert.Equal(expected.Value.Shape, actual.Value.Shape);
            Assert.Equal(expected.Value.Data.Select(BitConverter.SingleToInt32Bits), actual.Value.Data.Select(BitConverter.SingleToInt32Bits));
        }
        Assert.Equal("hello 한국어", metadata["note"]);
    }

    [Fact]
    public void Layout_matches_the_safetensors_specification()
    {
        var path = PathOf("spec.safetensors");
        SafeTensorsFile.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        var headerLength = (long)BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        var bias = header.RootElement.GetProperty("layer.bias");
        Assert.Equal("F32", bias.GetProperty("dtype").GetString());
        Assert.Equal(3, bias.GetProperty("shape")[0].GetInt32());
        var begin = bias.GetProperty("data_offsets")[0].GetInt64();
        Assert.Equal(0.2f, BitConverter.ToSingle(bytes, (int)(8 + headerLength + begin + 4)));
        Assert.Equal(8 + headerLength + (6 + 3 + 1) * 4, bytes.Length);
    }

    [Fact]
    public void A_truncated_file_is_rejected_with_the_reason()
    {
        var path = PathOf("truncated.safetensors");
        SafeTensorsFile.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        var error = Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("truncated", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_flipped_bit_in_the_data_is_detected_by_the_checksum()
    {
        var path = PathOf("flipped.safetensors");
        SafeTensorsFile.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("corrupted", error.Message);
    }

    [Fact]
    public void A_flipped_bit_in_the_header_is_rejected()
    {
        var path = PathOf("header.safetensors");
        SafeTensorsFile.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 8, 60);
        var brace = text.IndexOf('{');
        bytes[8 + brace] ^= 0x01; // '{' becomes 'z'
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void An_oversized_header_length_is_rejected_before_allocating()
    {
        var path = PathOf("huge.safetensors");
        var bytes = new byte[64];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), ulong.MaxValue / 2);
        File.WriteAllBytes(path, bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
        Assert.Contains("bytes 0-7", error.Message);
    }

    [Fact]
    public void A_shape_that_does_not_fit_its_offsets_is_rejected()
    {
        var path = PathOf("lying.safetensors");
        var header = """{"w":{"dtype":"F32","shape":[1000000,1000000],"data_offsets":[0,8]}}""";
        WriteRaw(path, header, new byte[8]);
        var error = Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("'w'", error.Message);
    }

    [Fact]
    public void Other_dtypes_are_rejected_by_name()
    {
        var path = PathOf("f16.safetensors");
        WriteRaw(path, """{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", new byte[4]);
        var error = Assert.Throws<ModelFileException>(() => SafeTensorsFile.Read(path));
        Assert.Contains("F16", error.Message);
    }

    [Fact]
    public void A_failed_save_leaves_the_previous_file_intact_and_no_temporary_file()
    {
        var path = PathOf("keep.safetensors");
        SafeTensorsFile.Write(path, Sample());
        var before = File.ReadAllBytes(path);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new InvalidOperationException("simulated crash mid-save");
        }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_folder));
    }

    private static void WriteRaw(string path, string header, byte[] data)
    {
        var headerBytes = System.Text.Encoding.UTF8.GetBytes(header);
        using var stream = File.Create(path);
        stream.Write(BitConverter.GetBytes((ulong)headerBytes.Length));
        stream.Write(headerBytes);
        stream.Write(data);
    }
}
