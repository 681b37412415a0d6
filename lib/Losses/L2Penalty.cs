namespace NotebookCourse.Losses;

/// <summary>
/// L2 weight penalty (weight decay) λ·Σ w², added to the loss to keep weights small. Its gradient
/// 2λw pulls every weight towards 0. Keras's <c>regularizers.l2(λ)</c> uses the same formula.
/// </summary>
public sealed class L2Penalty
{
    /// <summary>Creates the penalty with strength <paramref name="lambda"/> (Keras's default is 0.01).</summary>
    public L2Penalty(float lambda = 0.01f)
    {
        if (!(lambda >= 0f) || float.IsInfinity(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), $"L2Penalty: lambda must be a finite number ≥ 0, got {lambda}.");
        Lambda = lambda;
    }

    /// <summary>The strength λ.</summary>
    public float Lambda { get; }

    /// <summary>λ·Σ w² over every value of the given tensors.</summary>
    public Tensor Compute(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Tensor? total = null;
        foreach (var p in parameters)
        {
            var sum = p.Square().Sum();
            total = total is null ? sum : total + sum;
        }
        return total is null ? Tensor.Scalar(0f) : total * Lambda;
    }

    /// <summary>λ·Σ w² over a model's weight matrices only (tensors with two or more axes), leaving biases free.</summary>
    public Tensor Compute(Layers.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Compute(model.Parameters().Where(p => p.Rank >= 2));
    }
}
