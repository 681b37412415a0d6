using System.Collections.Concurrent;

namespace NotebookCourse.Layers;

/// <summary>
/// A <see cref="Module"/> that a Keras-style <see cref="Sequential"/> model can stack: it knows its
/// output shape (for model summaries), has a name such as "dense_1", and a <see cref="Config"/> from
/// which model files rebuild it.
/// </summary>
/// <remarks>Shapes here leave out the batch axis: a Dense(10) layer turns input shape [784] into [10].</remarks>
public abstract class Layer : Module
{
    private static readonly ConcurrentDictionary<string, int> s_nameCounts = new();

    /// <summary>Gives the layer a Keras-style unique name: "dense", then "dense_1", "dense_2", ...</summary>
    protected Layer() => LayerName = NextName(SnakeCase(GetType().Name));

    /// <summary>The layer's name in summaries and model files, e.g. "dense_1"; may be set to anything.</summary>
    public string LayerName { get; set; }

    /// <summary>The type name and constructor arguments that rebuild this layer.</summary>
    public abstract LayerConfig Config { get; }

    /// <summary>
    /// The per-sample input shape this layer was told about (e.g. <c>inputSize: 784</c> gives [784]),
    /// or null when it learns it from the first batch.
    /// </summary>
    public int[]? InputShape { get; protected set; }

    /// <summary>True once the layer's parameters exist (at construction, or at the first batch or <see cref="Build"/>).</summary>
    public virtual bool IsBuilt { get; protected set; } = true;

    /// <summary>
    /// The per-sample output shape for a per-sample input shape (no batch axis), or null when it
    /// cannot be known; used by model summaries. Also checks that the input shape fits.
    /// </summary>
    public abstract int[]? OutputShape(int[] inputShape);

    /// <summary>Creates the parameters for a per-sample input shape (no batch axis) if not done yet.</summary>
    public virtual void Build(int[] inputShape) => IsBuilt = true;

    /// <summary>The type and arguments without the name, e.g. <c>Dense(units: 10, activation: softmax, ...)</c>.</summary>
    protected override string Describe()
    {
        var config = Config;
        return (config with { Arguments = config.Arguments.Where(a => a.Key != "name").ToDictionary() }).ToString();
    }

    /// <summary>Makes a config from this layer's type name, its <see cref="LayerName"/> and the given arguments.</summary>
    protected LayerConfig MakeConfig(params (string Name, object? Value)[] arguments)
    {
        var values = new Dictionary<string, object?> { ["name"] = LayerName };
        foreach (var (name, value) in arguments) values[name] = value;
        return new(GetType().Name, values);
    }

    /// <summary>
    /// Rebuilds a layer from its <see cref="Config"/> (for model files): the same type, arguments and
    /// name, with fresh parameters that a model file then overwrites.
    /// </summary>
    /// <exception cref="ArgumentException">The type is not one of this library's layers, or an argument is malformed.</exception>
    public static Layer FromConfig(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Initializer? Init(string key) => config.Get<string?>(key, null) is string n ? Initializer.FromName(n) : null;
        Layer layer = config.Type switch
        {
            "Dense" => new Dense(config.Get("units", 0), config.Get<string?>("activation", null), Init("kernel_initializer"),
                config.Get("use_bias", true), config.Get<int?>("input_size", null), Init("bias_initializer")),
            "Linear" => new Linear(config.Get("in_features", 0), config.Get("out_features", 0), config.Get("bias", true),
                config.Get("kernel_initializer", "torch_default") == "torch_default" ? null : Init("kernel_initializer")),
            "Flatten" => new Flatten(config.Get<int[]?>("input_shape", null)),
            "Dropout" => new Dropout(config.Get("rate", 0f), config.Get<int?>("seed", null)),
            "Activation" => new Activation(config.Get("activation", "linear")),
            "ReLU" => new ReLU(),
            "LeakyReLU" => new LeakyReLU(config.Get("alpha", 0.01f)),
            "ELU" => new ELU(config.Get("alpha", 1f)),
            "Sigmoid" => new Sigmoid(),
            "Tanh" => new Tanh(),
            "Softmax" => new Softmax(config.Get("axis", -1)),
            "Sequential" => new Sequential([.. config.Get<LayerConfig[]>("layers", []).Select(FromConfig)]),
            _ => throw new ArgumentException(
                $"Layer config: unknown layer type '{config.Type}'. Known: Dense, Linear, Flatten, Dropout, Activation, ReLU, LeakyReLU, ELU, Sigmoid, Tanh, Softmax, Sequential.",
                nameof(config)),
        };
        if (config.Get<string?>("name", null) is string name) layer.LayerName = name;
        return layer;
    }

    private static string NextName(string baseName)
    {
        var n = s_nameCounts.AddOrUpdate(baseName, 0, (_, c) => c + 1);
        return n == 0 ? baseName : $"{baseName}_{n}";
    }

    private static string SnakeCase(string typeName)
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < typeName.Length; i++)
        {
            var c = typeName[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(typeName[i - 1]) || (i + 1 < typeName.Length && char.IsLower(typeName[i + 1])))) builder.Append('_');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
