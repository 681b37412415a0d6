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

    /// <summary>
    /// The loss for a Keras name: "mse" / "mean_squared_error", "binary_crossentropy",
    /// "categorical_crossentropy", "sparse_categorical_crossentropy"; "cross_entropy" is PyTorch's
    /// (scores and class indices, i.e. sparse from logits).
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Loss FromName(string name, bool fromLogits = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant().Replace("-", "_").Replace(" ", "_") switch
        {
            "mse" or "mean_squared_error" or "meansquarederror" => new MeanSquaredError(),
            "binary_crossentropy" or "binary_cross_entropy" or "bce" or "binarycrossentropy" => new BinaryCrossEntropy(fromLogits),
            "categorical_crossentropy" or "categorical_cross_entropy" or "cce" or "categoricalcrossentropy" => new CategoricalCrossEntropy(fromLogits),
            "sparse_categorical_crossentropy" or "sparse_categorical_cross_entropy" or "sparsecategoricalcrossentropy" => new SparseCategoricalCrossEntropy(fromLogits),
            "cross_entropy" or "crossentropy" or "crossentropyloss" => new CrossEntropyLoss(),
            _ => throw new ArgumentException(
                $"Unknown loss '{name}'. Known: mse, binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, cross_entropy.",
                nameof(name)),
        };
    }

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
