using NotebookCourse.Registry;

namespace NotebookCourse.Losses;

/// <summary>
/// A loss function: one number saying how wrong a batch of predictions is, averaged over the batch.
/// Training minimises it; <see cref="Tensor.Backward()"/> on the result gives every parameter's gradient.
/// </summary>
public abstract class Loss
{
    /// <summary>The smallest probability used inside a logarithm (Keras's epsilon), so log(0) never happens.</summary>
    public const float Epsilon = 1e-7f;

    /// <summary>The Keras-style name, e.g. "categorical_crossentropy".</summary>
    public abstract string Name { get; }

    /// <summary>Whether predictions are raw scores (logits) rather than probabilities.</summary>
    public virtual bool FromLogits => false;

    /// <summary>The mean loss over the batch, as a one-value tensor that can be backpropagated.</summary>
    /// <param name="predictions">The model's output, [batch, outputs].</param>
    /// <param name="targets">The true values (targets never receive a gradient).</param>
    public abstract Tensor Forward(Tensor predictions, Tensor targets);

    /// <summary>Calls <see cref="Forward"/>: <c>loss.Call(yHat, y)</c> reads like <c>loss_fn(y_hat, y)</c>.</summary>
    public Tensor Call(Tensor predictions, Tensor targets) => Forward(predictions, targets);

    /// <summary>The name (and from_logits when set).</summary>
    public override string ToString() => FromLogits ? $"{Name} (from logits)" : Name;

    /// <summary>What rebuilds this loss: its name and whether it takes logits (saved in model files).</summary>
    public LossConfig Config => new(Name, FromLogits);

    /// <summary>Each name Compile accepts, written with underscores, and the loss type that answers to it.</summary>
    private static readonly TypeRegistry<Loss, LossConfig> s_types = new(typeof(ILossFromConfig<>), nameof(Entries), Normalize);

    /// <summary>The losses' own names (the first of each one's <c>Names</c>), in alphabetical order.</summary>
    internal static IReadOnlyList<string> RegisteredNames => s_types.Names;

    /// <summary>The loss type a name (any accepted spelling) stands for, or null.</summary>
    internal static Type? RegisteredType(string name) => s_types.TypeOf(name);

    /// <summary>
    /// The loss for a Keras name: "mse" / "mean_squared_error", "binary_crossentropy",
    /// "categorical_crossentropy", "sparse_categorical_crossentropy"; "cross_entropy" is PyTorch's
    /// (scores and class indices, i.e. sparse from logits). Each loss lists the spellings it accepts.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Loss FromName(string name, bool fromLogits = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Rebuild(new LossConfig(name, fromLogits));
    }

    /// <summary>Rebuilds a loss from its <see cref="Config"/>: its own FromConfig does the work.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Loss Rebuild(LossConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var fromConfig = s_types.FromConfig(config.Name)
            ?? throw new ArgumentException($"Unknown loss '{config.Name}'. Known: {string.Join(", ", RegisteredNames)}.", nameof(config));
        return fromConfig(config);
    }

    private static string Normalize(string name) => name.Trim().ToLowerInvariant().Replace("-", "_").Replace(" ", "_");

    /// <summary>A loss type's names, its own first, each with its FromConfig (for <see cref="TypeRegistry{TBase, TConfig}"/>).</summary>
    private static IEnumerable<(string, Func<LossConfig, Loss>)> Entries<TLoss>() where TLoss : Loss, ILossFromConfig<TLoss>
        => TLoss.Names.Select(name => (name, (Func<LossConfig, Loss>)(config => TLoss.FromConfig(config))));

    /// <summary>Mean squared error, mean((ŷ − y)²), for notebooks that build training from scratch.</summary>
    public static Tensor Mse(Tensor predictions, Tensor targets) => new MeanSquaredError().Forward(predictions, targets);

    /// <summary>
    /// Cross-entropy −Σ y·log ŷ of probability rows against one-hot rows, averaged over the batch
    /// (ŷ is clipped to [1e-7, 1 − 1e-7] first): the handouts' <c>D(S, L)</c>. With fromLogits, ŷ are scores.
    /// </summary>
    public static Tensor CrossEntropy(Tensor predictions, Tensor targets, bool fromLogits = false)
    {
        LossChecks.SameShape(predictions, targets, "cross_entropy");
        if (fromLogits) return SoftmaxCrossEntropy.FromLogits(predictions, targets);
        var rows = predictions.Size / Math.Max(1, predictions.Shape[^1]);
        return -(targets.Detach() * predictions.Clamp(Epsilon, 1f - Epsilon).Log()).Sum() / rows;
    }

    /// <summary>Binary cross-entropy (log loss) −mean(y·log p + (1 − y)·log(1 − p)); with fromLogits, p = σ(z).</summary>
    public static Tensor LogLoss(Tensor predictions, Tensor targets, bool fromLogits = false)
        => new BinaryCrossEntropy(fromLogits).Forward(predictions, targets);

    /// <summary>The L2 weight penalty λ·Σ w² over the given tensors; add it to the loss.</summary>
    public static Tensor L2(IEnumerable<Tensor> parameters, float lambda) => new L2Penalty(lambda).Compute(parameters);
}
