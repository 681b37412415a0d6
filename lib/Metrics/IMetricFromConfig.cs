namespace NotebookCourse.Metrics;

/// <summary>
/// A metric that knows its names and rebuilds itself from its <see cref="Metric.Config"/>. Every metric of
/// the library implements it, so <c>Compile(..., ["accuracy"])</c> and model files find it.
/// </summary>
/// <typeparam name="TSelf">The metric type itself: <c>class Accuracy : Metric, IMetricFromConfig&lt;Accuracy&gt;</c>.</typeparam>
public interface IMetricFromConfig<TSelf> where TSelf : Metric, IMetricFromConfig<TSelf>
{
    /// <summary>The names Compile accepts for it, its own first; empty for a metric that takes its name from something else (a loss).</summary>
    static abstract IReadOnlyList<string> Names { get; }

    /// <summary>The metric with the config's name and settings.</summary>
    static abstract TSelf FromConfig(MetricConfig config);
}
