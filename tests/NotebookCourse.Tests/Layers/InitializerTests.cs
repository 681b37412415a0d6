using NotebookCourse.Layers;

namespace NotebookCourse.Tests.Layers;

/// <summary>Initializer statistics against their formulas, on tensors large enough for tight bounds.</summary>
public class InitializerTests
{
    private const int FanIn = 400, FanOut = 250;

    private static (double Mean, double Std, double Min, double Max) Stats(Tensor t)
    {
        var mean = t.Data.Average(v => (double)v);
        var variance = t.Data.Average(v => (v - mean) * (v - mean));
        return (mean, Math.Sqrt(variance), t.Data.Min(), t.Data.Max());
    }

    public static TheoryData<string, double> ExpectedStd => new()
    {
        { "he_normal", Math.Sqrt(2.0 / FanIn) },
        { "he_uniform", Math.Sqrt(2.0 / FanIn) },              // U(−l, l) has std l/√3 = √(6/fanIn)/√3
        { "glorot_normal", Math.Sqrt(2.0 / (FanIn + FanOut)) },
        { "glorot_uniform", Math.Sqrt(2.0 / (FanIn + FanOut)) },
        { "lecun_normal", Math.Sqrt(1.0 / FanIn) },
        { "random_normal", 1.0 },
        { "random_uniform", 0.1 / Math.Sqrt(12) },             // U(−0.05, 0.05)
    };

    [Theory, MemberData(nameof(ExpectedStd))]
    public void Standard_deviation_matches_the_formula(string name, double expected)
    {
        var t = Initializer.FromName(name).Create(FanIn, FanOut, [FanIn, FanOut], new Random(1));
        var (mean, std, _, _) = Stats(t);
        // 100,000 samples: the std estimate is within about 0.5% (three standard errors is ~1%).
        Assert.InRange(std / expected, 0.98, 1.02);
        Assert.InRange(mean, -0.02 * expected, 0.02 * expected);
    }

    [Fact]
    public void Uniform_initializers_stay_inside_their_limits()
    {
        var limit = Math.Sqrt(6.0 / (FanIn + FanOut));
        var (_, _, min, max) = Stats(new GlorotUniform().Create(FanIn, FanOut, [FanIn, FanOut], new Random(2)));
        Assert.InRange(min, -limit, -0.99 * limit);
        Assert.InRange(max, 0.99 * limit, limit);
    }

    [Fact]
    public void Same_seed_gives_the_same_values_and_another_seed_does_not()
    {
        var a = Init.He.Create(10, 10, [10, 10], new Random(5));
        var b = Init.He.Create(10, 10, [10, 10], new Random(5));
        var c = Init.He.Create(10, 10, [10, 10], new Random(6));
        Assert.Equal(a.Data, b.Data);
        Assert.NotEqual(a.Data, c.Data);
    }

    [Fact]
    public void Zeros_gives_zeros_and_names_round_trip()
    {
        Assert.All(Init.Zeros.Create(3, 3, [3, 3], new Random(1)).Data, v => Assert.Equal(0f, v));
        foreach (var init in new[] { Init.Normal, Init.Uniform, Init.Xavier, Init.XavierNormal, Init.He, Init.HeUniform, Init.LeCun, Init.Zeros })
        {
            Assert.Equal(init.GetType(), Initializer.FromName(init.Name).GetType());
        }
        Assert.Throws<ArgumentException>(() => Initializer.FromName("nope"));
    }

    [Fact]
    public void Dense_uses_the_chosen_initializer()
    {
        var layer = new Dense(FanOut, init: Init.He, inputSize: FanIn, random: new Random(3));
        Assert.InRange(Stats(layer.Weight!).Std / Math.Sqrt(2.0 / FanIn), 0.98, 1.02);
        Assert.All(layer.Bias!.Data, v => Assert.Equal(0f, v));
    }
}
