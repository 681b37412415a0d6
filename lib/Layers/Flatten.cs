namespace NotebookCourse.Layers;

/// <summary>
/// Turns each sample into one row of values: a batch [100, 28, 28] becomes [100, 784]. No parameters.
/// Give <c>inputShape: [28, 28]</c> on a first layer so the model knows its input (as Keras's input_shape).
/// </summary>
public sealed class Flatten : Layer, ILayerFromConfig<Flatten>
{
    /// <summary>Creates the layer, optionally stating the per-sample input shape (no batch axis).</summary>
    public Flatten(int[]? inputShape = null)
    {
        if (inputShape is not null && (inputShape.Length == 0 || inputShape.Any(d => d <= 0)))
        {
            throw new ArgumentException($"Flatten: input shape {Tensor.ShapeText(inputShape)} must have positive lengths.", nameof(inputShape));
        }
        InputShape = inputShape is null ? null : (int[])inputShape.Clone();
    }

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(("input_shape", InputShape));

    /// <summary>Rebuilds a Flatten layer from its <see cref="Config"/>.</summary>
    public static Flatten FromConfig(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Named(new Flatten(config.Get<int[]?>("input_shape", null)));
    }

    /// <inheritdoc/>
    public override int[]? OutputShape(int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var size = 1;
        foreach (var d in inputShape) size *= d;
        return [size];
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank < 1) throw new ArgumentException($"{LayerName}: expects a batch, got a scalar.");
        return input.Rank == 2 ? input : input.Reshape(input.Shape[0], -1);
    }
}
