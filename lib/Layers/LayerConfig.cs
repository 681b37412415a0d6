namespace NotebookCourse.Layers;

/// <summary>
/// What is needed to rebuild a layer without running the code that made it: its type name (e.g.
/// "Dense") and constructor arguments (e.g. units = 10, activation = "softmax"), like Keras's get_config.
/// </summary>
/// <param name="Type">The layer's class name, e.g. "Dense".</param>
/// <param name="Arguments">Constructor arguments by name; values are numbers, strings, booleans, int arrays or null.</param>
public sealed record LayerConfig(string Type, IReadOnlyDictionary<string, object?> Arguments)
{
    /// <summary>Reads an argument, or <paramref name="fallback"/> when it is missing or null.</summary>
    public T Get<T>(string name, T fallback)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null) return fallback;
        if (value is T typed) return typed;
        if (value is System.Text.Json.JsonElement json)
        {
            // A config read back from a JSON model file.
            if (json.ValueKind == System.Text.Json.JsonValueKind.Null) return fallback;
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<T>(json) ?? fallback;
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ArgumentException($"Layer config of {Type}: argument '{name}' is {json.GetRawText()}; expected a {typeof(T).Name}.", e);
            }
        }
        if (typeof(T) == typeof(int[]) && value is IEnumerable<object> list) return (T)(object)list.Select(Convert.ToInt32).ToArray();
        try
        {
            return (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new ArgumentException($"Layer config of {Type}: argument '{name}' is {value} ({value.GetType().Name}); expected a {typeof(T).Name}.", e);
        }
    }

    /// <summary>The config as text, e.g. <c>Dense(units: 10, activation: softmax)</c>.</summary>
    public override string ToString()
        => $"{Type}({string.Join(", ", Arguments.Select(a => $"{a.Key}: {Format(a.Value)}"))})";

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
