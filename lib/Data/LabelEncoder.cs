namespace NotebookCourse.Data;

/// <summary>
/// Turns class names into integers 0..k-1 and back (scikit-learn's LabelEncoder). The classes are
/// sorted (ordinal string order, as scikit-learn sorts them), so "setosa" = 0, "versicolor" = 1, "virginica" = 2.
/// </summary>
public sealed class LabelEncoder
{
    private Dictionary<string, int>? _index;

    /// <summary>The known classes in sorted order; position = encoded value. Empty before <see cref="Fit"/>.</summary>
    public IReadOnlyList<string> Classes { get; private set; } = [];

    /// <summary>Learns the distinct labels, sorted. Returns this encoder, so calls can be chained.</summary>
    public LabelEncoder Fit(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var classes = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Classes = classes;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < classes.Length; i++) _index[classes[i]] = i;
        return this;
    }

    /// <summary>The integer of each label.</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>.</exception>
    /// <exception cref="ArgumentException">A label was not seen by <see cref="Fit"/>; the message names it and its position.</exception>
    public int[] Transform(IEnumerable<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var index = _index ?? throw new InvalidOperationException("LabelEncoder: call Fit (or FitTransform) before Transform.");
        var result = new List<int>();
        foreach (var label in labels)
        {
            if (!index.TryGetValue(label, out var value))
            {
                throw new ArgumentException(
                    $"LabelEncoder: label '{label}' at position {result.Count} was not seen by Fit. Known classes: {string.Join(", ", Classes)}.", nameof(labels));
            }
            result.Add(value);
        }
        return [.. result];
    }

    /// <summary>Fits on the labels and encodes them in one step.</summary>
    public int[] FitTransform(IEnumerable<string> labels)
    {
        var list = labels as IReadOnlyCollection<string> ?? labels.ToList();
        return Fit(list).Transform(list);
    }

    /// <summary>The class name of each integer (e.g. a model's predicted classes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a known class index.</exception>
    public string[] InverseTransform(IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_index is null) throw new InvalidOperationException("LabelEncoder: call Fit (or FitTransform) before InverseTransform.");
        var result = new List<string>();
        foreach (var v in values)
        {
            if (v < 0 || v >= Classes.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(values), $"LabelEncoder: value {v} at position {result.Count} is not a class index 0..{Classes.Count - 1}.");
            }
            result.Add(Classes[v]);
        }
        return [.. result];
    }
}
