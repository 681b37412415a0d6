using NotebookCourse.Layers;
using NotebookCourse.Serialization;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>
/// Model files whose every byte is intact but whose content cannot be right: values that are not finite,
/// a header listing a name twice or more tensors than the file can hold, metadata that is not an object.
/// Each is a <see cref="ModelFileException"/> naming the file and the tensor or the byte.
/// </summary>
public sealed class ModelFileValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelfile-validation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>Rewrites a saved file with one value of one tensor changed, keeping its checksum valid.</summary>
    private static void SetValue(string path, string tensor, int index, float value)
    {
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        tensors.Single(t => t.Key == tensor).Value.Data[index] = value;
        SafeTensorsFile.Write(path, tensors, metadata);
    }

    [Theory]
    [InlineData("0.Weight", 5, float.NaN, "NaN")]
    [InlineData("1.Bias", 2, float.PositiveInfinity, "+∞")]
    [InlineData("optimizer.m.0.Weight", 7, float.NegativeInfinity, "-∞")]
    [InlineData("optimizer.v.1.Weight", 0, float.NaN, "NaN")]
    public void A_value_that_is_not_finite_is_refused_with_the_tensor_named(string tensor, int index, float value, string shown)
    {
        var path = SavedModel(_folder);
        SetValue(path, tensor, index, value);
        var message = Fails(path, p => Sequential.Load(p)).Message;
        Assert.Contains($"tensor '{tensor}' holds {shown} at index {index}", message);
    }

    [Fact]
    public void LoadWeights_refuses_a_weight_that_is_not_finite_and_changes_nothing()
    {
        var path = SavedModel(_folder);
        SetValue(path, "1.Weight", 4, float.NaN);
        var model = CreateModel();
        var before = Bits(model);
        Assert.Contains("tensor '1.Weight' holds NaN at index 4", Fails(path, p => model.LoadWeights(p)).Message);
        Assert.Equal(before, Bits(model));
    }

    [Theory]
    [InlineData(float.NaN, "holds NaN")]
    [InlineData(2.5f, "one whole number of steps")]
    [InlineData(-1f, "one whole number of steps")]
    [InlineData(1e12f, "one whole number of steps")]
    public void A_step_count_that_is_not_a_whole_number_is_refused(float steps, string reason)
    {
        var path = SavedModel(_folder);
        SetValue(path, "optimizer.steps", 0, steps);
        var message = Fails(path, p => Sequential.Load(p)).Message;
        Assert.Contains("'optimizer.steps'", message);
        Assert.Contains(reason, message);
    }

    [Fact]
    public void A_model_whose_weights_are_not_finite_is_not_saved()
    {
        var model = CreateModel();
        model.NamedParameters().First(p => p.Key == "0.Bias").Value.Data[3] = float.NaN;
        var path = PathOf("diverged.safetensors");
        var error = Assert.Throws<InvalidOperationException>(() => model.Save(path));
        Assert.Contains("'0.Bias' holds NaN at index 3", error.Message);
        Assert.Contains("StopOnNaN", error.Message);
        Assert.Throws<InvalidOperationException>(() => model.SaveWeights(path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_tensor_name_listed_twice_is_named_with_both_places()
    {
        var path = PathOf("twice.safetensors");
        WriteRaw(path, """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", new byte[8]);
        var message = Fails(path, p => CreateModel().LoadWeights(p)).Message;
        Assert.Contains("at byte 62: the header lists 'w' twice (also at byte 9)", message);
    }

    [Fact]
    public void A_metadata_key_given_twice_is_refused()
    {
        var path = PathOf("twice-meta.safetensors");
        WriteRaw(path, """{"__metadata__":{"format":"notebookcourse.weights","format":"x"},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[4]);
        Assert.Contains("metadata 'format' is given twice", Fails(path, p => SafeTensorsFile.Read(p)).Message);
    }

    [Theory]
    [InlineData("\"text\"", "is a string")]
    [InlineData("[1, 2]", "is an array")]
    [InlineData("null", "is null")]
    [InlineData("7", "is a number")]
    public void A_metadata_entry_that_is_not_an_object_is_refused(string value, string kind)
    {
        var path = PathOf("meta.safetensors");
        WriteRaw(path, "{\"__metadata__\":" + value + ""","w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[4]);
        var message = Fails(path, p => CreateModel().LoadWeights(p)).Message;
        Assert.Contains($"at byte 24: \"__metadata__\" {kind}; expected an object whose values are strings", message);
    }

    [Fact]
    public void A_metadata_value_that_is_not_text_is_refused()
    {
        var path = PathOf("meta-number.safetensors");
        WriteRaw(path, """{"__metadata__":{"format_version":2},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", new byte[4]);
        Assert.Contains("metadata 'format_version' is a number; metadata values must be strings", Fails(path, p => SafeTensorsFile.Read(p)).Message);
    }

    [Fact]
    public void A_tensor_without_values_is_refused()
    {
        var path = PathOf("empty.safetensors");
        WriteRaw(path, """{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"e":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]}}""", new byte[8]);
        Assert.Contains("tensor 'e' in the header has shape [0, 3], with no values", Fails(path, p => SafeTensorsFile.Read(p)).Message);
    }

    [Fact]
    public void More_tensors_than_the_data_can_hold_are_refused_at_the_first_one_too_many()
    {
        var path = PathOf("crowded.safetensors");
        var entries = Enumerable.Range(0, 1000).Select(i => $"\"t{i}\":{{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}");
        WriteRaw(path, "{" + string.Join(",", entries) + "}", new byte[40]);
        var message = Fails(path, p => SafeTensorsFile.Read(p)).Message;
        Assert.Contains("lists more than 10 tensors, but the 40 data bytes after it can hold at most 10", message);
    }

    [Fact]
    public void Two_hundred_thousand_empty_tensors_are_refused_without_reading_them_all()
    {
        var path = PathOf("empties.safetensors");
        var header = "{" + string.Join(",", Enumerable.Range(0, 200_000).Select(i => $"\"t{i}\":{{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}")) + "}";
        WriteRaw(path, header, []);
        var size = new FileInfo(path).Length;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var message = Fails(path, p => SafeTensorsFile.Read(p)).Message;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("at byte 9: the header lists more than 0 tensors, but the 0 data bytes after it can hold at most 0", message);
        Assert.True(allocated < size + 1_000_000, $"{allocated:N0} bytes allocated for a {size:N0}-byte file");
    }

    [Fact]
    public void Text_that_is_not_UTF8_in_a_tensor_name_is_refused_at_its_byte()
    {
        var path = PathOf("latin1.safetensors");
        var header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}"u8.ToArray();
        header[2] = 0xE1; // a lone Latin-1 'á' where the name 'w' was
        using (var stream = File.Create(path))
        {
            stream.Write(BitConverter.GetBytes((ulong)header.Length));
            stream.Write(header);
            stream.Write(new byte[4]);
        }
        Assert.Contains("at byte 9: the header holds a name or text that is not valid UTF-8", Fails(path, p => SafeTensorsFile.Read(p)).Message);
    }

    [Fact]
    public void A_folder_given_as_the_path_says_so_when_loading_and_saving()
    {
        Assert.Contains("this is a folder, not a model file", Fails(_folder, p => Sequential.Load(p)).Message);
        Assert.Contains("this is a folder", Fails(_folder, p => CreateModel().LoadWeights(p)).Message);
        var error = Assert.Throws<IOException>(() => CreateModel().Save(_folder));
        Assert.Contains($"{_folder} is a folder; give the path of a file to write", error.Message);
    }
}
