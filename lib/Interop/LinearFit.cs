using NotebookCourse.Presentation;

namespace NotebookCourse.Interop;

/// <summary>A fitted linear model y = <see cref="Intercept"/> + Σ <see cref="Slopes"/>[j]·x[j], with its R².</summary>
/// <param name="Intercept">The value at x = 0 (the bias).</param>
/// <param name="Slopes">One weight per feature; a straight line has one.</param>
/// <param name="RSquared">Share of the variance of y the fit explains on the data it was fitted to (1 = perfect).</param>
public sealed record LinearFit(double Intercept, double[] Slopes, double RSquared)
{
    /// <summary>The slope of a one-feature fit.</summary>
    public double Slope => Slopes.Length == 1 ? Slopes[0] : throw new InvalidOperationException($"This fit has {Slopes.Length} slopes; use Slopes.");

    /// <summary>The prediction for one point with one value per feature.</summary>
    /// <exception cref="ArgumentException">The number of features differs from the fit's.</exception>
    public double Predict(params double[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length != Slopes.Length) throw new ArgumentException($"The fit has {Slopes.Length} features; got {features.Length}.", nameof(features));
        var y = Intercept;
        for (var j = 0; j < Slopes.Length; j++) y += Slopes[j] * features[j];
        return y;
    }

    /// <summary>Readable form, e.g. <c>y = 0.5 + 1.4·x  (R² = 0.98)</c>.</summary>
    public override string ToString()
    {
        static string F(double v) => NumberText.Short(v);
        var terms = Slopes.Length == 1 ? $" + {F(Slopes[0])}·x" : string.Concat(Slopes.Select((s, j) => $" + {F(s)}·x{j + 1}"));
        return $"y = {F(Intercept)}{terms}  (R² = {F(RSquared)})";
    }
}
