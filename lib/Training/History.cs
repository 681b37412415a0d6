namespace NotebookCourse.Training;

/// <summary>
/// What training measured, one value per epoch for each key ("loss", "accuracy", "val_loss",
/// "val_accuracy", ...), like the History object Keras's fit returns.
/// </summary>
public sealed class History
{
    private readonly Dictionary<string, List<double>> _values = [];

    /// <summary>The recorded keys in the order they first appeared.</summary>
    public IReadOnlyList<string> Keys => [.. _values.Keys];

    /// <summary>The number of epochs recorded.</summary>
    public int Epochs => _values.Count == 0 ? 0 : _values.Values.Max(v => v.Count);

    /// <summary>The per-epoch values of one key, e.g. <c>history["val_accuracy"]</c>.</summary>
    public IReadOnlyList<double> this[string key] => _values.TryGetValue(key, out var v)
        ? v
        : throw new KeyNotFoundException($"History has no '{key}'; it has: {string.Join(", ", _values.Keys)}.");

    /// <summary>True when the key was recorded.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>Appends one epoch's values.</summary>
    public void Add(IReadOnlyDictionary<string, double> epochLogs)
    {
        foreach (var (key, value) in epochLogs)
        {
            if (!_values.TryGetValue(key, out var list)) _values[key] = list = [];
            list.Add(value);
        }
    }
}
