namespace NotebookCourse.Metrics;

/// <summary>What rebuilds a metric: its name and settings (e.g. binary_accuracy, threshold 0.5), saved in model files.</summary>
/// <param name="Name">The metric's name, e.g. "accuracy".</param>
/// <param name="Arguments">Its settings by name; empty for most metrics.</param>
public sealed record MetricConfig(string Name, IReadOnlyDictionary<string, double> Arguments)
{
    /// <summary>A config with no settings.</summary>
    public MetricConfig(string name)
        : this(name, new Dictionary<string, double>())
    {
    }

    /// <summary>A setting, or <paramref name="fallback"/> (the metric's default) when the config leaves it out.</summary>
    public double Get(string name, double fallback) => Arguments.TryGetValue(name, out var value) ? value : fallback;
}
