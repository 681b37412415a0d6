using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookCourse.Losses;
using NotebookCourse.Metrics;
using NotebookCourse.Optimizers;
using NotebookCourse.Training;

namespace NotebookCourse.Serialization;

/// <summary>
/// Turns what <c>model.Compile(...)</c> chose into the JSON kept in a model file's "training" entry and
/// back: <c>{"optimizer": {"name": "adam", "arguments": {"learning_rate": 0.001, ...}, "steps": 450},
/// "loss": {"name": "categorical_crossentropy", "from_logits": false}, "metrics": [{"name": "accuracy"}]}</c>.
/// It knows no optimizer, loss or metric: each writes its own Config and rebuilds from it in its own
/// FromConfig; only those the library knows by name are accepted.
/// </summary>
internal static class TrainingJson
{
    /// <summary>The JSON of a training setup.</summary>
    /// <exception cref="NotSupportedException">The optimizer, loss or a metric could not be rebuilt from its config (one of your own).</exception>
    public static JsonObject ToJson(TrainingSetup setup)
    {
        var optimizer = setup.Optimizer;
        var config = optimizer.Config;
        if (!Rebuilds(() => Optimizer.Rebuild(config), optimizer, rebuilt => SameArguments(rebuilt.Config.Arguments, config.Arguments)))
        {
            throw Unsupported($"the optimizer {optimizer.GetType().Name} ('{config.Name}') is not one the library can rebuild by name ({string.Join(", ", Optimizer.RegisteredNames)})");
        }
        var arguments = new JsonObject();
        foreach (var (name, value) in config.Arguments) arguments[name] = Number(value);

        var loss = setup.Loss;
        if (!Rebuilds(() => Loss.Rebuild(loss.Config), loss, rebuilt => rebuilt.Config == loss.Config))
        {
            throw Unsupported($"the loss {loss.GetType().Name} ('{loss.Name}') is not one the library can rebuild by name ({string.Join(", ", Loss.RegisteredNames)})");
        }

        var metrics = new JsonArray();
        foreach (var metric in setup.Metrics)
        {
            var metricConfig = metric.Config;
            if (!Rebuilds(() => Metric.Rebuild(metricConfig), metric,
                rebuilt => rebuilt.Name == metric.Name && SameArguments(rebuilt.Config.Arguments, metricConfig.Arguments)))
            {
                throw Unsupported($"the metric {metric.GetType().Name} ('{metric.Name}') is not one the library can rebuild by name (accuracy, binary_accuracy, or a loss name)");
            }
            var item = new JsonObject { ["name"] = metricConfig.Name };
            foreach (var (name, value) in metricConfig.Arguments) item[name] = Number(value);
            metrics.Add(item);
        }

        return new JsonObject
        {
            ["optimizer"] = new JsonObject { ["name"] = config.Name, ["arguments"] = arguments, ["steps"] = optimizer.Steps },
            ["loss"] = new JsonObject { ["name"] = loss.Config.Name, ["from_logits"] = loss.Config.FromLogits },
            ["metrics"] = metrics,
        };
    }

    /// <summary>
    /// Rebuilds the optimizer (not yet bound), loss and metrics from the JSON.
    /// </summary>
    /// <exception cref="ModelFileException">A name is unknown or a value malformed.</exception>
    public static (Optimizer Optimizer, Loss Loss, List<Metric> Metrics) FromJson(JsonNode? node, string path)
    {
        const string Where = "the \"training\" entry";
        if (node is not JsonObject json) throw new ModelFileException(path, $"{Where} should be a JSON object with optimizer, loss and metrics.");
        try
        {
            if (json["optimizer"] is not JsonObject optimizerJson || Text(optimizerJson["name"]) is not string optimizerName)
            {
                throw new ModelFileException(path, $"{Where} has no optimizer {{\"name\": ..., \"arguments\": {{...}}}}.");
            }
            var arguments = Numbers(optimizerJson["arguments"] as JsonObject ?? [], path, $"{Where}: optimizer argument");
            var optimizer = Optimizer.Rebuild(new OptimizerConfig(optimizerName, arguments));
            CheckKnown(arguments.Keys, optimizer.Config.Arguments.Keys, path, $"{Where}: the optimizer {optimizerName}");

            if (json["loss"] is not JsonObject lossJson || Text(lossJson["name"]) is not string lossName)
            {
                throw new ModelFileException(path, $"{Where} has no loss {{\"name\": ..., \"from_logits\": ...}}.");
            }
            var fromLogits = lossJson["from_logits"] is JsonValue logits && logits.GetValueKind() == JsonValueKind.True;
            var loss = Loss.Rebuild(new LossConfig(lossName, fromLogits));

            var metrics = new List<Metric>();
            foreach (var metricJson in json["metrics"] as JsonArray ?? [])
            {
                if (metricJson is not JsonObject m || Text(m["name"]) is not string metricName)
                {
                    throw new ModelFileException(path, $"{Where}: each metric should be {{\"name\": ...}}.");
                }
                var settings = Numbers(new JsonObject(m.Where(p => p.Key != "name").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))), path, $"{Where}: metric {metricName}'s setting");
                var metric = Metric.Rebuild(new MetricConfig(metricName, settings));
                CheckKnown(settings.Keys, metric.Config.Arguments.Keys, path, $"{Where}: the metric {metricName}");
                metrics.Add(metric);
            }
            return (optimizer, loss, metrics);
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException(path, $"{Where} cannot be rebuilt: {ModelFileException.Reason(e)}", e);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Hyper-parameters are floats: writing them as floats keeps the file readable (0.001, not 0.0010000000474974513).</summary>
    private static JsonValue Number(double value) => (double)(float)value == value ? JsonValue.Create((float)value) : JsonValue.Create(value);

    private static Dictionary<string, double> Numbers(JsonObject json, string path, string what)
    {
        var numbers = new Dictionary<string, double>();
        foreach (var (name, value) in json)
        {
            numbers[name] = value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                ? v.GetValue<double>()
                : throw new ModelFileException(path, $"{what} '{name}' should be a number.");
        }
        return numbers;
    }

    private static void CheckKnown(IEnumerable<string> given, IEnumerable<string> known, string path, string what)
    {
        var names = known.ToHashSet();
        foreach (var name in given)
        {
            if (!names.Contains(name)) throw new ModelFileException(path, $"{what} has no argument '{name}'; it has: {(names.Count == 0 ? "none" : string.Join(", ", names))}.");
        }
    }

    private static bool SameArguments(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
        => a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v.Equals(p.Value));

    /// <summary>Whether the rebuilt object is of the same type and agrees with the original.</summary>
    private static bool Rebuilds<T>(Func<T> rebuild, T original, Func<T, bool> agrees)
    {
        try
        {
            var rebuilt = rebuild();
            return rebuilt!.GetType() == original!.GetType() && agrees(rebuilt);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static NotSupportedException Unsupported(string what) => new(
        $"The model cannot be saved with its training setup: {what}, and loading never runs code named in a file. " +
        "Compile with one of the library's, or save the weights only with model.SaveWeights(path).");
}
