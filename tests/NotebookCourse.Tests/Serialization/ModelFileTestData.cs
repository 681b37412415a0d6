using NotebookCourse.Layers;
using NotebookCourse.Optimizers;
using NotebookCourse.Serialization;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Serialization;

/// <summary>A small three-class problem and the model-building functions the model-file tests share.</summary>
internal static class ModelFileTestData
{
    /// <summary>60 samples of 4 features in three overlapping clusters (so training keeps improving for a while).</summary>
    public static (Tensor X, Tensor Y) Blobs()
    {
        var random = new Random(7);
        const int Samples = 60, Features = 4, Classes = 3;
        var x = new float[Samples * Features];
        var y = new float[Samples * Classes];
        for (var i = 0; i < Samples; i++)
        {
            var c = i % Classes;
            for (var f = 0; f < Features; f++) x[i * Features + f] = (f == c ? 1.5f : 0f) + (float)(random.NextDouble() * 2 - 1);
            y[i * Classes + c] = 1f;
        }
        return (new Tensor(x, [Samples, Features]), new Tensor(y, [Samples, Classes]));
    }

    /// <summary>The notebook's <c>CreateModel()</c>: the same architecture and starting weights every call.</summary>
    public static Sequential CreateModel(int hidden = 8) => new(
        new Dense(hidden, "relu", inputSize: 4, random: new Random(1)),
        new Dense(3, "softmax", random: new Random(2)));

    /// <summary>
    /// A model (by default <see cref="CreateModel"/>) compiled with Adam, trained one epoch on the blobs and
    /// saved whole as <paramref name="name"/> in <paramref name="folder"/>; returns the file's path.
    /// </summary>
    public static string SavedModel(string folder, string name = "model.safetensors", Sequential? model = null)
    {
        var (x, y) = Blobs();
        model ??= CreateModel();
        model.Compile(new Adam(0.01f), "categorical_crossentropy", ["accuracy"]);
        model.Fit(x, y, batchSize: 16, epochs: 1, seed: 1, verbose: 0);
        var path = Path.Combine(folder, name);
        model.Save(path);
        return path;
    }

    /// <summary>Asserts that <paramref name="load"/> refuses the file with an error that starts with its path; returns the error.</summary>
    public static ModelFileException Fails(string path, Action<string> load)
    {
        var error = Assert.Throws<ModelFileException>(() => load(path));
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path, error.Message);
        return error;
    }

    /// <summary>Asserts that <c>Sequential.Load</c> refuses the file (see <see cref="Fails"/>).</summary>
    public static ModelFileException LoadFails(string path) => Fails(path, p => Sequential.Load(p));

    /// <summary>The raw bits of every parameter, by name, for bit-exact comparisons (NaN-safe, −0 ≠ +0).</summary>
    public static Dictionary<string, int[]> Bits(Module model)
        => model.NamedParameters().ToDictionary(p => p.Key, p => p.Value.Data.Select(BitConverter.SingleToInt32Bits).ToArray());

    /// <summary>The raw bits of a tensor's values.</summary>
    public static int[] Bits(Tensor tensor) => tensor.Data.Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>Writes a safetensors file byte by byte: the header text as given (no checksum added), then the data.</summary>
    public static void WriteRaw(string path, string header, byte[] data)
    {
        var headerBytes = System.Text.Encoding.UTF8.GetBytes(header);
        using var stream = File.Create(path);
        stream.Write(BitConverter.GetBytes((ulong)headerBytes.Length));
        stream.Write(headerBytes);
        stream.Write(data);
    }

    /// <summary>The folder of model files written by earlier versions of the library (see its README).</summary>
    public static string Fixtures => Path.Combine(NotebookCourse.Tests.Data.TestPaths.RepoRoot, "tests", "NotebookCourse.Tests", "Serialization", "Fixtures");

    /// <summary>Rewrites a saved file with one metadata entry changed (as a hand-edited or malicious file would be).</summary>
    public static void EditMetadata(string path, string key, Func<string, string> edit)
    {
        var (tensors, metadata) = SafeTensorsFile.Read(path);
        metadata[key] = edit(metadata[key]);
        SafeTensorsFile.Write(path, tensors, metadata);
    }
}
