using System.Numerics.Tensors;

namespace NotebookCourse.Optimizers;

/// <summary>
/// RMSprop: divides each step by a running root-mean-square of recent gradients,
///   v ← ρ·v + (1 − ρ)·g²,  p ← p − lr·g / (√v + ε),
/// with Keras's defaults lr 0.001, ρ 0.9, ε 1e-7 (ε added to √v, as PyTorch does).
/// </summary>
/// <remarks>
/// On purpose Keras's default values with PyTorch's formula (no momentum, not centred).
/// PyTorch's defaults are lr 0.01, ρ (its "alpha") 0.99 and ε 1e-8, so <c>new RMSprop()</c> steps
/// exactly like PyTorch's <c>RMSprop(lr=1e-3, alpha=0.9, eps=1e-7)</c>. Keras puts ε inside the
/// square root, lr·g / √(v + ε): the same step while √v is far above √ε ≈ 3e-4, a smaller one for
/// tinier gradients.
/// </remarks>
public sealed class RMSprop : Optimizer, IOptimizerFromConfig<RMSprop>
{
    /// <summary>The default learning rate, 0.001 as in Keras.</summary>
    public const float DefaultLearningRate = 0.001f;

    /// <summary>The default ρ, 0.9 as in Keras.</summary>
    public const float DefaultRho = 0.9f;

    /// <summary>The default ε, 1e-7 as in Keras.</summary>
    public const float DefaultEpsilon = 1e-7f;

    private float[] _scratch = [];

    /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
    public RMSprop(IEnumerable<Tensor> parameters, float learningRate = DefaultLearningRate, float rho = DefaultRho, float epsilon = DefaultEpsilon)
        : base(parameters ?? throw new ArgumentNullException(nameof(parameters)), learningRate)
        => (Rho, Epsilon) = Check(rho, epsilon);

    /// <summary>Creates the optimizer without parameters, for Keras-style Compile (or <see cref="Optimizer.Bind"/>).</summary>
    public RMSprop(float learningRate = DefaultLearningRate, float rho = DefaultRho, float epsilon = DefaultEpsilon)
        : base(null, learningRate)
        => (Rho, Epsilon) = Check(rho, epsilon);

    /// <summary>The decay ρ of the squared gradient's running mean.</summary>
    public float Rho { get; }

    /// <summary>The ε added to √v so the step stays finite.</summary>
    public float Epsilon { get; }

    /// <summary>The name Compile and model files use: "rmsprop".</summary>
    public static string KerasName => "rmsprop";

    /// <inheritdoc/>
    public override string Name => KerasName;

    /// <inheritdoc/>
    public override OptimizerConfig Config => new(Name, new Dictionary<string, double>
    {
        ["learning_rate"] = LearningRate,
        ["rho"] = Rho,
        ["epsilon"] = Epsilon,
    });

    /// <summary>Rebuilds the optimizer from its <see cref="Config"/>; hyper-parameters it leaves out take the defaults above.</summary>
    public static RMSprop FromConfig(OptimizerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(config.Get("learning_rate", DefaultLearningRate), config.Get("rho", DefaultRho), config.Get("epsilon", DefaultEpsilon));
    }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        var v = Slot("v", index);
        if (_scratch.Length < gradient.Length) _scratch = new float[gradient.Length];
        var t = _scratch.AsSpan(0, gradient.Length);

        TensorPrimitives.Multiply(gradient, gradient, t);
        TensorPrimitives.Lerp(v, t, 1f - Rho, v);               // v = ρ·v + (1 − ρ)·g²
        TensorPrimitives.Sqrt(v, t);
        TensorPrimitives.Add(t, Epsilon, t);                    // √v + ε
        TensorPrimitives.Divide(gradient, t, t);                // g / (√v + ε)
        TensorPrimitives.MultiplyAdd(t, -LearningRate, parameter, parameter); // p −= lr·g / (√v + ε)
    }

    private static (float, float) Check(float rho, float epsilon)
    {
        InRange(rho, 0f, 1f, nameof(rho), "RMSprop");
        if (!(epsilon > 0f)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"RMSprop: epsilon must be positive, got {epsilon}.");
        return (rho, epsilon);
    }
}
