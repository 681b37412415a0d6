namespace NotebookCourse.Layers;

/// <summary>Base of the layers that apply one function to every value and have no parameters.</summary>
public abstract class ActivationLayer : Layer
{
    /// <summary>The output has the input's shape.</summary>
    public override int[]? OutputShape(int[] inputShape) => (int[])inputShape.Clone();
}

/// <summary>A layer applying an activation given by name, like Keras's <c>Activation("relu")</c>.</summary>
public sealed class Activation : ActivationLayer, ILayerFromConfig<Activation>
{
    private readonly Func<Tensor, Tensor> _function;

    /// <summary>Creates the layer for <paramref name="name"/> ("relu", "sigmoid", "tanh", "softmax", "leaky_relu", "elu", "linear").</summary>
    public Activation(string name)
    {
        Name = Activations.Normalize(name);
        _function = Activations.Get(Name);
    }

    /// <summary>The canonical activation name.</summary>
    public string Name { get; }

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(("activation", Name));

    /// <summary>Rebuilds the layer from its <see cref="Config"/>.</summary>
    public static Activation FromConfig(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Named(new Activation(config.Require<string>("activation")));
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => _function(input);
}

/// <summary>ReLU layer: max(0, x).</summary>
public sealed class ReLU : ActivationLayer, ILayerFromConfig<ReLU>
{
    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig();

    /// <summary>Rebuilds the layer from its <see cref="Config"/> (only its name).</summary>
    public static ReLU FromConfig(LayerConfig config) => (config ?? throw new ArgumentNullException(nameof(config))).Named(new ReLU());

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>Leaky ReLU layer: x for x &gt; 0, alpha·x otherwise.</summary>
/// <param name="alpha">The slope for negative inputs (default 0.01 as in PyTorch; the handouts use 0.1).</param>
public sealed class LeakyReLU(float alpha = 0.01f) : ActivationLayer, ILayerFromConfig<LeakyReLU>
{
    /// <summary>The slope for negative inputs.</summary>
    public float Alpha => alpha;

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(("alpha", alpha));

    /// <summary>Rebuilds the layer from its <see cref="Config"/>.</summary>
    public static LeakyReLU FromConfig(LayerConfig config)
        => (config ?? throw new ArgumentNullException(nameof(config))).Named(new LeakyReLU(config.Get("alpha", 0.01f)));

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.LeakyRelu(alpha);
}

/// <summary>ELU layer: x for x &gt; 0, alpha·(eˣ − 1) otherwise.</summary>
/// <param name="alpha">The value the output approaches for very negative inputs is −alpha.</param>
public sealed class ELU(float alpha = 1f) : ActivationLayer, ILayerFromConfig<ELU>
{
    /// <summary>The saturation value's size.</summary>
    public float Alpha => alpha;

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(("alpha", alpha));

    /// <summary>Rebuilds the layer from its <see cref="Config"/>.</summary>
    public static ELU FromConfig(LayerConfig config)
        => (config ?? throw new ArgumentNullException(nameof(config))).Named(new ELU(config.Get("alpha", 1f)));

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Elu(alpha);
}

/// <summary>Sigmoid layer: 1 / (1 + e⁻ˣ).</summary>
public sealed class Sigmoid : ActivationLayer, ILayerFromConfig<Sigmoid>
{
    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig();

    /// <summary>Rebuilds the layer from its <see cref="Config"/> (only its name).</summary>
    public static Sigmoid FromConfig(LayerConfig config) => (config ?? throw new ArgumentNullException(nameof(config))).Named(new Sigmoid());

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}

/// <summary>Tanh layer.</summary>
public sealed class Tanh : ActivationLayer, ILayerFromConfig<Tanh>
{
    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig();

    /// <summary>Rebuilds the layer from its <see cref="Config"/> (only its name).</summary>
    public static Tanh FromConfig(LayerConfig config) => (config ?? throw new ArgumentNullException(nameof(config))).Named(new Tanh());

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>Softmax layer: turns scores into probabilities along <paramref name="axis"/>.</summary>
/// <param name="axis">The axis whose values sum to 1 (default the last).</param>
public sealed class Softmax(int axis = -1) : ActivationLayer, ILayerFromConfig<Softmax>
{
    /// <summary>The axis whose values sum to 1.</summary>
    public int Axis => axis;

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(("axis", axis));

    /// <summary>Rebuilds the layer from its <see cref="Config"/>.</summary>
    public static Softmax FromConfig(LayerConfig config)
        => (config ?? throw new ArgumentNullException(nameof(config))).Named(new Softmax(config.Get("axis", -1)));

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => input.Softmax(axis);
}
