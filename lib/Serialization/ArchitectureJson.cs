using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookCourse.Layers;

namespace NotebookCourse.Serialization;

/// <summary>
/// Turns a <see cref="Sequential"/> model into the JSON kept in a model file's "architecture" entry and
/// back. It knows no layer: each layer writes its own <see cref="Layer.Config"/> and reads it back in its
/// own <c>FromConfig</c>; this file only turns configs into JSON and JSON into configs. Only registered
/// layer types (the library's, and those of <see cref="Layer.Register{TLayer}"/>) are written or read, so
/// no .NET type is ever looked up from the file's text.
/// </summary>
/// <remarks>
/// A layer is <c>{"type": "Dense", "arguments": {"name": "dense", "units": 10, "activation": "softmax", ...}}</c>;
/// an argument holding inner layers (a Sequential's "layers") is an array of such objects.
/// </remarks>
internal static class ArchitectureJson
{
    /// <summary>The JSON of a layer and the layers inside it.</summary>
    /// <exception cref="NotSupportedException">A layer is of an unregistered type, or holds a value JSON cannot keep.</exception>
    public static JsonObject ToJson(Layer layer, string where)
    {
        CheckRegistered(layer, where);
        return ConfigToJson(layer.Config, where);
    }

    /// <summary>A model file can rebuild only registered types: the layer and every layer inside it must be one, exactly.</summary>
    private static void CheckRegistered(Module module, string where)
    {
        if (module is not Layer layer || Layer.RegisteredType(layer.Config.Type) != layer.GetType())
        {
            throw new NotSupportedException(
                $"{where} is a {module.GetType().Name}, which is not a registered layer type ({string.Join(", ", Layer.RegisteredTypeNames)}); " +
                "a model file can only rebuild those, because loading never runs code named in a file. Save the weights with " +
                "model.SaveWeights(path) and rebuild the model in code, or give the layer a FromConfig (ILayerFromConfig) and call Layer.Register.");
        }
        foreach (var (name, child) in module.Children())
        {
            CheckRegistered(child, $"{where} > layer {name} ({(child as Layer)?.LayerName ?? child.GetType().Name})");
        }
    }

    private static JsonObject ConfigToJson(LayerConfig config, string where)
    {
        var arguments = new JsonObject();
        foreach (var (name, value) in config.Arguments)
        {
            arguments[name] = value is IEnumerable<LayerConfig> layers
                ? new JsonArray([.. layers.Select((inner, i) => (JsonNode)ConfigToJson(inner, $"{where} > layer {i}"))])
                : ValueToJson(value, $"{where}: argument '{name}'");
        }
        return new JsonObject { ["type"] = config.Type, ["arguments"] = arguments };
    }

    /// <summary>
    /// Rebuilds a layer from its JSON: the type must be registered, the layer's own FromConfig reads the
    /// arguments, and the rebuilt layer must report exactly the arguments the file gave. The layers may
    /// create no more parameter values than the file holds (<paramref name="availableValues"/>), so a
    /// tampered file cannot make us allocate gigabytes; their throw-away starting values come from a
    /// private generator, which leaves <see cref="Tensor.Generator"/> where it was.
    /// </summary>
    /// <exception cref="ModelFileException">Anything is unknown, missing or inconsistent.</exception>
    public static Layer FromJson(JsonNode? node, string path, string where, long availableValues)
    {
        var config = ConfigFromJson(node, path, where);
        Layer layer;
        using (Tensor.UseGenerator(new Random(0)))
        using (ParameterBudget.Limit(availableValues))
        {
            try
            {
                layer = Layer.Rebuild(config);
            }
            catch (ArgumentException e)
            {
                throw Error(path, ModelFileException.Reason(e), e);
            }
        }
        CheckArguments(layer.Config, node!.AsObject(), path, where);
        return layer;
    }

    /// <summary>The JSON of a layer as a config: plain values stay JSON, arrays of layers become configs that know where they were read.</summary>
    private static LayerConfig ConfigFromJson(JsonNode? node, string path, string where)
    {
        if (node is not JsonObject json) throw Error(path, $"{where} should be a JSON object {{\"type\": ..., \"arguments\": {{...}}}}.");
        if (json["type"] is not JsonValue typeValue || typeValue.GetValueKind() != JsonValueKind.String)
        {
            throw Error(path, $"{where} has no \"type\" string.");
        }
        var type = typeValue.GetValue<string>();
        if (json["arguments"] is not JsonObject arguments) throw Error(path, $"{where} ({type}) has no \"arguments\" object.");
        var values = new Dictionary<string, object?>();
        foreach (var (name, value) in arguments)
        {
            values[name] = value switch
            {
                null => null,
                JsonArray array when array.Count > 0 && array.All(item => item is JsonObject o && o.ContainsKey("type")) =>
                    array.Select((item, i) => ConfigFromJson(item, path, $"{where} > layer {i}")).ToArray(),
                _ => JsonSerializer.Deserialize<JsonElement>(value.ToJsonString()),
            };
        }
        return new LayerConfig(type, values) { Source = where };
    }

    /// <summary>The rebuilt layer must report exactly the arguments the file gave: none unknown, none missing, none changed.</summary>
    private static void CheckArguments(LayerConfig rebuilt, JsonObject saved, string path, string where)
    {
        var described = $"{where} ({rebuilt.Type})";
        var arguments = saved["arguments"]!.AsObject();
        foreach (var (name, value) in arguments)
        {
            if (!rebuilt.Arguments.TryGetValue(name, out var actual))
            {
                throw Error(path, $"{described} has the unknown argument '{name}'; it has: {string.Join(", ", rebuilt.Arguments.Keys)}.");
            }
            if (actual is IReadOnlyList<LayerConfig> layers && value is JsonArray inner && inner.Count == layers.Count)
            {
                for (var i = 0; i < layers.Count; i++) CheckArguments(layers[i], inner[i]!.AsObject(), path, $"{where} > layer {i}");
                continue;
            }
            if (!SameValue(value, actual))
            {
                throw Error(path, $"{described}: argument '{name}' is {value?.ToJsonString() ?? "null"} in the file, which the layer does not accept as given (it became {ValueText(actual)}).");
            }
        }
        foreach (var name in rebuilt.Arguments.Keys)
        {
            if (!arguments.ContainsKey(name)) throw Error(path, $"{described} is missing the argument '{name}'.");
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
