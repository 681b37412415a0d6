namespace NotebookCourse.Layers;

/// <summary>
/// A piece of a network with parameters: override <see cref="Forward"/> and assign parameters and
/// sub-modules to fields or properties; <see cref="Parameters"/> finds them, like PyTorch's nn.Module.
/// </summary>
public abstract class Module
{
    /// <summary>True while training (dropout active), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Computes this module's output for a batch.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Calls <see cref="Forward"/>: <c>model.Call(x)</c> reads like <c>model(x)</c> in Python.</summary>
    public Tensor Call(Tensor input) => Forward(input);

    /// <summary>Every trainable tensor of this module and its sub-modules, each once, in declaration order.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>Parameters with dotted names such as "0.Weight" or "Hidden.Bias", used by model files.</summary>
    public virtual IEnumerable<KeyValuePair<string, Tensor>> NamedParameters() => ModuleTree.NamedParameters(this);

    /// <summary>The modules directly inside this one, with their names.</summary>
    public virtual IEnumerable<KeyValuePair<string, Module>> Children() => ModuleTree.Children(this);

    /// <summary>Switches this module and its children to training mode.</summary>
    public Module Train() => SetMode(true);

    /// <summary>Switches this module and its children to evaluation mode (dropout off).</summary>
    public Module Eval() => SetMode(false);

    /// <summary>Clears the gradients of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>
    /// Copies saved values into this module's parameters by name (as <see cref="NamedParameters"/> gives
    /// them), e.g. from a model file; every parameter must be present with the same shape.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is missing, unknown, or has another shape.</exception>
    public void LoadParameters(IEnumerable<KeyValuePair<string, Tensor>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var own = NamedParameters().ToDictionary(p => p.Key, p => p.Value);
        var given = new Dictionary<string, Tensor>();
        foreach (var (name, value) in values)
        {
            if (!own.TryGetValue(name, out var target))
            {
                throw new ArgumentException($"LoadParameters: '{name}' is not a parameter of this model; it has: {string.Join(", ", own.Keys)}.", nameof(values));
            }
            if (!Tensor.SameShape(target.Shape, value.Shape))
            {
                throw new ArgumentException($"LoadParameters: '{name}' has shape {Tensor.ShapeText(value.Shape)} but the model's is {Tensor.ShapeText(target.Shape)}.", nameof(values));
            }
            given[name] = value;
        }
        var missing = own.Keys.Where(k => !given.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw new ArgumentException($"LoadParameters: no values for {string.Join(", ", missing)}.", nameof(values));
        foreach (var (name, value) in given) value.Data.AsSpan().CopyTo(own[name].Data);
    }

    /// <summary>
    /// The size (L2 norm) of each parameter's gradient after a Backward, in order, e.g. to see gradients
    /// vanish layer by layer in a deep sigmoid network. By default weight matrices only (no biases);
    /// a parameter without a gradient counts as 0.
    /// </summary>
    public IReadOnlyList<(string Name, double Norm)> GradientNorms(bool weightsOnly = true)
    {
        var norms = new List<(string, double)>();
        foreach (var (name, p) in NamedParameters())
        {
            if (weightsOnly && p.Rank < 2) continue;
            norms.Add((name, p.Grad is null ? 0.0 : System.Numerics.Tensors.TensorPrimitives.Norm(p.Grad.Data)));
        }
        return norms;
    }

    /// <summary>The total number of trainable values.</summary>
    public int ParameterCount => Parameters().Sum(p => p.Size);

    /// <summary>
    /// The module as a tree, like printing a PyTorch model: <c>Mlp( (fc1): Linear(in_features: 784, ...) ... )</c>,
    /// one sub-module per line.
    /// </summary>
    public override string ToString()
    {
        var children = Children().ToList();
        if (children.Count == 0) return Describe();
        var builder = new System.Text.StringBuilder();
        builder.Append(GetType().Name).Append("(\n");
        foreach (var (name, child) in children)
        {
            var text = child.ToString().Replace("\n", "\n  ");
            builder.Append("  (").Append(name).Append("): ").Append(text).Append('\n');
        }
        return builder.Append(')').ToString();
    }

    /// <summary>A one-line description of a module without sub-modules (its type and settings).</summary>
    protected virtual string Describe() => GetType().Name + "()";

    private Module SetMode(bool training)
    {
        IsTraining = training;
        foreach (var (_, child) in Children()) child.SetMode(training);
        return this;
    }
}
