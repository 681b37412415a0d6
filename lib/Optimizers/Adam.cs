using System.Numerics;

namespace NotebookCourse.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015): running means of the gradient (m) and of its square (v), corrected for
/// their zero start, give each value its own step size:
///   m ← β1·m + (1 − β1)·g,  v ← β2·v + (1 − β2)·g²,  m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ),
///   p ← p − lr·m̂ / (√v̂ + ε).
/// Defaults lr 0.001, β1 0.9, β2 0.999 (Keras and PyTorch agree); ε is Keras's 1e-7 (PyTorch uses 1e-8).
/// </summary>
/// <remarks>
/// On purpose a mix of the two frameworks: Keras's default values (the handouts use Keras) with
/// PyTorch's formula. PyTorch, like the paper, adds ε to the bias-corrected √v̂; Keras adds it to √v
/// before the correction, which amounts to a larger ε, ε / √(1 − β2ᵗ) (31.6·ε at the first step),
/// that shrinks back to ε as t grows. The steps therefore match PyTorch's <c>Adam(eps=1e-7)</c> to
/// rounding, and Keras's once t is in the thousands or the gradients are far above ε.
/// t is the optimizer's <see cref="Optimizer.Steps"/> (Keras's iteration count), shared by all parameters.
/// </remarks>
public sealed class Adam : Optimizer, IOptimizerFromConfig<Adam>
{
    /// <summary>The default learning rate, 0.001 (Keras and PyTorch agree).</summary>
    public const float DefaultLearningRate = 0.001f;

    /// <summary>The default β1, 0.9.</summary>
    public const float DefaultBeta1 = 0.9f;

    /// <summary>The default β2, 0.999.</summary>
    public const float DefaultBeta2 = 0.999f;

    /// <summary>The default ε, 1e-7 as in Keras.</summary>
    public const float DefaultEpsilon = 1e-7f;

    /// <summary>Creates the optimizer over <paramref name="parameters"/>: <c>new Adam(model.Parameters(), 1e-4f)</c>.</summary>
    public Adam(IEnumerable<Tensor> parameters, float learningRate = DefaultLearningRate, float beta1 = DefaultBeta1, float beta2 = DefaultBeta2, float epsilon = DefaultEpsilon)
        : base(parameters ?? throw new ArgumentNullException(nameof(parameters)), learningRate)
        => (Beta1, Beta2, Epsilon) = Check(beta1, beta2, epsilon);

    /// <summary>Creates the optimizer without parameters, for Keras-style Compile (or <see cref="Optimizer.Bind"/>).</summary>
    public Adam(float learningRate = DefaultLearningRate, float beta1 = DefaultBeta1, float beta2 = DefaultBeta2, float epsilon = DefaultEpsilon)
        : base(null, learningRate)
        => (Beta1, Beta2, Epsilon) = Check(beta1, beta2, epsilon);

    /// <summary>The decay β1 of the gradient's running mean.</summary>
    public float Beta1 { get; }

    /// <summary>The decay β2 of the squared gradient's running mean.</summary>
    public float Beta2 { get; }

    /// <summary>The ε added to √v̂ so the step stays finite.</summary>
    public float Epsilon { get; }

    /// <summary>The name Compile and model files use: "adam".</summary>
    public static string KerasName => "adam";

    /// <inheritdoc/>
    public override string Name => KerasName;

    /// <inheritdoc/>
    public override OptimizerConfig Config => new(Name, new Dictionary<string, double>
    {
        ["learning_rate"] = LearningRate,
        ["beta_1"] = Beta1,
        ["beta_2"] = Beta2,
        ["epsilon"] = Epsilon,
    });

    /// <summary>Rebuilds the optimizer from its <see cref="Config"/>; hyper-parameters it leaves out take the defaults above.</summary>
    public static Adam FromConfig(OptimizerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new(config.Get("learning_rate", DefaultLearningRate), config.Get("beta_1", DefaultBeta1), config.Get("beta_2", DefaultBeta2),
            config.Get("epsilon", DefaultEpsilon));
    }

    /// <inheritdoc/>
    protected override void Update(int index, Span<float> parameter, ReadOnlySpan<float> gradient)
    {
        Span<float> m = Slot("m", index), v = Slot("v", index);
        float b1 = Beta1, b2 = Beta2, epsilon = Epsilon;
        // The bias corrections as two factors: m̂ = m / (1 − β1ᵗ) goes into the step size, and
        // √v̂ = √v · 1 / √(1 − β2ᵗ) (PyTorch divides by √(1 − β2ᵗ) instead: a second division per value).
        // m moves towards g as PyTorch's lerp does. The steps agree with PyTorch's to rounding.
        var stepSize = (float)(LearningRate / (1.0 - Math.Pow(Beta1, Steps)));
        var rootCorrection = (float)(1.0 / Math.Sqrt(1.0 - Math.Pow(Beta2, Steps)));

        // One pass over the four arrays, Vector<float>.Count values at a time; the rest, one value at a
        // time. (Eight whole-array operations, one after another, took 1.6 times as long.)
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= gradient.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradient[i..]);
                var mi = new Vector<float>(m[i..]);
                mi += (1f - b1) * (g - mi);                                     // m = β1·m + (1 − β1)·g
                var vi = b2 * new Vector<float>(v[i..]) + (1f - b2) * (g * g); // v = β2·v + (1 − β2)·g²
                var denominator = Vector.SquareRoot(vi) * rootCorrection + new Vector<float>(epsilon); // √v̂ + ε
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                (new Vector<float>(parameter[i..]) - stepSize * (mi / denominator)).CopyTo(parameter[i..]); // p −= lr·m̂ / (√v̂ + ε)
            }
        }
        for (; i < gradient.Length; i++)
        {
            var g = gradient[i];
            m[i] += (1f - b1) * (g - m[i]);
            v[i] = b2 * v[i] + (1f - b2) * (g * g);
            parameter[i] -= stepSize * (m[i] / (MathF.Sqrt(v[i]) * rootCorrection + epsilon));
        }
    }

    private static (float, float, float) Check(float beta1, float beta2, float epsilon)
    {
        InRange(beta1, 0f, 1f, nameof(beta1), "Adam");
        InRange(beta2, 0f, 1f, nameof(beta2), "Adam");
        if (!(epsilon > 0f)) throw new ArgumentOutOfRangeException(nameof(epsilon), $"Adam: epsilon must be positive, got {epsilon}.");
        return (beta1, beta2, epsilon);
    }
}
