namespace NotebookCourse.Data;

/// <summary>
/// Scales each column to a range, by default [0, 1]: (x - min) / (max - min), with min and max
/// learned from the training data. A constant column (max = min) is not divided by zero: it maps
/// to the low end of the range, as in scikit-learn.
/// </summary>
public sealed class MinMaxScaler : FeatureScaler
{
    /// <summary>Creates a scaler to [<paramref name="low"/>, <paramref name="high"/>].</summary>
    /// <param name="low">The value the column minimum maps to.</param>
    /// <param name="high">The value the column maximum maps to.</param>
    /// <param name="epsilon">Added to (max - min) before dividing; the course handout's version uses 1e-7
    /// (which is why its table shows 0.99999999 instead of 1). 0 gives scikit-learn's result.</param>
    public MinMaxScaler(float low = 0f, float high = 1f, double epsilon = 0)
    {
        if (!(low < high)) throw new ArgumentException($"MinMaxScaler: low ({low}) must be below high ({high}).", nameof(low));
        if (epsilon < 0) throw new ArgumentOutOfRangeException(nameof(epsilon), "MinMaxScaler: epsilon must not be negative.");
        Low = low;
        High = high;
        Epsilon = epsilon;
    }

    /// <summary>The value each column's training minimum maps to.</summary>
    public float Low { get; }

    /// <summary>The value each column's training maximum maps to.</summary>
    public float High { get; }

    /// <summary>Added to each column's range before dividing.</summary>
    public double Epsilon { get; }

    /// <summary>Each column's minimum in the training data.</summary>
    public double[] DataMin { get; private set; } = [];

    /// <summary>Each column's maximum in the training data.</summary>
    public double[] DataMax { get; private set; } = [];

    /// <inheritdoc/>
    protected override void Learn(double[][] columns)
    {
        DataMin = columns.Select(c => c.Min()).ToArray();
        DataMax = columns.Select(c => c.Max()).ToArray();
    }

    /// <inheritdoc/>
    protected override double ScaleValue(double value, int column, bool inverse)
    {
        var range = DataMax[column] - DataMin[column] + Epsilon;
        if (range == 0) range = 1;
        var width = (double)High - Low;
        return inverse
            ? (value - Low) / width * range + DataMin[column]
            : (value - DataMin[column]) / range * width + Low;
    }
}
