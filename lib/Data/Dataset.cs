namespace NotebookCourse.Data;

/// <summary>
/// A small labelled data set: a feature matrix, the class of each row, and the names of the
/// features and classes. Returned by <see cref="Datasets"/>.
/// </summary>
/// <param name="Name">The data set's name, e.g. "iris".</param>
/// <param name="Features">The inputs, [rows, features].</param>
/// <param name="Labels">The class index of each row, 0..ClassCount-1.</param>
/// <param name="FeatureNames">One name per feature column.</param>
/// <param name="ClassNames">The name of each class index.</param>
public sealed record Dataset(string Name, Tensor Features, int[] Labels, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> ClassNames)
{
    /// <summary>The number of rows (examples).</summary>
    public int Count => Labels.Length;

    /// <summary>The number of feature columns.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>The number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>The labels as a float tensor of class indices [rows] (for sparse losses and splitting).</summary>
    public Tensor LabelTensor => new(Array.ConvertAll(Labels, v => (float)v), [Labels.Length]);

    /// <summary>The labels one-hot encoded, [rows, classes].</summary>
    public Tensor OneHotLabels => OneHot.Encode(Labels, ClassCount);

    /// <summary>How many rows each class has, in class order.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (var label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>A one-line description, e.g. "iris: 150 rows x 4 features, 3 classes (setosa 50, ...)".</summary>
    public override string ToString()
    {
        var counts = ClassCounts();
        var classes = string.Join(", ", ClassNames.Select((c, i) => $"{c} {counts[i]}"));
        return $"{Name}: {Count} rows x {FeatureCount} features, {ClassCount} classes ({classes})";
    }
}
