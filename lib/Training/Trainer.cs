using System.Globalization;
using NotebookCourse.Layers;

namespace NotebookCourse.Training;

/// <summary>The settings of one <c>Fit</c> call (see <see cref="ModelTraining.Fit"/> for their meaning).</summary>
internal sealed record FitOptions(
    int BatchSize, int Epochs, (Tensor X, Tensor Y)? ValidationData, bool Shuffle, int? Seed, int Verbose,
    IReadOnlyList<Callback> Callbacks, float ValidationSplit);

/// <summary>The mini-batch training loop behind Fit, and the batched Evaluate and Predict.</summary>
internal static class Trainer
{
    public static History Fit(Module model, TrainingSetup setup, Tensor x, Tensor y, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Check(options);
        var (xTrain, yTrain, validation) = SplitValidation(x, y, options);
        var batches = new MiniBatches(xTrain, yTrain, options.BatchSize);
        if (batches.Samples == 0) throw new ArgumentException("Fit: there are no training samples (x has 0 rows after the validation split).", nameof(x));
        if (validation is { } v) _ = new MiniBatches(v.X, v.Y, options.BatchSize); // checks the validation shapes now, not after an epoch

        Build(model, xTrain);
        setup.BindTo(model);
        var random = options.Seed is int seed ? new Random(seed) : Tensor.Generator;
        var history = new History();
        var callbacks = WithProgressBar(options);
        foreach (var c in callbacks) c.Attach(model, setup, options.Epochs, batches.Count, history);

        var wasTraining = model.IsTraining;
        var metrics = setup.Metrics;
        var sums = new double[metrics.Count + 1];
        string? nonFinite = null;
        var stop = false;
        try
        {
            foreach (var c in callbacks) c.OnTrainBegin();
            for (var epoch = 0; epoch < options.Epochs && !stop; epoch++)
            {
                foreach (var c in callbacks) c.OnEpochBegin(epoch);
                model.Train();
                if (options.Shuffle) batches.Shuffle(random);
                Array.Clear(sums);
                var seen = 0;
                for (var b = 0; b < batches.Count && !stop; b++)
                {
                    var (xb, yb) = batches[b];
                    var rows = xb.Shape[0];
                    setup.Optimizer.ZeroGrad();
                    var predictions = model.Forward(xb);
                    var loss = setup.Loss.Forward(predictions, yb!);
                    var lossValue = loss.Item();
                    if (!float.IsFinite(lossValue) && nonFinite is null)
                    {
                        nonFinite = FormattableString.Invariant($"The loss became {lossValue} in epoch {epoch + 1}/{options.Epochs}, batch {b + 1}/{batches.Count}; the weights are no longer usable. ")
                            + "Try a smaller learning rate or scale the inputs (e.g. min-max scaling); StopOnNaN stops training at that moment.";
                    }
                    loss.Backward();
                    setup.Optimizer.Step();

                    sums[0] += (double)lossValue * rows;
                    using (Tensor.NoGrad())
                    {
                        for (var m = 0; m < metrics.Count; m++) sums[m + 1] += metrics[m].Compute(predictions, yb!) * rows;
                    }
                    seen += rows;
                    var batchLogs = Means(setup, sums, seen);
                    foreach (var c in callbacks) c.OnBatchEnd(b, batchLogs);
                    stop = callbacks.Any(c => c.StopTraining);
                }

                var logs = Means(setup, sums, seen);
                if (validation is { } val)
                {
                    foreach (var (key, value) in Evaluate(model, setup, val.X, val.Y, options.BatchSize)) logs["val_" + key] = value;
                }
                history.Add(logs);
                foreach (var c in callbacks) c.OnEpochEnd(epoch, logs);
                stop |= callbacks.Any(c => c.StopTraining);
            }
        }
        finally
        {
            if (wasTraining) model.Train();
            else model.Eval();
        }

        var stopOnNaN = callbacks.Any(c => c is StopOnNaN);
        if (nonFinite is not null && !stopOnNaN) history.AddNote(nonFinite);
        foreach (var c in callbacks)
        {
            if (c.StopReason is not null) history.AddNote(c.StopReason);
        }
        foreach (var c in callbacks) c.OnTrainEnd(history);
        if (nonFinite is not null && !stopOnNaN && options.Verbose > 0) Console.WriteLine("Warning: " + nonFinite);
        return history;
    }

    public static EvaluationResult Evaluate(Module model, TrainingSetup setup, Tensor x, Tensor y, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var batches = new MiniBatches(x, y, batchSize);
        if (batches.Samples == 0) throw new ArgumentException("Evaluate: x has no rows.", nameof(x));
        Build(model, x);
        var metrics = setup.Metrics;
        var sums = new double[metrics.Count + 1];
        var wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using (Tensor.NoGrad())
            {
                for (var b = 0; b < batches.Count; b++)
                {
                    var (xb, yb) = batches[b];
                    var rows = xb.Shape[0];
                    var predictions = model.Forward(xb);
                    sums[0] += (double)setup.Loss.Forward(predictions, yb!).Item() * rows;
                    for (var m = 0; m < metrics.Count; m++) sums[m + 1] += metrics[m].Compute(predictions, yb!) * rows;
                }
            }
        }
        finally
        {
            if (wasTraining) model.Train();
        }
        return new EvaluationResult(Means(setup, sums, batches.Samples));
    }

    public static Tensor Predict(Module model, Tensor x, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        var batches = new MiniBatches(x, null, batchSize);
        Build(model, x);
        var wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using (Tensor.NoGrad())
            {
                float[]? output = null;
                int[]? shape = null;
                var rowSize = 0;
                for (var b = 0; b < batches.Count; b++)
                {
                    var (xb, _) = batches[b];
                    var predictions = model.Forward(xb);
                    if (predictions.Rank == 0 || predictions.Shape[0] != xb.Shape[0])
                    {
                        throw new InvalidOperationException(
                            $"Predict: the model turned a batch of {xb.Shape[0]} rows into shape {Tensor.ShapeText(predictions.Shape)}; expected one output row per input row.");
                    }
                    if (output is null)
                    {
                        rowSize = predictions.Size / predictions.Shape[0];
                        shape = [batches.Samples, .. predictions.Shape[1..]];
                        output = new float[batches.Samples * rowSize];
                    }
                    predictions.Data.CopyTo(output, b * batches.BatchSize * rowSize);
                }
                return output is null ? Tensor.Zeros(0) : new Tensor(output, shape!);
            }
        }
        finally
        {
            if (wasTraining) model.Train();
        }
    }

    private static void Check(FitOptions o)
    {
        if (o.BatchSize <= 0) throw new ArgumentOutOfRangeException("batchSize", $"Fit: batchSize must be positive, got {o.BatchSize}.");
        if (o.Epochs < 0) throw new ArgumentOutOfRangeException("epochs", $"Fit: epochs must be 0 or more, got {o.Epochs}.");
        if (o.Verbose is < 0 or > 2) throw new ArgumentOutOfRangeException("verbose", $"Fit: verbose must be 0 (silent), 1 (progress bar) or 2 (one line per epoch), got {o.Verbose}.");
        if (!(o.ValidationSplit >= 0 && o.ValidationSplit < 1)) throw new ArgumentOutOfRangeException("validationSplit", $"Fit: validationSplit must be in [0, 1), got {o.ValidationSplit}.");
        if (o.Callbacks.Any(c => c is null)) throw new ArgumentException("Fit: one of the callbacks is null.", "callbacks");
        if (o.ValidationSplit > 0 && o.ValidationData is not null)
        {
            throw new ArgumentException("Fit: give either validationData or validationSplit, not both.");
        }
    }

    /// <summary>Keras's validation split: the last fraction of the rows (before any shuffling) becomes validation data.</summary>
    private static (Tensor X, Tensor Y, (Tensor X, Tensor Y)? Validation) SplitValidation(Tensor x, Tensor y, FitOptions o)
    {
        if (o.ValidationSplit <= 0) return (x, y, o.ValidationData);
        _ = new MiniBatches(x, y, 1); // checks that x and y have the same rows
        var samples = x.Shape[0];
        var trainRows = (int)Math.Ceiling(samples * (1.0 - o.ValidationSplit));
        if (trainRows >= samples) throw new ArgumentException($"Fit: validationSplit {o.ValidationSplit} of {samples} samples leaves no validation rows.");
        return (x.Slice(0, trainRows), y.Slice(0, trainRows), (x.Slice(trainRows, samples - trainRows), y.Slice(trainRows, samples - trainRows)));
    }

    /// <summary>Creates lazily sized parameters (e.g. a Dense layer without inputSize) from the data's per-sample shape.</summary>
    private static void Build(Module model, Tensor x)
    {
        if (model is Layer { IsBuilt: false } layer && x.Rank > 0) layer.Build(x.Shape[1..]);
    }

    private static List<Callback> WithProgressBar(FitOptions o)
    {
        var list = new List<Callback>();
        if (o.Verbose > 0 && !o.Callbacks.Any(c => c is ProgressBar)) list.Add(new ProgressBar(oneLinePerEpoch: o.Verbose == 2));
        list.AddRange(o.Callbacks);
        return list;
    }

    /// <summary>The size-weighted means so far: "loss" then each metric by name.</summary>
    private static Dictionary<string, double> Means(TrainingSetup setup, double[] sums, int seen)
    {
        var logs = new Dictionary<string, double> { ["loss"] = sums[0] / seen };
        for (var m = 0; m < setup.Metrics.Count; m++) logs[setup.Metrics[m].Name] = sums[m + 1] / seen;
        return logs;
    }
}
