using System.Text;
using System.Text.Json.Nodes;
using NotebookCourse.Layers;
using NotebookCourse.Serialization;
using NotebookCourse.Training;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>Damaged, tampered and mismatched model files are rejected with an error naming the file and the problem.</summary>
public sealed class ModelFileErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelfile-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_truncated_model_file_is_rejected()
    {
        var path = SavedModel(_folder);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        Assert.Contains("truncated", LoadFails(path).Message);
    }

    [Fact]
    public void A_file_cut_inside_the_header_is_rejected()
    {
        var path = SavedModel(_folder);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..200]);
        Assert.Contains("truncated", LoadFails(path).Message);
    }

    [Fact]
    public void A_flipped_bit_in_the_weights_is_detected()
    {
        var path = SavedModel(_folder);
        var bytes = File.ReadAllBytes(path);
        bytes[^50] ^= 0x04;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("corrupted", LoadFails(path).Message);
    }

    [Fact]
    public void A_layer_type_changed_in_a_file_whose_checksum_was_recomputed_is_rejected_by_the_allow_list()
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "architecture", text => text.Replace("\"type\":\"Dense\"", "\"type\":\"Eense\""));
        var message = LoadFails(path).Message;
        Assert.Contains("unknown layer type 'Eense'", message);
        Assert.Contains("layer 0", message);
    }

    [Fact]
    public void An_oversized_header_length_is_rejected_before_allocating()
    {
        var path = SavedModel(_folder);
        var bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), 1UL << 40);
        File.WriteAllBytes(path, bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = LoadFails(path);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000);
        Assert.Contains("bytes 0-7", error.Message);
    }

    [Theory]
    [InlineData("Lambda")] // Keras's layer that runs Python code on load
    [InlineData("System.Diagnostics.Process")]
    [InlineData("NotebookCourse.Layers.Dense, NotebookCourse")]
    public void An_architecture_naming_a_type_outside_the_allow_list_is_rejected(string type)
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "architecture", text => text.Replace("\"type\":\"Dense\"", $"\"type\":\"{type}\""));
        var message = LoadFails(path).Message;
        Assert.Contains($"unknown layer type '{type}'", message);
        Assert.Contains("Known: Activation, Dense, Dropout, ELU, Flatten", message); // says what is accepted
    }

    [Fact]
    public void A_missing_argument_is_named()
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "architecture", text =>
        {
            var json = JsonNode.Parse(text)!;
            json["arguments"]!["layers"]![1]!["arguments"]!.AsObject().Remove("units");
            return json.ToJsonString();
        });
        var message = LoadFails(path).Message;
        Assert.Contains("layer 1 (Dense) is missing the argument 'units'", message);
    }

    [Fact]
    public void An_unknown_argument_is_named()
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "architecture", text =>
        {
            var json = JsonNode.Parse(text)!;
            json["arguments"]!["layers"]![0]!["arguments"]!["on_load"] = "Process.Start(\"calc\")";
            return json.ToJsonString();
        });
        Assert.Contains("unknown argument 'on_load'", LoadFails(path).Message);
    }

    [Fact]
    public void An_unknown_activation_is_rejected_with_the_layer_named()
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "architecture", text => text.Replace("\"softmax\"", "\"gelu\""));
        var message = LoadFails(path).Message;
        Assert.Contains("layer 1 (Dense)", message);
        Assert.Contains("gelu", message);
    }

    [Fact]
    public void A_layer_larger_than_the_file_is_rejected_before_allocating_it()
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "architecture", text =>
        {
            var json = JsonNode.Parse(text)!;
            var arguments = json["arguments"]!["layers"]![0]!["arguments"]!;
            arguments["units"] = 1_000_000;
            arguments["input_size"] = 1_000_000; // 10^12 weights: 4 TB if allocated
            return json.ToJsonString();
        });
        var before = GC.GetAllocatedBytesForCurrentThread();
        var message = LoadFails(path).Message;
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
        Assert.Contains("would need", message);
        Assert.Contains("does not match the weights", message);
    }

    [Fact]
    public void A_layer_that_would_be_built_larger_than_the_file_is_rejected_before_allocating_it()
    {
        // Flatten states a huge input and the Dense after it waits for its input size: building the
        // model Keras-style would allocate 20000 x 1000 x 50 weights (4 GB) unless checked first.
        var path = Path.Combine(_folder, "lazy.safetensors");
        new Sequential(new Flatten([2, 2]), new Dense(50, random: new Random(1))).Save(path);
        EditMetadata(path, "architecture", text =>
        {
            var json = JsonNode.Parse(text)!;
            var layers = json["arguments"]!["layers"]!;
            layers[0]!["arguments"]!["input_shape"] = new JsonArray(20000, 1000);
            layers[1]!["arguments"]!["input_size"] = null;
            return json.ToJsonString();
        });
        var before = GC.GetAllocatedBytesForCurrentThread();
        var message = LoadFails(path).Message;
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
        Assert.Contains("would get 20000000 inputs", message);

        // The same through the saved input shape of a model that was never built.
        var unbuilt = Path.Combine(_folder, "unbuilt.safetensors");
        new Sequential(new Dense(50)).Save(unbuilt);
        var (tensors, metadata) = SafeTensorsFile.Read(unbuilt);
        metadata["input_shape"] = "[100000000]";
        SafeTensorsFile.Write(unbuilt, tensors, metadata);
        before = GC.GetAllocatedBytesForCurrentThread();
        message = LoadFails(unbuilt).Message;
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
        Assert.Contains("the input shape [100000000]", message);
    }

    [Fact]
    public void An_architecture_that_does_not_match_the_weights_lists_the_mismatches()
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "architecture", text => text.Replace("\"units\":3", "\"units\":2"));
        var message = LoadFails(path).Message;
        Assert.Contains("'1.Weight': the model has shape [8, 2], the file has [8, 3]", message);
        Assert.Contains("'1.Bias': the model has shape [2], the file has [3]", message);

        var other = SavedModel(_folder, "other.safetensors");
        EditMetadata(other, "architecture", text => text.Replace("\"units\":8", "\"units\":7"));
        Assert.Contains("do not fit together", LoadFails(other).Message); // layer 1 still expects 8 inputs
    }

    [Fact]
    public void Another_format_version_is_rejected_with_both_versions_named()
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "format_version", _ => "3");
        var message = LoadFails(path).Message;
        Assert.Contains("format version '3'", message);
        Assert.Contains("reads versions 1 to 2", message);
    }

    [Fact]
    public void An_unknown_optimizer_is_rejected()
    {
        var path = SavedModel(_folder);
        EditMetadata(path, "training", text => text.Replace("\"adam\"", "\"adamw\""));
        var message = LoadFails(path).Message;
        Assert.Contains("adamw", message);
        Assert.Contains("Known: adam, rmsprop, sgd", message);
    }

    [Fact]
    public void A_weights_only_file_given_to_Load_says_to_use_LoadWeights()
    {
        var path = Path.Combine(_folder, "weights.safetensors");
        CreateModel().SaveWeights(path);
        var message = LoadFails(path).Message;
        Assert.Contains("weights only", message);
        Assert.Contains("LoadWeights", message);
    }

    [Fact]
    public void LoadWeights_reports_every_name_and_shape_mismatch_and_changes_nothing()
    {
        var path = Path.Combine(_folder, "checkpoint.safetensors");
        CreateModel(hidden: 8).SaveWeights(path);
        var model = CreateModel(hidden: 5);
        var before = Bits(model);

        var error = Assert.Throws<ModelFileException>(() => model.LoadWeights(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("3 mismatches", error.Message);
        Assert.Contains("'0.Weight': the model has shape [4, 5], the file has [4, 8]", error.Message);
        Assert.Contains("'0.Bias': the model has shape [5], the file has [8]", error.Message);
        Assert.Contains("'1.Weight': the model has shape [5, 3], the file has [8, 3]", error.Message);
        Assert.Equal(before, Bits(model));
    }

    [Fact]
    public void LoadWeights_reports_missing_and_extra_tensors_by_name()
    {
        var path = Path.Combine(_folder, "three-layers.safetensors");
        var random = new Random(3); // not the shared generator: tests run in parallel
        new Sequential(new Dense(8, "relu", inputSize: 4, random: random), new Dense(3, random: random), new Dense(2, random: random)).SaveWeights(path);
        var model = new Sequential(new Dense(8, "relu", inputSize: 4, random: random), new Dense(3, useBias: false, random: random));

        var error = Assert.Throws<ModelFileException>(() => model.LoadWeights(path));

        Assert.Contains("'1.Bias': in the file (shape [3]) but not a parameter of the model", error.Message);
        Assert.Contains("'2.Weight': in the file (shape [3, 2]) but not a parameter of the model", error.Message);
        Assert.DoesNotContain("'0.Weight'", error.Message);
    }

    [Fact]
    public void LoadWeights_into_a_model_without_parameters_yet_says_how_to_build_it()
    {
        var path = Path.Combine(_folder, "w.safetensors");
        CreateModel().SaveWeights(path);
        var lazy = new Sequential(new Dense(8, "relu"), new Dense(3, "softmax"));
        var error = Assert.Throws<ModelFileException>(() => lazy.LoadWeights(path));
        Assert.Contains("'0.Weight': in the file (shape [4, 8]) but not a parameter of the model", error.Message);
        Assert.Contains("inputSize", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(_folder, "nowhere.safetensors");
        Assert.Contains("not found", LoadFails(path).Message);
    }

    [Fact]
    public void A_save_that_crashes_midway_leaves_the_previous_file_intact()
    {
        var path = SavedModel(_folder);
        var previous = File.ReadAllBytes(path);
        var other = CreateModel(hidden: 16);
        other.Compile("sgd", "mse");

        var crash = Assert.Throws<IOException>(() => ModelFile.SaveCore(other, path, stream => new CrashingStream(stream, previous.Length / 2)));

        Assert.Contains("simulated crash", crash.Message);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal(8, Sequential.Load(path).Layers.OfType<Dense>().First().Units);
        Assert.Single(Directory.GetFiles(_folder)); // the temporary file is gone
    }

    [Fact]
    public void A_Sequential_holding_a_custom_layer_cannot_be_saved_whole()
    {
        var model = new Sequential(new Dense(3, inputSize: 4, random: new Random(1)), new Doubling());
        var path = Path.Combine(_folder, "custom-layer.safetensors");
        var error = Assert.Throws<NotSupportedException>(() => model.Save(path));
        Assert.Contains("Doubling", error.Message);
        Assert.Contains("SaveWeights", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_custom_loss_cannot_be_saved_with_the_model()
    {
        var model = CreateModel();
        model.Compile("adam", new HalfMse());
        var error = Assert.Throws<NotSupportedException>(() => model.Save(Path.Combine(_folder, "custom-loss.safetensors")));
        Assert.Contains("HalfMse", error.Message);
    }

    /// <summary>A layer written by a learner: its code cannot come from a file.</summary>
    private sealed class Doubling : ActivationLayer
    {
        public override LayerConfig Config => MakeConfig();

        public override Tensor Forward(Tensor input) => input * 2f;
    }

    /// <summary>A loss written by a learner.</summary>
    private sealed class HalfMse : NotebookCourse.Losses.Loss
    {
        public override string Name => "mse";

        public override Tensor Forward(Tensor predictions, Tensor targets) => (predictions - targets).Square().Mean() * 0.5f;
    }

    /// <summary>A file stream that fails after a number of bytes, as a full disk or a killed process would.</summary>
    private sealed class CrashingStream(Stream inner, long failAfter) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = (int)Math.Max(0, Math.Min(buffer.Length, failAfter - _written));
            inner.Write(buffer[..room]);
            _written += room;
            if (room < buffer.Length) throw new IOException($"simulated crash after {_written} bytes");
        }

        public override void WriteByte(byte value) => Write([value]);
    }
}
