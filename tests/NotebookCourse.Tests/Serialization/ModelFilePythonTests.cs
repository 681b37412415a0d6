using System.Diagnostics;
using System.Text.Json;
using NotebookCourse.Optimizers;
using NotebookCourse.Serialization;
using NotebookCourse.Training;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>
/// A model file opens in Python: a reader written from the safetensors specification with Python's
/// standard library only (struct, json, hashlib) finds every tensor with our values.
/// </summary>
public sealed class ModelFilePythonTests : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private const string Reader = """
        import hashlib, json, struct, sys
        raw = open(sys.argv[1], "rb").read()
        (n,) = struct.unpack("<Q", raw[:8])
        header = json.loads(raw[8:8 + n])
        meta = header.pop("__metadata__")
        data = raw[8 + n:]
        digest = meta["notebookcourse.file_sha256"]  # of the whole file, its own digits read as zeros
        out = {"sha_ok": hashlib.sha256(raw.replace(digest.encode(), b"0" * 64, 1)).hexdigest() == digest,
               "format": meta["format"], "tensors": {}}
        for name, t in header.items():
            begin, end = t["data_offsets"]
            out["tensors"][name] = {"dtype": t["dtype"], "shape": t["shape"],
                                    "values": list(struct.unpack("<%df" % ((end - begin) // 4), data[begin:end]))}
        print(json.dumps(out))
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("modelfile-python-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Python_reads_every_tensor_of_a_model_file_with_the_saved_values()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install python3 (.ci/run needs it for the notebook tests too)");
        var (x, y) = Blobs();
        var model = CreateModel();
        model.Compile(new Adam(0.01f), "categorical_crossentropy");
        model.Fit(x, y, epochs: 1, seed: 4, verbose: 0);
        var path = Path.Combine(_folder, "model.safetensors");
        model.Save(path);

        using var result = JsonDocument.Parse(RunPython(path));
        var root = result.RootElement;
        Assert.True(root.GetProperty("sha_ok").GetBoolean());
        Assert.Equal("notebookcourse.model", root.GetProperty("format").GetString());
        var tensors = root.GetProperty("tensors");
        foreach (var (name, parameter) in model.NamedParameters())
        {
            var tensor = tensors.GetProperty(name);
            Assert.Equal("F32", tensor.GetProperty("dtype").GetString());
            Assert.Equal(parameter.Shape, tensor.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            // Python prints the float32 values widened to double; narrowing back gives the exact floats.
            Assert.Equal(parameter.Data, tensor.GetProperty("values").EnumerateArray().Select(v => (float)v.GetDouble()));
        }
        Assert.Equal(model.Compiled().Optimizer.Steps, tensors.GetProperty("optimizer.steps").GetProperty("values")[0].GetDouble());
    }

    private static string RunPython(string path)
    {
        var script = Path.Combine(Path.GetDirectoryName(path)!, "read.py");
        File.WriteAllText(script, Reader);
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 failed: {errors}");
        return output;
    }
}
