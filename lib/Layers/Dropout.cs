namespace NotebookCourse.Layers;

/// <summary>
/// Inverted dropout: while training, each value is set to 0 with probability <see cref="Rate"/> and the
/// kept values are multiplied by 1 / (1 − rate), so the expected output equals the input; in
/// evaluation mode (<see cref="Module.Eval"/>) it passes the input through unchanged.
/// </summary>
public sealed class Dropout : Layer, ILayerFromConfig<Dropout>
{
    private readonly Random? _random;

    /// <summary>Creates the layer.</summary>
    /// <param name="rate">The fraction of values to drop, in [0, 1).</param>
    /// <param name="seed">A seed for this layer's own random generator (default: <see cref="Tensor.Generator"/>).</param>
    public Dropout(float rate, int? seed = null)
    {
        if (!(rate >= 0f && rate < 1f)) throw new ArgumentOutOfRangeException(nameof(rate), $"Dropout: rate must be in [0, 1), got {rate}.");
        Rate = rate;
        Seed = seed;
        _random = seed is int s ? new Random(s) : null;
    }

    /// <summary>The fraction of values dropped while training.</summary>
    public float Rate { get; }

    /// <summary>The seed of this layer's generator, if one was given.</summary>
    public int? Seed { get; }

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(("rate", Rate), ("seed", Seed));

    /// <summary>Rebuilds a Dropout layer from its <see cref="Config"/>.</summary>
    public static Dropout FromConfig(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Named(new Dropout(config.Require<float>("rate"), config.Get<int?>("seed", null)));
    }

    /// <inheritdoc/>
    public override int[]? OutputShape(int[] inputShape) => (int[])inputShape.Clone();

    /// <summary>input ⊙ mask / (1 − rate) while training; the input itself in evaluation mode.</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return IsTraining ? input.Dropout(Rate, _random ?? Tensor.Generator) : input;
    }
}
