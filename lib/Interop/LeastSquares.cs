using MathNet.Numerics;
using MathNet.Numerics.LinearRegression;

namespace NotebookCourse.Interop;

/// <summary>
/// Ordinary least squares, the closed-form regression the course reviews before gradient descent:
/// <c>LeastSquares.Fit(x, y)</c> finds the intercept and slopes that minimise the squared error.
/// Wraps MathNet.Numerics (<c>Fit.Line</c>, <c>MultipleRegression.QR</c>).
/// </summary>
public static class LeastSquares
{
    /// <summary>The straight line y = intercept + slope·x through points (x[i], y[i]).</summary>
    /// <exception cref="ArgumentException">Lengths differ or fewer than 2 points.</exception>
    public static LinearFit Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        if (x.Count < 2) throw new ArgumentException($"A line needs at least 2 points; got {x.Count}.", nameof(x));
        var xs = x.ToArray();
        var ys = y.ToArray();
        var (intercept, slope) = MathNet.Numerics.Fit.Line(xs, ys);
        return new LinearFit(intercept, [slope], RSquared(xs.Select(v => intercept + slope * v), ys));
    }

    /// <summary>
    /// Least squares on tensors: x [n] (one feature) or [n, d] (d features), y [n] or [n, 1].
    /// Returns y ≈ intercept + Σ slopes[j]·x[:, j].
    /// </summary>
    /// <exception cref="ArgumentException">Shapes that do not match, or fewer points than unknowns.</exception>
    public static LinearFit Fit(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank is not (1 or 2)) throw new ArgumentException($"x must be [n] or [n, features]; got {Tensor.ShapeText(x.Shape)}.", nameof(x));
        var n = x.Shape[0];
        if (y.Size != n || y.Shape.Count(d => d != 1) > 1)
        {
            throw new ArgumentException($"y must hold one target per row of x ({n}); got shape {Tensor.ShapeText(y.Shape)}.", nameof(y));
        }
        var ys = Array.ConvertAll(y.Data, v => (double)v);
        if (x.Rank == 1) return Fit(Array.ConvertAll(x.Data, v => (double)v), ys);

        var d = x.Shape[1];
        if (n < d + 1) throw new ArgumentException($"{d} features and an intercept need at least {d + 1} points; got {n}.", nameof(x));
        var rows = new double[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new double[d];
            for (var j = 0; j < d; j++) rows[i][j] = x.Data[i * d + j];
        }
        var p = MultipleRegression.QR(rows, ys, intercept: true);
        var fit = new LinearFit(p[0], p[1..], 0);
        var predictions = rows.Select(r => fit.Predict(r));
        return fit with { RSquared = RSquared(predictions, ys) };
    }

    private static double RSquared(IEnumerable<double> predictions, double[] observed)
        => GoodnessOfFit.CoefficientOfDetermination(predictions, observed);
}
