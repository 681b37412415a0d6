namespace NotebookCourse.Layers;

/// <summary>
/// Activation functions by name, as Keras writes them: "relu", "sigmoid", "tanh", "softmax",
/// "leaky_relu", "elu", "linear" (none). Used by <see cref="Dense"/> and <see cref="Activation"/>.
/// </summary>
/// <remarks>"leaky_relu" uses PyTorch's slope 0.01 and "elu" alpha 1; for other values (the handouts'
/// max(0.1x, x)) add a <see cref="LeakyReLU"/> or <see cref="ELU"/> layer.</remarks>
public static class Activations
{
    /// <summary>The names <see cref="Get"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["linear", "relu", "sigmoid", "tanh", "softmax", "leaky_relu", "elu"];

    /// <summary>The function for a name (null or "linear" gives the identity).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>.</exception>
    public static Func<Tensor, Tensor> Get(string? name) => Functions[Normalize(name)];

    private static readonly Dictionary<string, Func<Tensor, Tensor>> Functions = new()
    {
        ["linear"] = x => x,
        ["relu"] = x => x.Relu(),
        ["sigmoid"] = x => x.Sigmoid(),
        ["tanh"] = x => x.Tanh(),
        ["softmax"] = x => x.Softmax(-1),
        ["leaky_relu"] = x => x.LeakyRelu(),
        ["elu"] = x => x.Elu(),
    };

    /// <summary>The canonical spelling of an activation name ("ReLU" → "relu", null → "linear").</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static string Normalize(string? name)
    {
        if (name is null) return "linear";
        var key = name.Trim().ToLowerInvariant().Replace("-", "_");
        key = key switch
        {
            "" or "none" or "identity" => "linear",
            "leakyrelu" or "lrelu" => "leaky_relu",
            "logistic" => "sigmoid",
            _ => key,
        };
        if (!Names.Contains(key))
        {
            throw new ArgumentException($"Unknown activation '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
        }
        return key;
    }
}
