namespace NotebookCourse.Layers;

/// <summary>
/// Layers applied one after another, like Keras's Sequential: <c>new Sequential(new Dense(8, "relu",
/// inputSize: 2), new Dense(1, "sigmoid"))</c>. Parameters are named by position: "0.Weight", "1.Bias".
/// </summary>
/// <remarks>
/// When the first layer states its input (<c>inputSize</c>, or <c>new Flatten([28, 28])</c>) all layers
/// get their parameters at once; otherwise at the first batch or <see cref="Build"/>. Create an
/// optimizer from <see cref="Module.Parameters"/> only after that.
/// </remarks>
public partial class Sequential : Layer, ILayerFromConfig<Sequential>
{
    private readonly List<Layer> _layers = [];

    /// <summary>Creates a model from layers in order.</summary>
    public Sequential(params Layer[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>The layers in order.</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The number of layers.</summary>
    public int Count => _layers.Count;

    /// <summary>The layer at a position (0 is the first).</summary>
    public Layer this[int index] => _layers[index];

    /// <summary>Appends a layer at the end.</summary>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (ReferenceEquals(layer, this)) throw new ArgumentException("A Sequential model cannot contain itself.", nameof(layer));
        _layers.Add(layer);
        if (!IsTraining) layer.Eval();
        // As in Keras: once the first layer knows its input shape, every layer is built as it is
        // added, so model.Parameters() is complete before an optimizer is made from it.
        if (ModelInputShape is int[] input)
        {
            var shape = _layers.Count == 1 ? input : OutputShapeBefore(_layers.Count - 1, input);
            if (shape is not null) layer.Build(shape);
        }
    }

    private int[]? OutputShapeBefore(int index, int[] inputShape)
    {
        int[]? shape = inputShape;
        for (var i = 0; i < index && shape is not null; i++) shape = _layers[i].OutputShape(shape);
        return shape;
    }

    /// <summary>The first layer's declared input shape (per sample), or null when none was given.</summary>
    public int[]? ModelInputShape => _layers.Count == 0 ? null : _layers[0].InputShape;

    /// <inheritdoc/>
    public override LayerConfig Config => MakeConfig(("layers", _layers.Select(l => l.Config).ToArray()));

    /// <summary>Rebuilds the model from its <see cref="Config"/>: each inner layer from its own config, in order.</summary>
    public static Sequential FromConfig(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Layer[] layers = [.. config.Layers("layers").Select(Rebuild)];
        try
        {
            return config.Named(new Sequential(layers));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"the layers do not fit together: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<KeyValuePair<string, Module>> Children()
    {
        for (var i = 0; i < _layers.Count; i++) yield return new(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i]);
    }

    /// <summary>Passes the batch through every layer in order.</summary>
    public override Tensor Forward(Tensor input)
    {
        if (_layers.Count == 0) throw new InvalidOperationException($"{LayerName}: the model has no layers; Add some first.");
        var x = input;
        foreach (var layer in _layers) x = layer.Call(x);
        return x;
    }

    /// <summary>The output shape after every layer, or null once a layer cannot tell.</summary>
    public override int[]? OutputShape(int[] inputShape)
    {
        int[]? shape = inputShape;
        foreach (var layer in _layers)
        {
            if (shape is null) return null;
            shape = layer.OutputShape(shape);
        }
        return shape;
    }

    /// <summary>Creates every layer's parameters for a per-sample input shape (no batch axis).</summary>
    public override void Build(int[] inputShape)
    {
        int[]? shape = inputShape;
        foreach (var layer in _layers)
        {
            if (shape is null) throw new InvalidOperationException($"{LayerName}: cannot work out the input shape of {layer.LayerName}.");
            layer.Build(shape);
            shape = layer.OutputShape(shape);
        }
        InputShape = (int[])inputShape.Clone();
    }

    /// <summary>True when every layer has its parameters.</summary>
    public override bool IsBuilt => _layers.All(l => l.IsBuilt);
}
