namespace NotebookCourse.Data;

/// <summary>
/// Standardises each column to mean 0 and standard deviation 1: (x - mean) / std, with mean and
/// std (population, as scikit-learn) learned from the training data. A constant column (std = 0)
/// is divided by 1 instead, so it becomes all zeros rather than NaN.
/// </summary>
public sealed class StandardScaler : FeatureScaler
{
    /// <summary>Each column's mean in the training data.</summary>
    public double[] Mean { get; private set; } = [];

    /// <summary>Each column's divisor: its standard deviation, or 1 where that is 0.</summary>
    public double[] Scale { get; private set; } = [];

    /// <inheritdoc/>
    protected override void Learn(double[][] columns)
    {
        Mean = columns.Select(c => c.Average()).ToArray();
        Scale = columns.Select((c, j) =>
        {
            var mean = Mean[j];
            var variance = c.Sum(v => (v - mean) * (v - mean)) / c.Length;
            var std = Math.Sqrt(variance);
            return std == 0 ? 1 : std;
        }).ToArray();
    }

    /// <inheritdoc/>
    protected override double ScaleValue(double value, int column, bool inverse) =>
        inverse ? value * Scale[column] + Mean[column] : (value - Mean[column]) / Scale[column];
}
