namespace NotebookCourse.Optimizers;

/// <summary>An optimizer's name and hyper-parameters (e.g. adam, learning_rate 0.001), saved in model files.</summary>
/// <param name="Name">The optimizer's name: "sgd", "adam" or "rmsprop".</param>
/// <param name="Arguments">Hyper-parameters by Keras name, e.g. "learning_rate", "momentum", "beta_1".</param>
public sealed record OptimizerConfig(string Name, IReadOnlyDictionary<string, double> Arguments)
{
    /// <summary>A hyper-parameter, or <paramref name="fallback"/> (the optimizer's default) when the config leaves it out.</summary>
    public float Get(string name, float fallback) => Arguments.TryGetValue(name, out var value) ? (float)value : fallback;

    /// <summary>The config as text, e.g. <c>adam(learning_rate: 0.001, ...)</c>.</summary>
    public override string ToString()
        => $"{Name}({string.Join(", ", Arguments.Select(a => $"{a.Key}: {a.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"))})";
}
