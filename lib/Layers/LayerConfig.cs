using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookCourse.Layers;

/// <summary>
/// What is needed to rebuild a layer without running the code that made it: its type name (e.g.
/// "Dense") and constructor arguments (e.g. units = 10, activation = "softmax"), like Keras's get_config.
/// Each layer writes its own (<see cref="Layer.Config"/>) and reads it back in its static <c>FromConfig</c>.
/// </summary>
/// <param name="Type">The layer's class name, e.g. "Dense".</param>
/// <param name="Arguments">Constructor arguments by name; values are numbers, strings, booleans, int arrays, null, or the configs of inner layers.</param>
public sealed record LayerConfig(string Type, IReadOnlyDictionary<string, object?> Arguments)
{
    /// <summary>Where the config was read from, for error messages (e.g. "the model > layer 1"); null when made in code.</summary>
    [JsonIgnore]
    public string? Source { get; internal init; }

    /// <summary>The config named in an error: "the model > layer 1 (Dense)", or "the Dense config".</summary>
    private string Described => Source is null ? $"the {Type} config" : $"{Source} ({Type})";

    /// <summary>Reads an argument, or <paramref name="fallback"/> when it is missing or null.</summary>
    /// <exception cref="ArgumentException">The argument has a value of another kind (text where a number belongs).</exception>
    public T Get<T>(string name, T fallback)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null) return fallback;
        if (value is T typed) return typed;
        if (value is JsonElement json)
        {
            // A config read back from JSON.
            if (json.ValueKind == JsonValueKind.Null) return fallback;
            try
            {
                return JsonSerializer.Deserialize<T>(json) ?? fallback;
            }
            catch (JsonException e)
            {
                throw new LayerConfigException($"{Described}: argument '{name}' is {json.GetRawText()}; expected a {TypeName(typeof(T))}.", e);
            }
        }
        if (typeof(T) == typeof(int[]) && value is IEnumerable<object> list) return (T)(object)list.Select(Convert.ToInt32).ToArray();
        try
        {
            return (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new LayerConfigException($"{Described}: argument '{name}' is {value} ({value.GetType().Name}); expected a {TypeName(typeof(T))}.", e);
        }
    }

    /// <summary>Reads an argument the layer cannot do without (Dense's units, Dropout's rate).</summary>
    /// <exception cref="ArgumentException">It is missing or null, or has a value of another kind.</exception>
    public T Require<T>(string name)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null || value is JsonElement { ValueKind: JsonValueKind.Null })
        {
            throw new LayerConfigException($"{Described} is missing the argument '{name}'.");
        }
        return Get<T>(name, default!);
    }

    /// <summary>The configs of inner layers (a Sequential's "layers"), each knowing where it was read from.</summary>
    public IReadOnlyList<LayerConfig> Layers(string name)
    {
        var layers = Require<LayerConfig[]>(name);
        return [.. layers.Select((layer, i) => layer.Source is null && Source is not null ? layer with { Source = $"{Source} > layer {i}" } : layer)];
    }

    /// <summary>Gives the rebuilt layer the name the config records (Keras's "name"); returns the layer.</summary>
    public TLayer Named<TLayer>(TLayer layer) where TLayer : Layer
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (Get<string?>("name", null) is string name) layer.LayerName = name;
        return layer;
    }

    /// <summary>The config as text, e.g. <c>Dense(units: 10, activation: softmax)</c>.</summary>
    public override string ToString()
        => $"{Type}({string.Join(", ", Arguments.Select(a => $"{a.Key}: {Format(a.Value)}"))})";

    private static string TypeName(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) || t == typeof(long) => "whole number",
        var t when t == typeof(float) || t == typeof(double) => "number",
        var t when t == typeof(string) => "text",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(int[]) => "list of whole numbers",
        var t => t.Name,
    };

    private static string Format(object? value) => value switch
    {
        null => "null",
        int[] shape => Tensor.ShapeText(shape),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IEnumerable<LayerConfig> layers => "[" + string.Join(", ", layers) + "]",
        _ => value.ToString() ?? "",
    };
}
