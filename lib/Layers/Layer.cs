using System.Collections.Concurrent;
using NotebookCourse.Registry;

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

    /// <summary>
    /// The type name and constructor arguments that rebuild this layer (Keras's get_config); the layer's
    /// static <c>FromConfig</c>, beside it in the same file, reads them back.
    /// </summary>
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

    /// <summary>The layer types <see cref="Rebuild"/> knows, by type name: the library's own, then those registered.</summary>
    private static readonly TypeRegistry<Layer, LayerConfig> s_types = new(typeof(ILayerFromConfig<>), nameof(Entries), name => name);

    /// <summary>
    /// Makes a layer type of your own known to <see cref="Rebuild"/> and to model files, under its class
    /// name (Keras's <c>register_keras_serializable</c>): <c>Layer.Register&lt;Scale&gt;();</c>. Only registered
    /// types can be rebuilt from a file, so a file can never make the library run code you did not choose.
    /// </summary>
    /// <exception cref="ArgumentException">Another type is already registered under the same class name.</exception>
    public static void Register<TLayer>() where TLayer : Layer, ILayerFromConfig<TLayer>
    {
        if (s_types.Add(typeof(TLayer)) is { } known)
        {
            throw new ArgumentException($"Layer.Register: the name '{typeof(TLayer).Name}' already stands for {known.FullName}; give {typeof(TLayer).FullName} another class name.");
        }
    }

    /// <summary>The type registered under <paramref name="typeName"/>, or null.</summary>
    internal static Type? RegisteredType(string typeName) => s_types.TypeOf(typeName);

    /// <summary>The type names <see cref="Rebuild"/> knows, in alphabetical order.</summary>
    internal static IReadOnlyList<string> RegisteredTypeNames => s_types.Names;

    /// <summary>
    /// Rebuilds a layer from its <see cref="Config"/> (for model files): the same type, arguments and name,
    /// with fresh parameters that a model file then overwrites. The type's own <c>FromConfig</c> does the work.
    /// </summary>
    /// <exception cref="ArgumentException">The type is not registered, or an argument is missing or malformed.</exception>
    public static Layer Rebuild(LayerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (s_types.FromConfig(config.Type) is not { } fromConfig)
        {
            throw new LayerConfigException(
                $"{(config.Source is null ? "Layer config" : config.Source)}: unknown layer type '{config.Type}'. " +
                $"Known: {string.Join(", ", RegisteredTypeNames)} (a layer of your own needs Layer.Register<TLayer>()).");
        }
        try
        {
            return fromConfig(config);
        }
        catch (Exception e) when (e is (ArgumentException and not LayerConfigException) or ParameterBudget.ExceededException)
        {
            // Say which layer of a nested model could not be rebuilt, once, at the innermost level.
            var where = config.Source is null ? $"the {config.Type} config" : $"{config.Source} ({config.Type})";
            var reason = e is ArgumentException { ParamName: string p } && e.Message.EndsWith($" (Parameter '{p}')", StringComparison.Ordinal)
                ? e.Message[..^$" (Parameter '{p}')".Length]
                : e.Message;
            throw new LayerConfigException(e is ArgumentException ? $"{where} cannot be rebuilt: {reason}" : $"{where}: {reason}", e);
        }
    }

    /// <summary>A layer type's one name, its class name, and its FromConfig (for <see cref="TypeRegistry{TBase, TConfig}"/>).</summary>
    private static IEnumerable<(string, Func<LayerConfig, Layer>)> Entries<TLayer>() where TLayer : Layer, ILayerFromConfig<TLayer>
        => [(typeof(TLayer).Name, config => TLayer.FromConfig(config))];

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
