using System.Text;
using System.Text.Json;
using NotebookCourse.Layers;
using NotebookCourse.Optimizers;
using NotebookCourse.Serialization;
using NotebookCourse.Training;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>
/// The SHA-256 in a model file covers the whole file, so a flipped bit in the architecture or the training
/// setup is refused like one in the weights; files saved before (format version 1) keep loading bit for bit.
/// </summary>
public sealed class ModelFileIntegrityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelfile-integrity-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A model with dropout (so the file's architecture holds a seed), trained and saved.</summary>
    private string SavedModel() => ModelFileTestData.SavedModel(_folder,
        model: new Sequential(new Dense(8, "relu", inputSize: 4, random: new Random(1)), new Dropout(0.5f, seed: 2), new Dense(3, "softmax", random: new Random(2))));

    /// <summary>
    /// Flips one bit of the header: in the first <paramref name="value"/> after <paramref name="key"/>, at
    /// <paramref name="index"/> within it, as a bad disk sector or a faulty copy would.
    /// </summary>
    private static void FlipInHeader(string path, string key, string value, int index, byte bit)
    {
        var bytes = File.ReadAllBytes(path);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)BitConverter.ToUInt64(bytes, 0));
        var at = header.IndexOf(value, header.IndexOf(key, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.True(at > 0, $"'{value}' after '{key}' is not in the header");
        bytes[8 + at + index] ^= bit;
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void A_dropout_rate_changed_by_a_flipped_bit_is_refused()
    {
        var path = SavedModel();
        FlipInHeader(path, "rate", "0.5", 2, 0x02); // 0.5 becomes 0.7, still valid JSON
        var message = LoadFails(path).Message;
        Assert.Contains("does not match the SHA-256 stored in its header at byte", message);
        Assert.Contains("corrupted", message);
    }

    [Fact]
    public void A_learning_rate_multiplied_by_nine_by_a_flipped_bit_is_refused()
    {
        var path = SavedModel();
        FlipInHeader(path, "learning_rate", "0.01", 3, 0x08); // 0.01 becomes 0.09
        Assert.Contains("does not match the SHA-256", LoadFails(path).Message);
        Assert.Throws<ModelFileException>(() => CreateModelWithDropout().LoadWeights(path)); // weights-only loading checks it too
    }

    [Fact]
    public void Every_single_flipped_bit_anywhere_in_the_file_is_refused()
    {
        var path = SavedModel();
        var good = File.ReadAllBytes(path);
        var damaged = Path.Combine(_folder, "damaged.safetensors");
        var loadedAnyway = new List<int>();
        for (var i = 0; i < good.Length; i++)
        {
            var bytes = (byte[])good.Clone();
            bytes[i] ^= (byte)(1 << (i % 8));
            File.WriteAllBytes(damaged, bytes);
            try
            {
                Sequential.Load(damaged);
                loadedAnyway.Add(i);
            }
            catch (ModelFileException e)
            {
                Assert.Contains(damaged, e.Message);
            }
        }
        Assert.Empty(loadedAnyway);
    }

    [Fact]
    public void A_file_of_version_2_without_its_checksum_is_refused()
    {
        var path = SavedModel();
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        // a flipped bit in the checksum's key hides it from the reader
        WriteRaw(path, header.Replace("notebookcourse.file_sha256", "notebookcourse.file_sha257"), bytes[(8 + headerLength)..]);
        Assert.Contains("has format version 2 but no \"notebookcourse.file_sha256\" checksum", LoadFails(path).Message);
    }

    [Fact]
    public void Files_of_format_version_1_load_bit_for_bit()
    {
        var path = Path.Combine(Fixtures, "format1-model.safetensors");
        var model = Sequential.Load(path);
        var saved = ValuesInFile(path);
        foreach (var (name, parameter) in model.NamedParameters()) Assert.Equal(saved[name], Bits(parameter));
        var adam = Assert.IsType<Adam>(model.Compiled().Optimizer);
        Assert.Equal(0.01f, adam.LearningRate);
        Assert.Equal(6, adam.Steps);
        var state = adam.State().ToDictionary(s => s.Key, s => Bits(s.Value));
        Assert.Equal(saved["optimizer.m.2.Weight"], state["m.2"]); // parameter 2 of the model is 2.Weight
        Assert.Equal(saved["optimizer.v.0.Bias"], state["v.1"]);
        Assert.Equal(0.25f, Assert.IsType<Dropout>(model[1]).Rate);

        var weightsPath = Path.Combine(Fixtures, "format1-weights.safetensors");
        var fresh = CreateModelWithDropout();
        fresh.LoadWeights(weightsPath);
        var weights = ValuesInFile(weightsPath);
        foreach (var (name, parameter) in fresh.NamedParameters()) Assert.Equal(weights[name], Bits(parameter));

        Assert.Contains("format version 1: the header is not covered", ModelFile.Describe(path));
    }

    [Fact]
    public void A_format_1_file_saved_again_becomes_version_2_with_the_same_values()
    {
        var model = Sequential.Load(Path.Combine(Fixtures, "format1-model.safetensors"));
        var path = Path.Combine(_folder, "upgraded.safetensors");
        model.Save(path);
        Assert.Equal("2", SafeTensorsFile.Read(path).Metadata["format_version"]);
        var again = Sequential.Load(path);
        Assert.Equal(Bits(model), Bits(again));
        Assert.Equal(model.Compiled().Optimizer.State().Select(s => Bits(s.Value)), again.Compiled().Optimizer.State().Select(s => Bits(s.Value)));
    }

    [Fact]
    public void A_flipped_bit_in_the_data_of_a_format_1_file_is_refused()
    {
        var path = Path.Combine(_folder, "old.safetensors");
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures, "format1-model.safetensors"));
        bytes[^9] ^= 0x20;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("do not match the SHA-256 in the header", LoadFails(path).Message);
    }

    [Fact]
    public void A_format_1_header_is_checked_only_by_its_layout_as_documented()
    {
        // Format 1's checksum covers the data only: a changed dropout rate in its header still loads.
        // This is why ModelFile's documentation and Describe tell users to save such files again.
        var path = Path.Combine(_folder, "old.safetensors");
        File.Copy(Path.Combine(Fixtures, "format1-model.safetensors"), path);
        FlipInHeader(path, "rate", "0.25", 2, 0x01); // 0.25 becomes 0.35
        Assert.Equal(0.35f, Assert.IsType<Dropout>(Sequential.Load(path)[1]).Rate);
    }

    [Fact]
    public void A_format_1_file_without_its_data_checksum_is_refused()
    {
        var path = Path.Combine(_folder, "old.safetensors");
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures, "format1-model.safetensors"));
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        WriteRaw(path, header.Replace("notebookcourse.sha256", "notebookcourse.sha257"), bytes[(8 + headerLength)..]);
        Assert.Contains("has format version 1 but no \"notebookcourse.sha256\" checksum", LoadFails(path).Message);
    }

    /// <summary>The fixtures' model: the same layers as <see cref="ModelFileTestData.CreateModel"/>, with a dropout between.</summary>
    private static Sequential CreateModelWithDropout() =>
        new(new Dense(8, "relu", inputSize: 4, random: new Random(1)), new Dropout(0.25f, seed: 3), new Dense(3, "softmax", random: new Random(2)));

    /// <summary>Every tensor's float32 bits as the file stores them, read by hand from the safetensors layout.</summary>
    private static Dictionary<string, int[]> ValuesInFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var values = new Dictionary<string, int[]>();
        foreach (var entry in header.RootElement.EnumerateObject().Where(e => e.Name != "__metadata__"))
        {
            var begin = entry.Value.GetProperty("data_offsets")[0].GetInt32();
            var end = entry.Value.GetProperty("data_offsets")[1].GetInt32();
            values[entry.Name] = [.. Enumerable.Range(0, (end - begin) / 4).Select(i => BitConverter.ToInt32(bytes, 8 + headerLength + begin + 4 * i))];
        }
        return values;
    }
}
