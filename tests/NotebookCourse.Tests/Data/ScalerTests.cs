using NotebookCourse.Data;
using NotebookCourse.Testing;

namespace NotebookCourse.Tests.Data;

public sealed class ScalerTests
{
    [Fact]
    public void MinMaxScaler_reproduces_the_handouts_scaled_stock_table()
    {
        var scaled = new MinMaxScaler(epsilon: 1e-7).FitTransform(Tensor.FromArray(HandoutStockTable.Prices));
        for (var r = 0; r < 8; r++)
        {
            for (var c = 0; c < 5; c++)
            {
                // float32 keeps about 7 digits of 828.659973, i.e. ~3e-6 after dividing by the range of ~19
                Assert.True(Math.Abs(scaled[r, c] - HandoutStockTable.Scaled[r, c]) < 1e-5, $"row {r}, column {c}: {scaled[r, c]} vs {HandoutStockTable.Scaled[r, c]}");
            }
        }
    }

    [Fact]
    public void MinMaxScaler_is_fitted_on_training_rows_only()
    {
        var all = Tensor.FromArray(HandoutStockTable.Prices);
        var train = all.Slice(0, 6);
        var test = all.Slice(6, 2);
        var scaler = new MinMaxScaler();
        scaler.Fit(train);
        // column 0 of the first six rows: min 816, max 828.659973
        Assert.Equal(816, scaler.DataMin[0], 3);
        Assert.Equal(828.659973, scaler.DataMax[0], 3);
        var scaledTest = scaler.Transform(test);
        Assert.Equal((811.700012 - 816) / (828.659973 - 816), scaledTest[0, 0], 4);
        Assert.True(scaledTest[1, 0] < 0, "test rows below the training minimum scale below 0");
        var back = scaler.InverseTransform(scaledTest);
        Assert.True(back.AllClose(test, 1e-3f));
    }

    [Fact]
    public void Constant_columns_do_not_divide_by_zero()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 7 }, { 2, 7 }, { 3, 7 } });
        var minMax = new MinMaxScaler().FitTransform(x);
        var standard = new StandardScaler().FitTransform(x);
        Assert.All(minMax.Data, v => Assert.True(float.IsFinite(v)));
        Assert.All(standard.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Equal([0f, 0f, 0f], [minMax[0, 1], minMax[1, 1], minMax[2, 1]]);
        Assert.Equal([0f, 0f, 0f], [standard[0, 1], standard[1, 1], standard[2, 1]]);
    }

    [Fact]
    public void StandardScaler_gives_mean_zero_and_population_std_one()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 10 }, { 2, 20 }, { 3, 60 }, { 6, 30 } });
        var scaler = new StandardScaler();
        var z = scaler.FitTransform(x);
        // column 0: mean 3, population variance ((4 + 1 + 0 + 9) / 4) = 3.5
        Assert.Equal(3, scaler.Mean[0], 10);
        Assert.Equal(Math.Sqrt(3.5), scaler.Scale[0], 10);
        Assert.Equal((1 - 3) / Math.Sqrt(3.5), z[0, 0], 5);
        for (var c = 0; c < 2; c++)
        {
            var column = Enumerable.Range(0, 4).Select(r => (double)z[r, c]).ToArray();
            Assert.Equal(0, column.Average(), 5);
            Assert.Equal(1, Math.Sqrt(column.Select(v => v * v).Average()), 5);
        }
        Assert.True(scaler.InverseTransform(z).AllClose(x, 1e-4f));
    }

    [Fact]
    public void Scalers_refuse_use_before_fit_and_wrong_column_counts()
    {
        var scaler = new StandardScaler();
        Assert.Throws<InvalidOperationException>(() => scaler.Transform(Tensor.Zeros(2, 3)));
        scaler.Fit(Tensor.Ones(2, 3));
        Assert.Contains("fitted on 3", Assert.Throws<ArgumentException>(() => scaler.Transform(Tensor.Zeros(2, 4))).Message);
        Assert.Throws<ArgumentException>(() => scaler.Transform(Tensor.Zeros(3)));
    }
}
