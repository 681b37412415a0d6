namespace NotebookCourse.Layers;

/// <summary>
/// A fully connected layer: output = activation(x · Weight + Bias), with Weight [inputs, units] and
/// Bias [units] (Keras's shapes). Every output unit sees every input value.
/// </summary>
/// <remarks>
/// The input size may be given (<c>new Dense(10, inputSize: 784)</c>) or learned from the first batch.
/// Inputs with more than two axes are treated as rows of their last axis, as Keras does.
/// </remarks>
public class Dense : Layer, ILayerFromConfig<Dense>
{
    private readonly Func<Tensor, Tensor> _activation;
    private readonly Random? _random;

    /// <summary>Creates a layer of <paramref name="units"/> outputs.</summary>
    /// <param name="units">The number of outputs (neurons).</param>
    /// <param name="activation">"relu", "sigmoid", "tanh", "softmax", "leaky_relu", "elu", or null/"linear" for none.</param>
    /// <param name="init">How to fill Weight (default Xavier/Glorot uniform, as in Keras).</param>
    /// <param name="useBias">Whether to add a bias vector.</param>
    /// <param name="inputSize">The number of inputs, if known now (otherwise taken from the first batch).</param>
    /// <param name="biasInit">How to fill Bias (default zeros).</param>
    /// <param name="random">The random generator for the initial values (default <see cref="Tensor.Generator"/> at build time).</param>
    public Dense(int units, string? activation = null, Initializer? init = null, bool useBias = true, int? inputSize = null,
        Initializer? biasInit = null, Random? random = null)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), $"Dense: units must be positive, got {units}.");
        if (inputSize is <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), $"Dense: inputSize must be positive, got {inputSize}.");
        Units = units;
        ActivationName = Activations.Normalize(activation);
        _activation = Activations.Get(ActivationName);
        KernelInitializer = init ?? new GlorotUniform();
        BiasInitializer = biasInit ?? new Zeros();
        UseBias = useBias;
        _random = random;
        IsBuilt = false;
        if (inputSize is int n) Build([n]);
    }

    /// <summary>The number of outputs.</summary>
    public int Units { get; }

    /// <summary>The number of inputs, or null before the layer is built.</summary>
    public int? InputSize => Weight?.Shape[0];

    /// <summary>The activation's canonical name ("linear" for none).</summary>
    public string ActivationName { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>How Weight is filled.</summary>
    public Initializer KernelInitializer { get; }

    /// <summary>How Bias is filled.</summary>
    public Initializer BiasInitializer { get; }

    /// <summary>The weights [inputs, units] (null until built).</summary>
    public Tensor? Weight { get; private set; }

    /// <summary>The bias [units] (null until built, or when <see cref="UseBias"/> is false).</summary>
    public Tensor? Bias { get; private set; }

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(
        ("units", Units), ("activation", ActivationName), ("use_bias", UseBias), ("input_size", InputSize),
        ("kernel_initializer", KernelInitializer.Name), ("bias_initializer", BiasInitializer.Name));

    /// <summary>Rebuilds a Dense layer from its <see cref="Config"/> (Keras's from_config).</summary>
    public static Dense FromConfig(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Named(new Dense(config.Require<int>("units"), config.Get<string?>("activation", null),
            InitializerOf(config, "kernel_initializer"), config.Get("use_bias", true), config.Get<int?>("input_size", null),
            InitializerOf(config, "bias_initializer")));
    }

    /// <summary>The initializer a config names under <paramref name="key"/>, or null for the layer's default.</summary>
    private protected static Initializer? InitializerOf(LayerConfig config, string key)
        => config.Get<string?>(key, null) is string name ? Initializer.FromName(name) : null;

    /// <inheritdoc/>
    public override int[]? OutputShape(int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Length == 0) throw new ArgumentException($"{LayerName}: Dense needs inputs with at least one axis, got a scalar shape.");
        if (InputSize is int n && inputShape[^1] != n)
        {
            throw new ArgumentException($"{LayerName}: expects {n} input values per sample but the input shape is {Tensor.ShapeText(inputShape)}.");
        }
        return [.. inputShape[..^1], Units];
    }

    /// <inheritdoc/>
    public override void Build(int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (IsBuilt)
        {
            OutputShape(inputShape); // checks the size
            return;
        }
        if (inputShape.Length == 0 || inputShape[^1] <= 0)
        {
            throw new ArgumentException($"{LayerName}: cannot build from input shape {Tensor.ShapeText(inputShape)}; the last axis must hold the input values.");
        }
        var inputs = inputShape[^1];
        var random = _random ?? Tensor.Generator;
        Weight = KernelInitializer.Create(inputs, Units, [inputs, Units], random);
        Weight.RequiresGrad = true;
        Weight.Name = "Weight";
        if (UseBias)
        {
            Bias = BiasInitializer.Create(inputs, Units, [Units], random);
            Bias.RequiresGrad = true;
            Bias.Name = "Bias";
        }
        InputShape = [inputs];
        IsBuilt = true;
    }

    /// <summary>activation(x · Weight + Bias) for a batch x of shape [batch, inputs] (or [..., inputs]).</summary>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 2)
        {
            throw new ArgumentException(
                $"{LayerName}: expects a batch [batch, inputs] but got shape {Tensor.ShapeText(input.Shape)}; " +
                "for one sample use x.Reshape(1, -1).");
        }
        Build(input.Shape[1..]);
        var w = Weight!;
        var rows = input.Rank == 2 ? input : input.Reshape(-1, input.Shape[^1]);
        var z = rows.MatMul(w);
        if (Bias is not null) z += Bias;
        if (input.Rank > 2) z = z.Reshape([.. input.Shape[..^1], Units]);
        return _activation(z);
    }
}
