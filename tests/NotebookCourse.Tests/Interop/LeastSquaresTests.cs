using NotebookCourse.Interop;

namespace NotebookCourse.Tests.Interop;

public class LeastSquaresTests
{
    [Fact]
    public void Line_fit_matches_the_hand_computed_normal_equations()
    {
        // By hand: mean x = 2.5, mean y = 4; Σ dx·dy = 7, Σ dx² = 5, so slope = 1.4 and intercept = 4 - 1.4·2.5 = 0.5.
        // Predictions 1.9, 3.3, 4.7, 6.1 leave residuals ±0.1, ±0.3: SSE = 0.2, SST = 10, R² = 0.98.
        var fit = LeastSquares.Fit([1.0, 2, 3, 4], [2.0, 3, 5, 6]);
        Assert.Equal(1.4, fit.Slope, 10);
        Assert.Equal(0.5, fit.Intercept, 10);
        Assert.Equal(0.98, fit.RSquared, 10);
        Assert.Equal(0.5 + 1.4 * 10, fit.Predict(10), 10);
        Assert.Equal("y = 0.5 + 1.4·x  (R² = 0.98)", fit.ToString());
    }

    [Fact]
    public void Tensor_line_fit_equals_the_list_fit()
    {
        var fit = LeastSquares.Fit(Tensor.FromArray(new float[] { 1, 2, 3, 4 }), new Tensor([2f, 3f, 5f, 6f], [4, 1]));
        Assert.Equal(1.4, fit.Slope, 5);
        Assert.Equal(0.5, fit.Intercept, 5);
    }

    [Fact]
    public void Several_features_recover_the_plane_the_data_was_made_from()
    {
        // y = 1 + 2a - 3b exactly, on points that are not collinear.
        float[,] x = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 }, { 2, 3 }, { -1, 4 } };
        var y = new float[6];
        for (var i = 0; i < 6; i++) y[i] = 1 + 2 * x[i, 0] - 3 * x[i, 1];
        var fit = LeastSquares.Fit(Tensor.FromArray(x), Tensor.FromArray(y));
        Assert.Equal(1, fit.Intercept, 5);
        Assert.Equal([2.0, -3.0], fit.Slopes.Select(s => Math.Round(s, 5)));
        Assert.Equal(1, fit.RSquared, 8);
        Assert.Throws<InvalidOperationException>(() => fit.Slope);
    }

    [Fact]
    public void Mismatched_lengths_are_reported()
    {
        var e = Assert.Throws<ArgumentException>(() => LeastSquares.Fit([1.0, 2, 3], [1.0, 2]));
        Assert.Contains("3", e.Message);
        Assert.Throws<ArgumentException>(() => LeastSquares.Fit(Tensor.Zeros(4, 2), Tensor.Zeros(3)));
    }
}
