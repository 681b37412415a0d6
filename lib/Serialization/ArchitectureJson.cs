using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookCourse.Layers;

namespace NotebookCourse.Serialization;

/// <summary>
/// Turns a <see cref="Sequential"/> model into the JSON kept in a model file's "architecture" entry and
/// back. Only the library's own layer types (a fixed allow-list, matched by name) are written or read;
/// no .NET type is ever looked up from the file's text.
/// </summary>
/// <remarks>
/// A layer is <c>{"type": "Dense", "arguments": {"name": "dense", "units": 10, "activation": "softmax", ...}}</c>;
/// a Sequential's "layers" argument is the array of its layers.
/// </remarks>
internal static class ArchitectureJson
{
    /// <summary>The layer types a model file may name, with the exact class each stands for.</summary>
    internal static readonly IReadOnlyDictionary<string, Type> LayerTypes = new Dictionary<string, Type>
    {
        ["Dense"] = typeof(Dense),
        ["Linear"] = typeof(Linear),
        ["Flatten"] = typeof(Flatten),
        ["Dropout"] = typeof(Dropout),
        ["Activation"] = typeof(Activation),
        ["ReLU"] = typeof(ReLU),
        ["LeakyReLU"] = typeof(LeakyReLU),
        ["ELU"] = typeof(ELU),
        ["Sigmoid"] = typeof(Sigmoid),
        ["Tanh"] = typeof(Tanh),
        ["Softmax"] = typeof(Softmax),
        ["Sequential"] = typeof(Sequential),
    };

    /// <summary>Arguments without a sensible default: a file that lacks them is rejected by name.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> s_required = new Dictionary<string, string[]>
    {
        ["Dense"] = ["units"],
        ["Linear"] = ["in_features", "out_features"],
        ["Dropout"] = ["rate"],
        ["Activation"] = ["activation"],
        ["Sequential"] = ["layers"],
    };

    private static string KnownTypes => string.Join(", ", LayerTypes.Keys);

    /// <summary>The JSON of a layer (recursively for a Sequential).</summary>
    /// <exception cref="NotSupportedException">A layer is not one of the library's types, or holds a value JSON cannot keep.</exception>
    public static JsonObject ToJson(Layer layer, string where)
    {
        var type = layer.GetType();
        var config = layer.Config;
        if (!LayerTypes.TryGetValue(config.Type, out var expected) || expected != type)
        {
            throw new NotSupportedException(
                $"{where} is a {type.Name}, which is not one of the library's layers ({KnownTypes}); a model file can only rebuild those, " +
                "because loading never runs code named in a file. Save the weights with model.SaveWeights(path) and rebuild the model in code.");
        }
        var arguments = new JsonObject();
        if (layer is Sequential sequential)
        {
            arguments["name"] = sequential.LayerName;
            var layers = new JsonArray();
            for (var i = 0; i < sequential.Count; i++) layers.Add(ToJson(sequential[i], $"{where} > layer {i} ({sequential[i].LayerName})"));
            arguments["layers"] = layers;
        }
        else
        {
            foreach (var (name, value) in config.Arguments) arguments[name] = ValueToJson(value, $"{where}: argument '{name}'");
        }
        return new JsonObject { ["type"] = config.Type, ["arguments"] = arguments };
    }

    /// <summary>
    /// Rebuilds a layer from its JSON, checking the type against the allow-list, the arguments against
    /// what the rebuilt layer reports, and the sizes of Dense/Linear layers against the values the file
    /// holds (<paramref name="availableValues"/>), so a tampered file cannot make us allocate gigabytes.
    /// </summary>
    /// <exception cref="ModelFileException">Anything is unknown, missing or inconsistent.</exception>
    public static Layer FromJson(JsonNode? node, string path, string where, long availableValues)
    {
        if (node is not JsonObject json) throw Error(path, $"{where} should be a JSON object {{\"type\": ..., \"arguments\": {{...}}}}.");
        if (json["type"] is not JsonValue typeValue || typeValue.GetValueKind() != JsonValueKind.String)
        {
            throw Error(path, $"{where} has no \"type\" string.");
        }
        var type = typeValue.GetValue<string>();
        if (!LayerTypes.ContainsKey(type))
        {
            throw Error(path, $"{where} has the unknown layer type '{type}'. A model file may only name the library's layers: {KnownTypes}.");
        }
        where = $"{where} ({type})";
        if (json["arguments"] is not JsonObject arguments) throw Error(path, $"{where} has no \"arguments\" object.");
        foreach (var required in s_required.GetValueOrDefault(type, []))
        {
            if (arguments[required] is null) throw Error(path, $"{where} is missing the argument '{required}'.");
        }

        if (type == "Sequential") return SequentialFromJson(arguments, path, where, availableValues);

        CheckSize(type, arguments, path, where, availableValues);
        var values = new Dictionary<string, object?>();
        foreach (var (name, value) in arguments) values[name] = value is null ? null : JsonSerializer.Deserialize<JsonElement>(value.ToJsonString());
        Layer layer;
        try
        {
            layer = Rebuild(new LayerConfig(type, values));
        }
        catch (ArgumentException e)
        {
            throw Error(path, $"{where} cannot be rebuilt: {ModelFileException.Reason(e)}", e);
        }
        CheckArguments(layer, arguments, path, where);
        return layer;
    }

    /// <summary>
    /// <see cref="Layer.FromConfig"/>, except that Dense and Linear draw their throw-away starting values
    /// (the file overwrites them) from a private generator, so loading a model leaves
    /// <see cref="Tensor.Generator"/> where it was: <c>Tensor.ManualSeed(0)</c> then Load then Fit stays reproducible.
    /// </summary>
    private static Layer Rebuild(LayerConfig config)
    {
        Initializer? Init(string key) => config.Get<string?>(key, null) is string n ? Initializer.FromName(n) : null;
        Layer layer;
        switch (config.Type)
        {
            case "Dense":
                layer = new Dense(config.Get("units", 0), config.Get<string?>("activation", null), Init("kernel_initializer"),
                    config.Get("use_bias", true), config.Get<int?>("input_size", null), Init("bias_initializer"), new Random(0));
                break;
            case "Linear":
                var kernel = config.Get("kernel_initializer", "torch_default");
                layer = new Linear(config.Get("in_features", 0), config.Get("out_features", 0), config.Get("bias", true),
                    kernel == "torch_default" ? null : Initializer.FromName(kernel), new Random(0));
                break;
            default:
                return Layer.FromConfig(config);
        }
        if (config.Get<string?>("name", null) is string name) layer.LayerName = name;
        return layer;
    }

    private static Sequential SequentialFromJson(JsonObject arguments, string path, string where, long availableValues)
    {
        foreach (var (name, _) in arguments)
        {
            if (name is not ("name" or "layers")) throw Error(path, $"{where} has the unknown argument '{name}'; a Sequential has: name, layers.");
        }
        if (arguments["layers"] is not JsonArray layers) throw Error(path, $"{where}: \"layers\" should be an array of layers.");
        var children = new Layer[layers.Count];
        for (var i = 0; i < children.Length; i++) children[i] = FromJson(layers[i], path, $"{where} > layer {i}", availableValues);
        Sequential model;
        try
        {
            // A Sequential builds its layers as they are added once the first one knows its input
            // shape; check first that no layer waiting for its input size would become too large.
            if (children.Length > 0) CheckBuildSizes(children, children[0].InputShape, path, where, availableValues);
            model = new Sequential(children);
        }
        catch (ArgumentException e)
        {
            throw Error(path, $"{where}: the layers do not fit together: {ModelFileException.Reason(e)}", e);
        }
        if (arguments["name"] is JsonValue layerName && layerName.GetValueKind() == JsonValueKind.String) model.LayerName = layerName.GetValue<string>();
        return model;
    }

    /// <summary>A Dense or Linear layer of the stated size must fit in the values the file holds.</summary>
    private static void CheckSize(string type, JsonObject arguments, string path, string where, long availableValues)
    {
        (string Inputs, string Outputs)? keys = type switch
        {
            "Dense" => ("input_size", "units"),
            "Linear" => ("in_features", "out_features"),
            _ => null,
        };
        if (keys is not { } k) return;
        long Size(string key) => arguments[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long n) ? n : 0;
        var inputs = Size(k.Inputs);
        var outputs = Size(k.Outputs);
        var needed = inputs * outputs + outputs;
        if (inputs > 0 && outputs > 0 && (inputs > int.MaxValue || outputs > int.MaxValue || needed > availableValues))
        {
            throw Error(path,
                $"{where} with {k.Inputs} {inputs} and {k.Outputs} {outputs} would need {needed} parameter values, " +
                $"but the file holds only {availableValues}: the architecture does not match the weights.");
        }
    }

    /// <summary>
    /// Follows a per-sample shape through <paramref name="layers"/> and rejects a Dense layer without
    /// parameters yet whose build (Keras-style, from that shape) would need more values than the file holds.
    /// </summary>
    /// <returns>The output shape, or null when unknown.</returns>
    internal static int[]? CheckBuildSizes(IEnumerable<Layer> layers, int[]? shape, string path, string where, long availableValues)
    {
        foreach (var layer in layers)
        {
            if (shape is null) return null;
            if (layer is Sequential inner)
            {
                shape = CheckBuildSizes(inner.Layers, shape, path, where, availableValues);
                continue;
            }
            if (layer is Dense { IsBuilt: false } dense && shape.Length > 0)
            {
                var needed = (long)shape[^1] * dense.Units + dense.Units;
                if (needed > availableValues)
                {
                    throw Error(path,
                        $"{where}: {dense.LayerName} would get {shape[^1]} inputs and need {needed} parameter values, " +
                        $"but the file holds only {availableValues}: the architecture does not match the weights.");
                }
            }
            shape = layer.OutputShape(shape);
        }
        return shape;
    }

    /// <summary>The rebuilt layer must report exactly the arguments the file gave: none unknown, none missing, none changed.</summary>
    private static void CheckArguments(Layer layer, JsonObject saved, string path, string where)
    {
        var rebuilt = layer.Config.Arguments;
        foreach (var (name, value) in saved)
        {
            if (!rebuilt.TryGetValue(name, out var actual))
            {
                throw Error(path, $"{where} has the unknown argument '{name}'; it has: {string.Join(", ", rebuilt.Keys)}.");
            }
            if (!SameValue(value, actual))
            {
                throw Error(path, $"{where}: argument '{name}' is {value?.ToJsonString() ?? "null"} in the file, which the layer does not accept as given (it became {ValueText(actual)}).");
            }
        }
        foreach (var name in rebuilt.Keys)
        {
            if (!saved.ContainsKey(name)) throw Error(path, $"{where} is missing the argument '{name}'.");
        }
    }

    private static bool SameValue(JsonNode? saved, object? actual)
    {
        if (actual is null) return saved is null || saved.GetValueKind() == JsonValueKind.Null;
        if (saved is null) return false;
        var kind = saved.GetValueKind();
        return actual switch
        {
            bool b => kind is JsonValueKind.True or JsonValueKind.False && saved.GetValue<bool>() == b,
            string s => kind == JsonValueKind.String && saved.GetValue<string>() == s,
            int or long => kind == JsonValueKind.Number && saved.AsValue().TryGetValue(out long n) && n == Convert.ToInt64(actual, CultureInfo.InvariantCulture),
            float f => kind == JsonValueKind.Number && ((float)saved.GetValue<double>()).Equals(f),
            double d => kind == JsonValueKind.Number && saved.GetValue<double>().Equals(d),
            int[] shape => saved is JsonArray array && array.Count == shape.Length
                && array.Select((e, i) => SameValue(e, shape[i])).All(same => same),
            _ => false,
        };
    }

    private static string ValueText(object? value) => value switch
    {
        null => "null",
        int[] shape => Tensor.ShapeText(shape),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Plain values only: numbers, strings, booleans, null and int arrays.</summary>
    internal static JsonNode? ValueToJson(object? value, string where) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        float f when float.IsFinite(f) => JsonValue.Create(f),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        int[] shape => new JsonArray([.. shape.Select(d => JsonValue.Create(d))]),
        _ => throw new NotSupportedException($"{where} is {value} ({value.GetType().Name}); a model file can only hold numbers, text, true/false, null and integer lists."),
    };

    private static ModelFileException Error(string path, string message, Exception? inner = null) => new(path, message, inner);
}
