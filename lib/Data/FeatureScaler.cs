namespace NotebookCourse.Data;

/// <summary>
/// Base of the feature scalers: learn per-column statistics from training data with
/// <see cref="Fit"/>, then apply the same transformation to any data (training, validation, test)
/// with <see cref="Transform"/>. Fit on the training data only, so no test information leaks in.
/// </summary>
public abstract class FeatureScaler
{
    /// <summary>The number of columns seen by <see cref="Fit"/>, or 0 before.</summary>
    public int FeatureCount { get; private set; }

    /// <summary>Whether <see cref="Fit"/> has been called.</summary>
    public bool IsFitted => FeatureCount > 0;

    /// <summary>Learns the per-column statistics of a [rows, features] tensor. Returns this scaler.</summary>
    /// <exception cref="ArgumentException">The tensor is not 2-D or has no rows.</exception>
    public FeatureScaler Fit(Tensor x)
    {
        var (rows, cols) = CheckShape(x, nameof(Fit));
        if (rows == 0) throw new ArgumentException($"{GetType().Name}.Fit needs at least one row.", nameof(x));
        var columns = new double[cols][];
        for (var c = 0; c < cols; c++)
        {
            columns[c] = new double[rows];
            for (var r = 0; r < rows; r++) columns[c][r] = x.Data[r * cols + c];
        }
        Learn(columns);
        FeatureCount = cols;
        return this;
    }

    /// <summary>Scales a [rows, features] tensor with the statistics learned by <see cref="Fit"/>; returns a new tensor.</summary>
    /// <exception cref="InvalidOperationException">Called before <see cref="Fit"/>.</exception>
    /// <exception cref="ArgumentException">The column count differs from the fitted data's.</exception>
    public Tensor Transform(Tensor x) => Apply(x, nameof(Transform), inverse: false);

    /// <summary>Undoes <see cref="Transform"/>: from scaled values back to the original units.</summary>
    public Tensor InverseTransform(Tensor x) => Apply(x, nameof(InverseTransform), inverse: true);

    /// <summary>Fits on <paramref name="x"/> and scales it, in one step (use for training data only).</summary>
    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    /// <summary>Learns the statistics from the columns (each array is one column's values).</summary>
    protected abstract void Learn(double[][] columns);

    /// <summary>Scales one value of column <paramref name="column"/> (or undoes it when <paramref name="inverse"/>).</summary>
    protected abstract double ScaleValue(double value, int column, bool inverse);

    private Tensor Apply(Tensor x, string operation, bool inverse)
    {
        if (!IsFitted) throw new InvalidOperationException($"{GetType().Name}: call Fit (on the training data) before {operation}.");
        var (rows, cols) = CheckShape(x, operation);
        if (cols != FeatureCount)
        {
            throw new ArgumentException($"{GetType().Name}.{operation}: the data has {cols} columns but the scaler was fitted on {FeatureCount}.", nameof(x));
        }
        var result = new float[x.Size];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                result[r * cols + c] = (float)ScaleValue(x.Data[r * cols + c], c, inverse);
            }
        }
        return new Tensor(result, [rows, cols]);
    }

    private (int Rows, int Cols) CheckShape(Tensor x, string operation)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2)
        {
            throw new ArgumentException($"{GetType().Name}.{operation} needs a 2-D tensor [rows, features]; got shape {Tensor.ShapeText(x.Shape)}.", nameof(x));
        }
        return (x.Shape[0], x.Shape[1]);
    }
}
