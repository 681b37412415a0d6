namespace NotebookCourse.Metrics;

/// <summary>
/// A number reported during training that is easier to read than the loss, e.g. accuracy. It is not
/// differentiated; training averages <see cref="Compute"/> over batches weighted by their size.
/// </summary>
public abstract class Metric
{
    /// <summary>The key in training logs and History, e.g. "accuracy".</summary>
    public abstract string Name { get; }

    /// <summary>The metric for one batch of predictions and targets.</summary>
    public abstract double Compute(Tensor predictions, Tensor targets);

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>What rebuilds this metric: its name and settings (saved in model files).</summary>
    public virtual MetricConfig Config => new(Name);

    /// <summary>Each name Compile accepts and the metric type that answers to it.</summary>
    private static readonly Dictionary<string, (Type Type, Func<MetricConfig, Metric> FromConfig)> s_types = LibraryTypes();

    /// <summary>The metric type a name stands for (a loss name stands for <see cref="LossMetric"/>), or null.</summary>
    internal static Type? RegisteredType(string name)
        => s_types.TryGetValue(name.Trim().ToLowerInvariant(), out var entry) ? entry.Type : Losses.Loss.RegisteredType(name) is null ? null : typeof(LossMetric);

    /// <summary>
    /// A metric by Keras name: "accuracy"/"acc" (picks one-hot, sparse or binary from the shapes),
    /// "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy", or a loss name such
    /// as "mse" (the loss reported as a metric).
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Metric FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Rebuild(new MetricConfig(name));
    }

    /// <summary>Rebuilds a metric from its <see cref="Config"/>: its own FromConfig does the work; any loss name gives a <see cref="LossMetric"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static Metric Rebuild(MetricConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (s_types.TryGetValue(config.Name.Trim().ToLowerInvariant(), out var entry)) return entry.FromConfig(config);
        if (Losses.Loss.RegisteredType(config.Name) is not null) return LossMetric.FromConfig(config);
        throw new ArgumentException(
            $"Unknown metric '{config.Name}'. Known: {string.Join(", ", s_types.Keys.Order(StringComparer.Ordinal))}, or a loss name such as mse.", nameof(config));
    }

    /// <summary>Every name of every non-abstract metric of this library that implements <see cref="IMetricFromConfig{TSelf}"/> for itself.</summary>
    private static Dictionary<string, (Type, Func<MetricConfig, Metric>)> LibraryTypes()
    {
        var types = new Dictionary<string, (Type, Func<MetricConfig, Metric>)>();
        var entries = typeof(Metric).GetMethod(nameof(Entries), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var type in typeof(Metric).Assembly.GetTypes())
        {
            if (!type.IsAbstract && typeof(Metric).IsAssignableFrom(type) && type.GetInterfaces().Contains(typeof(IMetricFromConfig<>).MakeGenericType(type)))
            {
                foreach (var (name, value) in (IEnumerable<(string, (Type, Func<MetricConfig, Metric>))>)entries.MakeGenericMethod(type).Invoke(null, null)!) types.Add(name, value);
            }
        }
        return types;
    }

    private static IEnumerable<(string, (Type, Func<MetricConfig, Metric>))> Entries<TMetric>() where TMetric : Metric, IMetricFromConfig<TMetric>
        => TMetric.Names.Select(name => (name, (typeof(TMetric), (Func<MetricConfig, Metric>)(config => TMetric.FromConfig(config)))));
}
