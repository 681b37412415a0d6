using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Metrics;
using NotebookCourse.Optimizers;

namespace NotebookCourse.Training;

/// <summary>
/// What <c>model.Compile(...)</c> chose: the optimizer, the loss and the metrics used by
/// <c>Fit</c> and <c>Evaluate</c>. Get it back with <c>model.Compiled()</c>, e.g. to change the learning rate.
/// </summary>
public sealed class TrainingSetup
{
    /// <summary>Creates a setup from ready objects.</summary>
    public TrainingSetup(Optimizer optimizer, Loss loss, IReadOnlyList<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(metrics);
        Optimizer = optimizer;
        Loss = loss;
        Metrics = metrics;
        var names = new HashSet<string> { "loss" };
        foreach (var m in metrics)
        {
            if (!names.Add(m.Name)) throw new ArgumentException($"Compile: two values would both be logged as '{m.Name}'; give each metric once.", nameof(metrics));
        }
    }

    /// <summary>The optimizer that updates the parameters after each mini-batch.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The loss minimised.</summary>
    public Loss Loss { get; }

    /// <summary>The metrics reported besides the loss (e.g. accuracy).</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>Makes a setup from objects or Keras names ("adam", "sgd", "rmsprop"; "mse", "categorical_crossentropy", ...; "accuracy", ...).</summary>
    /// <exception cref="ArgumentException">A name is unknown or an argument has the wrong type; the message lists what is accepted.</exception>
    public static TrainingSetup From(object optimizer, object loss, IEnumerable<object>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        var theOptimizer = optimizer switch
        {
            Optimizer o => o,
            string name => Optimizer.FromName(name),
            _ => throw new ArgumentException($"Compile: optimizer must be an Optimizer (e.g. new Adam(0.001f)) or a name (\"sgd\", \"adam\", \"rmsprop\"), not a {optimizer.GetType().Name}.", nameof(optimizer)),
        };
        var theLoss = loss switch
        {
            Loss l => l,
            string name => Loss.FromName(name),
            _ => throw new ArgumentException($"Compile: loss must be a Loss (e.g. new CategoricalCrossEntropy()) or a name (\"mse\", \"binary_crossentropy\", \"categorical_crossentropy\", \"sparse_categorical_crossentropy\"), not a {loss.GetType().Name}.", nameof(loss)),
        };
        var theMetrics = new List<Metric>();
        foreach (var metric in metrics ?? [])
        {
            theMetrics.Add(metric switch
            {
                Metric m => m,
                string name => Metric.FromName(name),
                null => throw new ArgumentException("Compile: a metric is null.", nameof(metrics)),
                _ => throw new ArgumentException($"Compile: each metric must be a Metric or a name (\"accuracy\", \"binary_accuracy\"), not a {metric.GetType().Name}.", nameof(metrics)),
            });
        }
        return new TrainingSetup(theOptimizer, theLoss, theMetrics);
    }

    /// <summary>Connects the optimizer to the model's parameters if it was made without them (Keras style).</summary>
    internal void BindTo(Module model)
    {
        if (!Optimizer.IsBound) Optimizer.Bind(model.Parameters());
    }

    /// <summary>The optimizer, loss and metrics in one line.</summary>
    public override string ToString()
        => $"optimizer: {Optimizer}, loss: {Loss}" + (Metrics.Count == 0 ? "" : ", metrics: " + string.Join(", ", Metrics.Select(m => m.Name)));
}
