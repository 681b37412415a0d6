using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookCourse.Data;
using NotebookCourse.Layers;
using NotebookCourse.Training;

namespace NotebookCourse.Serialization;

/// <summary>
/// Saves and loads models: the whole model (<see cref="Save"/> / <see cref="Load"/>: architecture,
/// weights and optimizer state, so <c>Fit</c> continues where it stopped) or the weights only
/// (<see cref="SaveWeights"/> / <see cref="LoadWeights"/>, into a model your code builds).
/// </summary>
/// <remarks>
/// <para><b>The file</b> is one safetensors file (see <see cref="SafeTensorsFile"/>), which Python opens with
/// <c>safetensors.numpy.load_file(path)</c> or <c>safetensors.safe_open</c>:</para>
/// <code>
/// bytes 0-7   header length N (little-endian unsigned 64-bit)
/// bytes 8..   N bytes of JSON header (padded with spaces to a multiple of 8):
///   "__metadata__": {                       all values are strings
///     "format": "notebookcourse.model"      or "notebookcourse.weights" for weights only
///     "format_version": "2"                  files of version 1 still load (see below)
///     "architecture": "{\"type\":\"Sequential\",\"arguments\":{\"name\":...,\"layers\":[
///                        {\"type\":\"Dense\",\"arguments\":{\"units\":10,\"activation\":\"softmax\",...}}]}}"
///     "input_shape": "[784]"                 (when the model knows it)
///     "training": "{\"optimizer\":{\"name\":\"adam\",\"arguments\":{\"learning_rate\":0.001,...},\"steps\":9000},
///                   \"loss\":{\"name\":\"categorical_crossentropy\",\"from_logits\":false},
///                   \"metrics\":[{\"name\":\"accuracy\"}]}"   (when the model was compiled)
///     "notebookcourse.file_sha256": SHA-256 of the whole file, its own 64 digits read as zeros
///   }
///   "0.Weight": {"dtype": "F32", "shape": [784, 10], "data_offsets": [0, 31360]}      one entry per parameter,
///   "0.Bias":   {"dtype": "F32", "shape": [10], "data_offsets": [31360, 31400]}       named as model.NamedParameters()
///   "optimizer.steps":      a scalar, the number of optimizer steps taken
///   "optimizer.m.0.Weight": the optimizer's memory for parameter "0.Weight" (Adam: m and v; SGD: momentum; RMSprop: v)
/// then        the tensors' float32 values, little-endian, one after another
/// </code>
/// <para><b>Why loading cannot run code.</b> Reading parses JSON and copies numbers, nothing else. The
/// architecture names registered layer types (the library's: Dense, Linear, Flatten, Dropout, Activation,
/// ReLU, LeakyReLU, ELU, Sigmoid, Tanh, Softmax, Sequential; and those added with
/// <see cref="Layer.Register{TLayer}"/>) with plain arguments (numbers, text, true/false); no .NET type or
/// method is ever looked up from the file's text. Python's
/// pickle files (PyTorch's classic .pt) and Keras's Lambda layers can run code when loaded; this format cannot.</para>
/// <para><b>Why a damaged file is caught.</b> The header length is checked against the file size (and a
/// 16 MB limit) before anything is allocated; the header is read token by token, with at most one tensor
/// per 4 data bytes, unique names and a <c>__metadata__</c> object of strings; every tensor's shape must
/// match its byte range and the ranges must tile the data exactly (truncation); the SHA-256 covers the
/// whole file, so a flipped bit anywhere (a dropout rate, a learning rate, a shape, a weight) is caught;
/// every weight and every value of the optimizer's state must be a finite number, and the step count a
/// whole number; the architecture is checked argument by argument, and a layer must fit in the values the
/// file holds. Every problem is a <see cref="ModelFileException"/> naming the file and where the problem is.</para>
/// <para><b>Files of format version 1</b> (saved before the checksum covered the header) still load, bit
/// for bit: their SHA-256 (<c>"notebookcourse.sha256"</c>) covers the tensor data only, so a changed byte in
/// their header is caught only when it breaks the JSON or the checks above. <see cref="Describe"/> says
/// which checksum a file has; saving the model again writes version 2.</para>
/// <para><b>Saves are atomic</b> (<see cref="AtomicFile"/>): the bytes go to a temporary file that replaces
/// the old one only when complete, so a crash midway leaves the previous file intact. Temporary files left
/// by a process that was killed are removed by the next save to the same file, and a process stopped
/// with SIGTERM removes its own.</para>
/// <para><b>What resuming restores.</b> Weights and the optimizer's state (step count, moment estimates,
/// learning rate) are restored bit for bit, so the next <c>Fit</c> computes exactly what uninterrupted
/// training would have computed from the same batches. Random draws are not in the file: the order
/// of shuffled batches comes from <c>Fit</c>'s seed (give one per call, e.g. <c>seed: epoch</c>, or use
/// <c>shuffle: false</c>, to get the same batches), and a Dropout layer with a seed starts its sequence
/// of masks again, so with dropout a resumed run continues the curve statistically, not bit for bit.
/// Loading does not draw from <see cref="Tensor.Generator"/>, so a seeded session stays reproducible.</para>
/// </remarks>
/// <example><code>
/// model.Save("softmax_mnist_model.safetensors");                       // whole model
/// var model = Sequential.Load("softmax_mnist_model.safetensors");      // compiled, ready to Fit further
/// model.SaveWeights("checkpoint.safetensors");                         // weights only
/// var fresh = CreateModel(); fresh.LoadWeights("checkpoint.safetensors");
/// </code></example>
public static class ModelFile
{
    /// <summary>The "format" of a whole-model file.</summary>
    internal const string ModelFormat = "notebookcourse.model";

    /// <summary>The "format" of a weights-only file.</summary>
    internal const string WeightsFormat = "notebookcourse.weights";

    /// <summary>The format version this library writes: 2, whose SHA-256 covers the whole file. It also reads version 1.</summary>
    internal const int FormatVersion = 2;

    /// <summary>The oldest format version this library reads: 1, whose SHA-256 covers the tensor data only.</summary>
    internal const int OldestFormatVersion = 1;

    /// <summary>The prefix of the optimizer's tensors in a whole-model file.</summary>
    internal const string OptimizerPrefix = "optimizer.";

    /// <summary>
    /// Saves the whole model: architecture, weights and (when compiled) the optimizer, loss and metrics with
    /// the optimizer's state. Only a <see cref="Sequential"/> of registered layers can be rebuilt from a
    /// file; for your own Module class use <see cref="SaveWeights"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The model, a layer, or its training setup cannot be rebuilt from a file.</exception>
    /// <example><code>model.Save("softmax_mnist_model.safetensors");</code></example>
    public static void Save(this Module model, string path) => SaveCore(model, path, streamFilter: null);

    /// <summary><see cref="Save(Module, string)"/> through a stream wrapper (tests simulate crashes with it).</summary>
    internal static void SaveCore(Module model, string path, Func<Stream, Stream>? streamFilter)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (model is not Sequential sequential || model.GetType() != typeof(Sequential))
        {
            var name = model.GetType().Name;
            throw new NotSupportedException(
                $"A {name} is a Module class written in code, and a model file can only rebuild a Sequential of registered layers " +
                $"(loading never runs code named in a file). Save its weights instead: model.SaveWeights(\"{path}\"), " +
                $"and later: var model = new {name}(...); model.LoadWeights(\"{path}\").");
        }
        var parameters = model.NamedParameters().ToList();
        var tensors = new List<KeyValuePair<string, Tensor>>(parameters);
        var metadata = Header(ModelFormat);
        metadata["architecture"] = ArchitectureJson.ToJson(sequential, "the model").ToJsonString();
        if ((sequential.InputShape ?? sequential.ModelInputShape) is int[] inputShape)
        {
            metadata["input_shape"] = ArchitectureJson.ValueToJson(inputShape, "input_shape")!.ToJsonString();
        }
        if (model.IsCompiled())
        {
            var setup = model.Compiled();
            metadata["training"] = TrainingJson.ToJson(setup).ToJsonString();
            tensors.AddRange(OptimizerState(setup, parameters));
        }
        RefuseNonFinite(tensors, path);
        SafeTensorsFile.Write(path, tensors, metadata, streamFilter);
    }

    /// <summary>
    /// Loads a whole model saved by <see cref="Save"/>: rebuilds the layers, copies the weights, and, when the
    /// model had been compiled, compiles it again with the saved optimizer (and its state), loss and metrics,
    /// so <c>model.Fit(...)</c> continues where training stopped.
    /// </summary>
    /// <exception cref="ModelFileException">The file is missing, damaged, holds weights only, or describes something unknown.</exception>
    /// <example><code>var model = ModelFile.Load("softmax_mnist_model.safetensors");</code></example>
    public static Sequential Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (tensors, metadata, integrity) = SafeTensorsFile.ReadChecked(path);
        var format = CheckFormat(path, metadata, integrity);
        if (format != ModelFormat)
        {
            throw new ModelFileException(path, format == WeightsFormat
                ? "the file holds weights only, not a whole model: build the model in code and call model.LoadWeights(path)."
                : "the file has no \"format\" entry in its metadata, so it is not a NotebookCourse model file; if it holds weights, use model.LoadWeights(path).");
        }
        if (!metadata.TryGetValue("architecture", out var architectureText))
        {
            throw new ModelFileException(path, "the metadata has no \"architecture\" entry describing the layers.");
        }
        CheckFinite(path, tensors);
        var weights = tensors.Where(t => !t.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToList();
        var available = weights.Sum(t => (long)t.Value.Size);
        var layer = ArchitectureJson.FromJson(ParseJson(path, "architecture", architectureText), path, "the model", available);
        if (layer is not Sequential model)
        {
            throw new ModelFileException(path, $"the architecture is a {layer.GetType().Name}; a model file holds a Sequential.");
        }
        if (metadata.TryGetValue("input_shape", out var inputShapeText)) Build(path, model, ParseJson(path, "input_shape", inputShapeText), available);

        CopyWeights(model, weights, path);

        var optimizerTensors = tensors.Where(t => t.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToList();
        if (metadata.TryGetValue("training", out var trainingText))
        {
            var (optimizer, loss, metrics) = TrainingJson.FromJson(ParseJson(path, "training", trainingText), path);
            model.Compile(optimizer, loss, metrics);
            optimizer.Bind(model.Parameters());
            var names = model.NamedParameters().Select(p => p.Key).ToList();
            try
            {
                optimizer.LoadState(optimizerTensors.Select(t => OptimizerEntry(path, t, names)).ToList());
            }
            catch (ArgumentException e)
            {
                throw new ModelFileException(path, $"the optimizer state does not fit the model: {ModelFileException.Reason(e)}", e);
            }
        }
        else if (optimizerTensors.Count > 0)
        {
            throw new ModelFileException(path, $"the file holds optimizer state ('{optimizerTensors[0].Key}', ...) but no \"training\" entry saying which optimizer.");
        }
        return model;
    }

    /// <summary>
    /// Saves the weights only (every parameter by its <see cref="Module.NamedParameters"/> name), from any
    /// model, including your own Module classes. Load them with <see cref="LoadWeights"/> into a model built
    /// the same way.
    /// </summary>
    /// <example><code>model.SaveWeights("checkpoint.safetensors");</code></example>
    public static void SaveWeights(this Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var parameters = model.NamedParameters().ToList();
        RefuseNonFinite(parameters, path);
        SafeTensorsFile.Write(path, parameters, Header(WeightsFormat));
    }

    /// <summary>
    /// Copies the weights of a file into <paramref name="model"/>'s parameters (in place, so an optimizer
    /// made from them keeps working). Every parameter name and shape must match; all mismatches are
    /// reported at once and nothing is changed then. Reads weights-only files, whole-model files (their
    /// optimizer state is ignored) and plain safetensors files with the same names.
    /// </summary>
    /// <exception cref="ModelFileException">The file is damaged, or its tensors do not fit the model.</exception>
    /// <example><code>var model = CreateModel(); model.LoadWeights("checkpoint.safetensors");</code></example>
    public static void LoadWeights(this Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (tensors, metadata, integrity) = SafeTensorsFile.ReadChecked(path);
        var format = CheckFormat(path, metadata, integrity);
        var weights = format == ModelFormat
            ? tensors.Where(t => !t.Key.StartsWith(OptimizerPrefix, StringComparison.Ordinal)).ToList()
            : tensors;
        CheckFinite(path, weights);
        CopyWeights(model, weights, path);
    }

    /// <summary>
    /// What a model or weights file holds, as readable text: its metadata (architecture and training setup
    /// pretty-printed) and every tensor's name and shape. Reading it runs no code, as with <see cref="Load"/>.
    /// </summary>
    /// <example><code>Console.WriteLine(ModelFile.Describe("softmax_mnist_model.safetensors"));</code></example>
    public static string Describe(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (tensors, metadata, integrity) = SafeTensorsFile.ReadChecked(path);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{path}: {new FileInfo(path).Length:N0} bytes, safetensors layout");
        text.AppendLine(integrity switch
        {
            SafeTensorsFile.Integrity.WholeFile => "checksum: SHA-256 of the whole file, verified",
            SafeTensorsFile.Integrity.Data => "checksum: SHA-256 of the tensor data only, verified (format version 1: the header is not covered; save the model again to cover it)",
            _ => "checksum: none (a plain safetensors file: damage is caught only where it breaks the layout)",
        });
        foreach (var (key, value) in metadata)
        {
            var shown = value;
            if (value.StartsWith('{'))
            {
                try
                {
                    shown = JsonNode.Parse(value)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
                }
                catch (JsonException)
                {
                }
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"{key}: {shown}");
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"{tensors.Count} tensors (float32):");
        var width = tensors.Count == 0 ? 0 : tensors.Max(t => t.Key.Length);
        foreach (var (name, tensor) in tensors)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  {Tensor.ShapeText(tensor.Shape)}");
        }
        return text.ToString();
    }

    private static Dictionary<string, string> Header(string format) => new()
    {
        ["format"] = format,
        ["format_version"] = FormatVersion.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The file's format (null for a plain safetensors file), after checking it is one this library reads
    /// and that it carries the checksum its version promises (so a flipped bit in the checksum's key
    /// cannot switch the check off).
    /// </summary>
    private static string? CheckFormat(string path, Dictionary<string, string> metadata, SafeTensorsFile.Integrity integrity)
    {
        if (!metadata.TryGetValue("format", out var format)) return null;
        if (format is not (ModelFormat or WeightsFormat))
        {
            throw new ModelFileException(path, $"the file's format is '{format}'; expected '{ModelFormat}' or '{WeightsFormat}'.");
        }
        var version = metadata.GetValueOrDefault("format_version");
        var required = version switch
        {
            "1" => SafeTensorsFile.Integrity.Data,
            "2" => SafeTensorsFile.Integrity.WholeFile,
            _ => throw new ModelFileException(path,
                $"the file has format version '{version ?? "(none)"}'; this library reads versions {OldestFormatVersion} to {FormatVersion}. " +
                "Save it again with a matching version of the library."),
        };
        if (integrity < required)
        {
            var key = required == SafeTensorsFile.Integrity.WholeFile ? SafeTensorsFile.FileChecksumKey : SafeTensorsFile.DataChecksumKey;
            throw new ModelFileException(path, $"the file has format version {version} but no \"{key}\" checksum in its metadata: the header is damaged.");
        }
        return format;
    }

    /// <summary>Every value read must be a finite number: a NaN or ±∞ weight would silently turn every prediction and every later step into NaN.</summary>
    private static void CheckFinite(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        if (FirstNonFinite(tensors) is not var (name, tensor, i)) return;
        throw new ModelFileException(path,
            $"tensor '{name}' holds {ValueName(tensor.Data[i])} at index {i} of {Tensor.ShapeText(tensor.Shape)}; a model file's weights and optimizer state must be finite numbers. " +
            "The training that saved it had probably diverged (the StopOnNaN callback stops Fit when that happens).");
    }

    /// <summary>A model whose weights are not finite is not saved: the file could not be loaded again.</summary>
    private static void RefuseNonFinite(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path)
    {
        if (FirstNonFinite(tensors) is not var (name, tensor, i)) return;
        throw new InvalidOperationException(
            $"The model is not saved to {path}: '{name}' holds {ValueName(tensor.Data[i])} at index {i} of {Tensor.ShapeText(tensor.Shape)}, so training has diverged " +
            "(lower the learning rate, or add the StopOnNaN callback to stop Fit when the loss stops being finite). Such a file could not be loaded again.");
    }

    /// <summary>The first NaN or infinity among the tensors: which tensor, and where in it; null when all are finite.</summary>
    private static (string Name, Tensor Tensor, int Index)? FirstNonFinite(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        foreach (var (name, tensor) in tensors)
        {
            var values = tensor.Data.AsSpan(0, tensor.Size);
            for (var i = 0; i < values.Length; i++)
            {
                if (!float.IsFinite(values[i])) return (name, tensor, i);
            }
        }
        return null;
    }

    private static string ValueName(float value) => float.IsNaN(value) ? "NaN" : value > 0 ? "+∞" : "-∞";

    private static JsonNode? ParseJson(string path, string key, string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ModelFileException(path, $"the metadata entry \"{key}\" is not valid JSON ({ModelFileException.Reason(e)}).", e);
        }
    }

    private static void Build(string path, Sequential model, JsonNode? shapeJson, long availableValues)
    {
        if (shapeJson is not JsonArray array || array.Any(d => d is not JsonValue v || !v.TryGetValue(out int n) || n <= 0))
        {
            throw new ModelFileException(path, $"the metadata entry \"input_shape\" is {shapeJson?.ToJsonString() ?? "null"}; expected a list of positive integers such as [784].");
        }
        var shape = array.Select(d => d!.GetValue<int>()).ToArray();
        try
        {
            // As when the layers were rebuilt: no more parameters than the file holds, and a private generator.
            using (Tensor.UseGenerator(new Random(0)))
            using (ParameterBudget.Limit(availableValues))
            {
                model.Build(shape);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new ModelFileException(path, $"the input shape {Tensor.ShapeText(shape)} does not fit the layers: {ModelFileException.Reason(e)}", e);
        }
    }

    /// <summary>Checks every name and shape, reports all mismatches together, then copies the values.</summary>
    private static void CopyWeights(Module model, IReadOnlyList<KeyValuePair<string, Tensor>> weights, string path)
    {
        var own = model.NamedParameters().ToList();
        var file = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in weights) file[name] = tensor;
        var problems = new List<string>();
        foreach (var (name, parameter) in own)
        {
            if (!file.TryGetValue(name, out var saved))
            {
                problems.Add($"'{name}': the model has shape {Tensor.ShapeText(parameter.Shape)}, the file has no such tensor");
            }
            else if (!Tensor.SameShape(parameter.Shape, saved.Shape))
            {
                problems.Add($"'{name}': the model has shape {Tensor.ShapeText(parameter.Shape)}, the file has {Tensor.ShapeText(saved.Shape)}");
            }
        }
        var ownNames = own.Select(p => p.Key).ToHashSet();
        foreach (var (name, tensor) in weights)
        {
            if (!ownNames.Contains(name)) problems.Add($"'{name}': in the file (shape {Tensor.ShapeText(tensor.Shape)}) but not a parameter of the model");
        }
        if (problems.Count > 0)
        {
            var hint = model is Layer { IsBuilt: false }
                ? Environment.NewLine + "The model has not created all its parameters yet: give the first layer its input size (e.g. inputSize: 784) or call model.Build([784]) first."
                : "";
            throw new ModelFileException(path,
                $"the weights do not fit the {model.GetType().Name} ({problems.Count} mismatch{(problems.Count == 1 ? "" : "es")}; nothing was loaded):" +
                string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)) + hint);
        }
        foreach (var (name, parameter) in own) file[name].Data.AsSpan().CopyTo(parameter.Data);
    }

    /// <summary>The optimizer's state with parameter indexes replaced by parameter names ("m.0" becomes "optimizer.m.0.Weight").</summary>
    private static IEnumerable<KeyValuePair<string, Tensor>> OptimizerState(TrainingSetup setup, List<KeyValuePair<string, Tensor>> parameters)
    {
        var optimizer = setup.Optimizer;
        if (optimizer.IsBound
            && (optimizer.Parameters.Count != parameters.Count || optimizer.Parameters.Where((p, i) => !ReferenceEquals(p, parameters[i].Value)).Any()))
        {
            throw new NotSupportedException(
                "The model cannot be saved with its optimizer: the compiled optimizer updates other tensors than model.Parameters() (in that order), " +
                "so its state could not be matched to the model when loading. Compile with an optimizer made without parameters (e.g. new Adam(0.001f)), " +
                "or save the weights only with model.SaveWeights(path).");
        }
        var entries = new List<KeyValuePair<string, Tensor>>();
        foreach (var (key, tensor) in optimizer.State())
        {
            if (key == "steps")
            {
                entries.Add(new(OptimizerPrefix + "steps", tensor));
                continue;
            }
            var dot = key.LastIndexOf('.');
            var index = int.Parse(key[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
            entries.Add(new($"{OptimizerPrefix}{key[..dot]}.{parameters[index].Key}", tensor));
        }
        return entries;
    }

    /// <summary>"optimizer.m.0.Weight" back to "m.&lt;index of 0.Weight&gt;" for <see cref="Optimizers.Optimizer.LoadState"/>.</summary>
    private static KeyValuePair<string, Tensor> OptimizerEntry(string path, KeyValuePair<string, Tensor> entry, List<string> parameterNames)
    {
        var rest = entry.Key[OptimizerPrefix.Length..];
        if (rest == "steps")
        {
            var steps = entry.Value;
            if (steps.Size != 1 || steps.Data[0] < 0 || steps.Data[0] > int.MaxValue || steps.Data[0] != MathF.Round(steps.Data[0]))
            {
                throw new ModelFileException(path,
                    $"the tensor '{entry.Key}' should hold one whole number of steps (0 or more) but holds {Tensor.ShapeText(steps.Shape)} {string.Join(", ", steps.Data.Take(3).Select(v => v.ToString(CultureInfo.InvariantCulture)))}.");
            }
            return new("steps", steps);
        }
        var best = -1;
        for (var i = 0; i < parameterNames.Count; i++)
        {
            var name = parameterNames[i];
            if (rest.Length > name.Length + 1 && rest.EndsWith("." + name, StringComparison.Ordinal) && (best < 0 || name.Length > parameterNames[best].Length)) best = i;
        }
        if (best < 0)
        {
            throw new ModelFileException(path, $"the optimizer tensor '{entry.Key}' names no parameter of the model; expected 'optimizer.<slot>.<parameter>' with a parameter such as '{parameterNames.FirstOrDefault()}'.");
        }
        var slot = rest[..^(parameterNames[best].Length + 1)];
        return new(slot + "." + best.ToString(CultureInfo.InvariantCulture), entry.Value);
    }
}
