using NotebookCourse.Data;

namespace NotebookCourse.Tests.Data;

public sealed class ScalerTests
{
    // The stock-price table of COURSE.md section 04 (handout 001): open, high, volume, low, close.
    private static readonly double[,] s_stock =
    {
        { 828.659973, 833.450012, 908100, 828.349976, 831.659973 },
        { 823.02002, 828.070007, 1828100, 821.655029, 828.070007 },
        { 819.929993, 824.400024, 1438100, 818.97998, 824.159973 },
        { 816, 820.958984, 1008100, 815.48999, 819.23999 },
        { 819.359985, 823, 1188100, 818.469971, 818.97998 },
        { 819, 823, 1198100, 816, 820.450012 },
        { 811.700012, 815.25, 1098100, 809.780029, 813.669983 },
        { 809.51001, 816.659973, 1398100, 804.539978, 809.559998 },
    };

    // The handout's scaled table (its MinMaxScaler adds 1e-7 to the range).
    private static readonly double[,] s_scaled =
    {
        { 0.99999999, 0.99999999, 0, 1, 1 },
        { 0.70548491, 0.70439552, 1, 0.71881782, 0.83755791 },
        { 0.54412549, 0.50274824, 0.57608696, 0.606468, 0.6606331 },
        { 0.33890353, 0.31368023, 0.10869565, 0.45989134, 0.43800918 },
        { 0.51436, 0.42582389, 0.30434783, 0.58504805, 0.42624401 },
        { 0.49556179, 0.42582389, 0.31521739, 0.48131134, 0.49276137 },
        { 0.11436064, 0, 0.20652174, 0.22007776, 0.18597238 },
        { 0, 0.07747099, 0.5326087, 0, 0 },
    };

    [Fact]
    public void MinMaxScaler_reproduces_the_handouts_scaled_stock_table()
    {
        var scaled = new MinMaxScaler(epsilon: 1e-7).FitTransform(Tensor.FromArray(s_stock));
        for (var r = 0; r < 8; r++)
        {
            for (var c = 0; c < 5; c++)
            {
                // float32 keeps about 7 digits of 828.659973, i.e. ~3e-6 after dividing by the range of ~19
                Assert.True(Math.Abs(scaled[r, c] - s_scaled[r, c]) < 1e-5, $"row {r}, column {c}: {scaled[r, c]} vs {s_scaled[r, c]}");
            }
        }
    }

    [Fact]
    public void MinMaxScaler_is_fitted_on_training_rows_only()
    {
        var all = Tensor.FromArray(s_stock);
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
