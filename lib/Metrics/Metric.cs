using NotebookCourse.Registry;

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
    private static readonly TypeRegistry<Metric, MetricConfig> s_types = new(typeof(IMetricFromConfig<>), nameof(Entries), name => name.Trim().ToLowerInvariant());

    /// <summary>The metric type a name stands for (a loss name stands for <see cref="LossMetric"/>), or null.</summary>
    internal static Type? RegisteredType(string name)
        => s_types.TypeOf(name) ?? (Losses.Loss.RegisteredType(name) is null ? null : typeof(LossMetric));

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
        if (s_types.FromConfig(config.Name) is { } fromConfig) return fromConfig(config);
        if (Losses.Loss.RegisteredType(config.Name) is not null) return LossMetric.FromConfig(config);
        throw new ArgumentException(
            $"Unknown metric '{config.Name}'. Known: {string.Join(", ", s_types.AllNames)}, or a loss name such as mse.", nameof(config));
    }

    /// <summary>A metric type's names, its own first, each with its FromConfig (for <see cref="TypeRegistry{TBase, TConfig}"/>).</summary>
    private static IEnumerable<(string, Func<MetricConfig, Metric>)> Entries<TMetric>() where TMetric : Metric, IMetricFromConfig<TMetric>
        => TMetric.Names.Select(name => (name, (Func<MetricConfig, Metric>)(config => TMetric.FromConfig(config))));
}
