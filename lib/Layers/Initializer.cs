using MathNet.Numerics.Distributions;

namespace NotebookCourse.Layers;

/// <summary>
/// How a layer fills its parameters before training. Subclasses pick a distribution whose spread
/// depends on fan-in (inputs per unit) and fan-out (outputs per unit), which keeps signals from
/// shrinking or exploding layer after layer.
/// </summary>
public abstract class Initializer
{
    /// <summary>A new tensor of <paramref name="shape"/> drawn with <paramref name="random"/> (same seed, same values).</summary>
    /// <remarks>While a model file is read, the values count against the weights the file holds (see ParameterBudget).</remarks>
    public Tensor Create(int fanIn, int fanOut, int[] shape, Random random)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape) count *= d; // long: a size from a file may not fit an int
        ParameterBudget.Take(count, fanIn);
        return Sample(fanIn, fanOut, shape, random);
    }

    /// <summary>The values of a new parameter of <paramref name="shape"/>, drawn with <paramref name="random"/>.</summary>
    protected abstract Tensor Sample(int fanIn, int fanOut, int[] shape, Random random);

    /// <summary>The name used in layer configs and model files, e.g. "glorot_uniform".</summary>
    public abstract string Name { get; }

    /// <summary>The initializer's name.</summary>
    public override string ToString() => Name;

    /// <summary>Normal samples with the given mean and standard deviation (MathNet's generator over <paramref name="random"/>).</summary>
    protected static Tensor NormalSamples(int[] shape, double mean, double std, Random random)
    {
        var samples = new double[Tensor.SizeOf(shape)];
        Normal.Samples(random, samples, mean, std);
        return new Tensor(Array.ConvertAll(samples, v => (float)v), (int[])shape.Clone());
    }

    /// <summary>Uniform samples from [low, high).</summary>
    protected static Tensor UniformSamples(int[] shape, double low, double high, Random random)
    {
        var samples = new double[Tensor.SizeOf(shape)];
        ContinuousUniform.Samples(random, samples, low, high);
        return new Tensor(Array.ConvertAll(samples, v => (float)v), (int[])shape.Clone());
    }

    /// <summary>
    /// The initializer for a name: "random_normal", "random_uniform", "glorot_uniform"/"xavier",
    /// "glorot_normal", "he_normal"/"he", "he_uniform", "lecun_normal", "zeros", "ones".
    /// </summary>
    public static Initializer FromName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "random_normal" or "normal" or "randn" => new RandomNormal(),
        "random_uniform" or "uniform" => new RandomUniform(),
        "glorot_uniform" or "xavier_uniform" or "xavier" => new GlorotUniform(),
        "glorot_normal" or "xavier_normal" => new GlorotNormal(),
        "he_normal" or "kaiming_normal" or "he" => new HeNormal(),
        "he_uniform" or "kaiming_uniform" => new HeUniform(),
        "lecun_normal" => new LecunNormal(),
        "torch_default" or "pytorch_default" => new TorchLinearDefault(),
        "zeros" or "zero" => new Zeros(),
        "ones" or "one" => new Ones(),
        _ => throw new ArgumentException(
            $"Unknown initializer '{name}'. Known: random_normal, random_uniform, glorot_uniform (xavier), glorot_normal, " +
            "he_normal (he), he_uniform, lecun_normal, torch_default, zeros, ones.", nameof(name)),
    };
}

/// <summary>Normal values with a fixed standard deviation (default 1: the handouts' <c>np.random.randn</c>).</summary>
/// <param name="std">The standard deviation.</param>
/// <param name="mean">The mean.</param>
public sealed class RandomNormal(float std = 1f, float mean = 0f) : Initializer
{
    /// <summary>The standard deviation.</summary>
    public float Std => std;

    /// <summary>The mean.</summary>
    public float Mean => mean;

    /// <inheritdoc/>
    public override string Name => "random_normal";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random) => NormalSamples(shape, mean, std, random);
}

/// <summary>Uniform values in [low, high) (default [-0.05, 0.05), Keras's RandomUniform).</summary>
/// <param name="low">The smallest value.</param>
/// <param name="high">The bound the values stay below.</param>
public sealed class RandomUniform(float low = -0.05f, float high = 0.05f) : Initializer
{
    /// <summary>The smallest value.</summary>
    public float Low => low;

    /// <summary>The upper bound.</summary>
    public float High => high;

    /// <inheritdoc/>
    public override string Name => "random_uniform";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random) => UniformSamples(shape, low, high, random);
}

/// <summary>
/// Xavier/Glorot uniform (Keras's default for Dense): U(−l, l) with l = √(6 / (fanIn + fanOut)), so the
/// variance is 2 / (fanIn + fanOut) — signals keep their size forwards and backwards for tanh/sigmoid.
/// </summary>
public sealed class GlorotUniform : Initializer
{
    /// <inheritdoc/>
    public override string Name => "glorot_uniform";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random)
    {
        var limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        return UniformSamples(shape, -limit, limit, random);
    }
}

/// <summary>Xavier/Glorot normal: N(0, σ²) with σ = √(2 / (fanIn + fanOut)) (not truncated, as in PyTorch's xavier_normal_).</summary>
public sealed class GlorotNormal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "glorot_normal";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random)
        => NormalSamples(shape, 0, Math.Sqrt(2.0 / (fanIn + fanOut)), random);
}

/// <summary>He/Kaiming normal for ReLU layers: N(0, σ²) with σ = √(2 / fanIn) — the handouts' randn / √(fan_in / 2).</summary>
public sealed class HeNormal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "he_normal";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random)
        => NormalSamples(shape, 0, Math.Sqrt(2.0 / fanIn), random);
}

/// <summary>He/Kaiming uniform: U(−l, l) with l = √(6 / fanIn), the same variance 2 / fanIn as <see cref="HeNormal"/>.</summary>
public sealed class HeUniform : Initializer
{
    /// <inheritdoc/>
    public override string Name => "he_uniform";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random)
    {
        var limit = Math.Sqrt(6.0 / fanIn);
        return UniformSamples(shape, -limit, limit, random);
    }
}

/// <summary>LeCun normal: N(0, 1 / fanIn), i.e. randn / √fan_in — what the handouts call "Xavier".</summary>
public sealed class LecunNormal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "lecun_normal";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random)
        => NormalSamples(shape, 0, 1.0 / Math.Sqrt(fanIn), random);
}

/// <summary>PyTorch's default for nn.Linear weights and biases: U(−1/√fanIn, 1/√fanIn).</summary>
public sealed class TorchLinearDefault : Initializer
{
    /// <inheritdoc/>
    public override string Name => "torch_default";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random)
    {
        var limit = 1.0 / Math.Sqrt(Math.Max(fanIn, 1));
        return UniformSamples(shape, -limit, limit, random);
    }
}

/// <summary>All zeros: the usual start for biases (and a bad one for weights: every unit would stay the same).</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override string Name => "zeros";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random) => Tensor.Zeros(shape);
}

/// <summary>All ones.</summary>
public sealed class Ones : Initializer
{
    /// <inheritdoc/>
    public override string Name => "ones";

    /// <inheritdoc/>
    protected override Tensor Sample(int fanIn, int fanOut, int[] shape, Random random) => Tensor.Ones(shape);
}

/// <summary>Short names for the initializers: <c>new Dense(64, "relu", init: Init.He)</c>.</summary>
public static class Init
{
    /// <summary>Standard normal (std 1), the handouts' randn start.</summary>
    public static Initializer Normal => new RandomNormal();

    /// <summary>Uniform in [-0.05, 0.05).</summary>
    public static Initializer Uniform => new RandomUniform();

    /// <summary>Xavier/Glorot uniform (Keras's default).</summary>
    public static Initializer Xavier => new GlorotUniform();

    /// <summary>Xavier/Glorot normal.</summary>
    public static Initializer XavierNormal => new GlorotNormal();

    /// <summary>He/Kaiming normal, for ReLU networks.</summary>
    public static Initializer He => new HeNormal();

    /// <summary>He/Kaiming uniform.</summary>
    public static Initializer HeUniform => new global::NotebookCourse.Layers.HeUniform();

    /// <summary>LeCun normal (randn / √fan_in), the handouts' "Xavier".</summary>
    public static Initializer LeCun => new LecunNormal();

    /// <summary>All zeros.</summary>
    public static Initializer Zeros => new global::NotebookCourse.Layers.Zeros();
}
