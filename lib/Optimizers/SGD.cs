using System.Numerics.Tensors;

namespace NotebookCourse.Optimizers;

/// <summary>
/// Stochastic gradient descent: p ← p − lr·g. With momentum μ (PyTorch's form) it keeps a velocity
/// v ← μ·v + g and steps p ← p − lr·v, so steps keep going in directions that agree batch after batch.
/// </summary>
public sealed class SGD : Optimizer, IOptimizerFromConfig<SGD>
{
    /// <summary>Keras's default learning rate for SGD, 0.01.</summary>
    public const float DefaultLearningRate = 0.01f;

    /// <summary>The default momentum, 0: plain gradient descent.</summary>
    public const float DefaultMomentum = 0f;

    /// <summary>Creates the optimizer over <paramref name="parameters"/>: <c>new SGD(model.Parameters(), 0.01f)</c>.</summary>
    public SGD(IEnumerable<Tensor> parameters, float learningRate = DefaultLearningRate, float momentum = DefaultMomentum)
        : base(parameters ?? throw new ArgumentNullException(nameof(parameters)), learningRate)
        => Momentum = InRange(momentum, 0f, 1f, nameof(momentum), "SGD");

    /// <summary>Creates the optimizer without parameters, for Keras-style Compile (or <see cref="Optimizer.Bind"/>).</summary>
    public SGD(float learningRate = DefaultLearningRate, float momentum = DefaultMomentum)
        : base(null, learningRate)
        => Momentum = InRange(momentum, 0f, 1f, nameof(momentum), "SGD");

    /// <summary>The momentum μ (0: plain gradient descent).</summary>
    public float Momentum { get; }

    /// <summary>The name Compile and model files use: "sgd".</summary>
    public static string KerasName => "sgd";

    /// <inheritdoc/>
    public override string Name => KerasName;

    /// <inheritdoc/>
    public override OptimizerConfig Config => new(Name, new Dictionary<string, double>
    {
        ["learning_rate"] = LearningRate,
        ["momentum"] = Momentum,
    });

    /// <summary>Rebuilds the optimizer from its <see cref="Config"/>; hyper-parameters it leaves out take the defaults above.</summary>
    public static SGD FromConfig(OptimizerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(config.Get("learning_rate", DefaultLearningRate), config.Get("momentum", DefaultMomentum));
    }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        if (Momentum == 0f)
        {
            TensorPrimitives.MultiplyAdd(gradient, -LearningRate, parameter, parameter); // p += −lr·g
            return;
        }
        var velocity = Slot("momentum", index);
        TensorPrimitives.MultiplyAdd(velocity, Momentum, gradient, velocity);        // v = μ·v + g
        TensorPrimitives.MultiplyAdd(velocity, -LearningRate, parameter, parameter); // p += −lr·v
    }
}
