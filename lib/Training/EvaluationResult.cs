using System.Collections;
using NotebookCourse.Presentation;

namespace NotebookCourse.Training;

/// <summary>
/// The loss and metrics of a model on a data set, from <c>model.Evaluate(x, y)</c>:
/// <c>result.Loss</c>, <c>result["accuracy"]</c>; prints as <c>loss: 0.2496 - accuracy: 0.9314</c>.
/// </summary>
public sealed class EvaluationResult : IReadOnlyDictionary<string, double>
{
    private readonly Dictionary<string, double> _values;

    /// <summary>Creates a result from named values (a "loss" entry is expected).</summary>
    public EvaluationResult(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, double>(values);
    }

    /// <summary>The mean loss over all samples.</summary>
    public double Loss => this["loss"];

    /// <summary>A value by name, e.g. <c>result["accuracy"]</c>.</summary>
    public double this[string key] => _values.TryGetValue(key, out var v)
        ? v
        : throw new KeyNotFoundException($"The evaluation has no '{key}'; it has: {string.Join(", ", _values.Keys)}.");

    /// <summary>The names, "loss" first, then the metrics in the order given to Compile.</summary>
    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>The values in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<double> Values => _values.Values;

    /// <summary>The number of values.</summary>
    public int Count => _values.Count;

    /// <summary>True when a value of that name exists.</summary>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <summary>Looks a value up without throwing.</summary>
    public bool TryGetValue(string key, out double value) => _values.TryGetValue(key, out value);

    /// <summary>The name-value pairs.</summary>
    public IEnumerator<KeyValuePair<string, double>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Keras style: <c>loss: 0.2496 - accuracy: 0.9314</c>.</summary>
    public override string ToString() => string.Join(" - ", _values.Select(p => $"{p.Key}: {NumberText.Logged(p.Value)}"));
}
