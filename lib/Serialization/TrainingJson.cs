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
/// Only the library's optimizers, losses and metrics are accepted, by name.
/// </summary>
internal static class TrainingJson
{
    /// <summary>The JSON of a training setup.</summary>
    /// <exception cref="NotSupportedException">The optimizer, loss or a metric is not one of the library's, so it could not be rebuilt.</exception>
    public static JsonObject ToJson(TrainingSetup setup)
    {
        var optimizer = setup.Optimizer;
        var config = optimizer.Config;
        if (!Rebuilds(() => Optimizer.FromConfig(config), optimizer.GetType()))
        {
            throw Unsupported($"the optimizer {optimizer.GetType().Name} ('{config.Name}') is not one of the library's (sgd, adam, rmsprop)");
        }
        var arguments = new JsonObject();
        foreach (var (name, value) in config.Arguments)
        {
            // Hyper-parameters are floats: writing them as floats keeps the file readable (0.001, not 0.0010000000474974513).
            arguments[name] = (double)(float)value == value ? JsonValue.Create((float)value) : JsonValue.Create(value);
        }

        var loss = setup.Loss;
        if (!Rebuilds(() => Loss.FromName(loss.Name, loss.FromLogits), loss.GetType()) || Loss.FromName(loss.Name, loss.FromLogits).FromLogits != loss.FromLogits)
        {
            throw Unsupported($"the loss {loss.GetType().Name} ('{loss.Name}') is not one of the library's (mse, binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy, cross_entropy)");
        }

        var metrics = new JsonArray();
        foreach (var metric in setup.Metrics) metrics.Add(MetricToJson(metric));

        return new JsonObject
        {
            ["optimizer"] = new JsonObject { ["name"] = config.Name, ["arguments"] = arguments, ["steps"] = optimizer.Steps },
            ["loss"] = new JsonObject { ["name"] = loss.Name, ["from_logits"] = loss.FromLogits },
            ["metrics"] = metrics,
        };
    }

    private static JsonObject MetricToJson(Metric metric)
    {
        switch (metric)
        {
            case Accuracy:
                return new JsonObject { ["name"] = metric.Name };
            case BinaryAccuracy binary:
                return new JsonObject { ["name"] = metric.Name, ["threshold"] = binary.Threshold };
            case LossMetric lossMetric when Rebuilds(() => Metric.FromName(metric.Name), typeof(LossMetric))
                && !lossMetric.Loss.FromLogits && Rebuilds(() => Loss.FromName(lossMetric.Loss.Name), lossMetric.Loss.GetType()):
                return new JsonObject { ["name"] = metric.Name };
            default:
                throw Unsupported($"the metric {metric.GetType().Name} ('{metric.Name}') is not one of the library's (accuracy, binary_accuracy, or a loss name)");
        }
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
            var arguments = new Dictionary<string, double>();
            foreach (var (name, value) in optimizerJson["arguments"] as JsonObject ?? [])
            {
                arguments[name] = value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                    ? v.GetValue<double>()
                    : throw new ModelFileException(path, $"{Where}: optimizer argument '{name}' should be a number.");
            }
            var optimizer = Optimizer.FromConfig(new OptimizerConfig(optimizerName, arguments));
            var known = optimizer.Config.Arguments.Keys.ToHashSet();
            foreach (var name in arguments.Keys)
            {
                if (!known.Contains(name)) throw new ModelFileException(path, $"{Where}: the optimizer {optimizerName} has no argument '{name}'; it has: {string.Join(", ", known)}.");
            }

            if (json["loss"] is not JsonObject lossJson || Text(lossJson["name"]) is not string lossName)
            {
                throw new ModelFileException(path, $"{Where} has no loss {{\"name\": ..., \"from_logits\": ...}}.");
            }
            var fromLogits = lossJson["from_logits"] is JsonValue logits && logits.GetValueKind() == JsonValueKind.True;
            var loss = Loss.FromName(lossName, fromLogits);

            var metrics = new List<Metric>();
            foreach (var metricJson in json["metrics"] as JsonArray ?? [])
            {
                if (metricJson is not JsonObject m || Text(m["name"]) is not string metricName)
                {
                    throw new ModelFileException(path, $"{Where}: each metric should be {{\"name\": ...}}.");
                }
                metrics.Add(metricName == "binary_accuracy" && m["threshold"] is JsonValue t && t.GetValueKind() == JsonValueKind.Number
                    ? new BinaryAccuracy(t.GetValue<float>())
                    : Metric.FromName(metricName));
            }
            return (optimizer, loss, metrics);
        }
        catch (ArgumentException e)
        {
            throw new ModelFileException(path, $"{Where} cannot be rebuilt: {ModelFileException.Reason(e)}", e);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Rebuilds(Func<object> rebuild, Type expected)
    {
        try
        {
            return rebuild().GetType() == expected;
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
