using NotebookCourse.Data;
using NotebookCourse.Layers;

namespace NotebookCourse.Training;

/// <summary>The settings of one <c>Fit</c> call (see <see cref="ModelTraining.Fit"/> for their meaning).</summary>
internal sealed record FitOptions(
    int BatchSize, int Epochs, (Tensor X, Tensor Y)? ValidationData, bool Shuffle, int? Seed, int Verbose,
    IReadOnlyList<Callback> Callbacks, float ValidationSplit);

/// <summary>
/// The mini-batch training loop behind Fit, and the batched Evaluate and Predict. Fit is the loop a
/// learner writes by hand (<c>foreach (var (x, y) in batches) { forward; loss; backward; step; }</c>)
/// plus what Keras adds around it: running means for the progress bar, validation after each epoch,
/// callbacks, and a note when the loss stops being a number.
/// </summary>
internal static class Trainer
{
    public static History Fit(Module model, TrainingSetup setup, Tensor x, Tensor y, FitOptions options)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        Check(options);
        var (xTrain, yTrain, validation) = SplitValidation(x, y, options);
        var batches = Batches.Create(xTrain, yTrain, options.BatchSize, options.Shuffle, options.Seed is int seed ? new Random(seed) : null).WithoutBatchScopes();
        if (batches.Samples == 0) throw new ArgumentException("Fit: there are no training samples (x has 0 rows after the validation split).", nameof(x));
        if (validation is { } v) _ = Batches.Create(v.X, v.Y, options.BatchSize); // checks the validation shapes now, not after an epoch

        Build(model, xTrain);
        setup.BindTo(model);
        var run = new FitRun(model, setup, options, batches, validation);
        using (InMode(model, training: true))
        {
            run.Begin();
            for (var epoch = 0; epoch < options.Epochs && !run.Stopped; epoch++) run.Epoch(epoch);
        }
        return run.End();
    }

    /// <summary>One Fit call's state: the history, the callbacks, and the running sums of an epoch.</summary>
    private sealed class FitRun(Module model, TrainingSetup setup, FitOptions options, Batches batches, (Tensor X, Tensor Y)? validation)
    {
        private readonly List<Callback> _callbacks = WithProgressBar(options);
        private readonly History _history = new();
        private readonly double[] _sums = new double[setup.Metrics.Count + 1]; // the loss, then each metric, times rows
        private int _seen;
        private string? _nonFinite;

        /// <summary>True once a callback asked training to stop.</summary>
        public bool Stopped { get; private set; }

        public void Begin()
        {
            foreach (var c in _callbacks) c.Attach(model, setup, options.Epochs, batches.PerEpoch, _history);
            foreach (var c in _callbacks) c.OnTrainBegin();
        }

        /// <summary>One pass over the shuffled batches, then validation and the epoch's log.</summary>
        public void Epoch(int epoch)
        {
            foreach (var c in _callbacks) c.OnEpochBegin(epoch);
            model.Train(); // dropout on again, should a callback have switched it off
            Array.Clear(_sums);
            _seen = 0;
            var b = 0;
            foreach (var (xb, yb) in batches)
            {
                Batch(epoch, b++, xb, yb);
                if (Stopped) break;
            }

            var logs = Means(setup, _sums, _seen);
            if (validation is { } val)
            {
                foreach (var (key, value) in Evaluate(model, setup, val.X, val.Y, options.BatchSize)) logs["val_" + key] = value;
            }
            _history.Add(logs);
            foreach (var c in _callbacks) c.OnEpochEnd(epoch, logs);
            Stopped |= _callbacks.Any(c => c.StopTraining);
        }

        /// <summary>One update: forward, loss, backward, step; then the running means for the callbacks.</summary>
        private void Batch(int epoch, int batch, Tensor xb, Tensor yb)
        {
            // The batch's intermediate tensors borrow pooled memory, given back at the end of the batch.
            using var scope = Tensor.Scope();
            var rows = xb.Shape[0];
            setup.Optimizer.ZeroGrad();
            var predictions = model.Forward(xb);
            var loss = setup.Loss.Forward(predictions, yb);
            var lossValue = loss.Item();
            if (!float.IsFinite(lossValue) && _nonFinite is null)
            {
                _nonFinite = FormattableString.Invariant($"The loss became {lossValue} in epoch {epoch + 1}/{options.Epochs}, batch {batch + 1}/{batches.PerEpoch}; the weights are no longer usable. ")
                    + "Try a smaller learning rate or scale the inputs (e.g. min-max scaling); StopOnNaN stops training at that moment.";
            }
            loss.Backward();
            setup.Optimizer.Step();

            _sums[0] += (double)lossValue * rows;
            using (Tensor.NoGrad())
            {
                for (var m = 0; m < setup.Metrics.Count; m++) _sums[m + 1] += setup.Metrics[m].Compute(predictions, yb) * rows;
            }
            _seen += rows;
            var logs = Means(setup, _sums, _seen);
            foreach (var c in _callbacks) c.OnBatchEnd(batch, logs);
            Stopped = _callbacks.Any(c => c.StopTraining);
        }

        /// <summary>Notes on how training ended, the callbacks' last call, and the history.</summary>
        public History End()
        {
            var stopOnNaN = _callbacks.Any(c => c is StopOnNaN);
            if (_nonFinite is not null && !stopOnNaN) _history.AddNote(_nonFinite);
            foreach (var c in _callbacks)
            {
                if (c.StopReason is not null) _history.AddNote(c.StopReason);
            }
            foreach (var c in _callbacks) c.OnTrainEnd(_history);
            if (_nonFinite is not null && !stopOnNaN && options.Verbose > 0) Console.WriteLine("Warning: " + _nonFinite);
            return _history;
        }
    }

    public static EvaluationResult Evaluate(Module model, TrainingSetup setup, Tensor x, Tensor y, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var batches = Batches.Create(x, y, batchSize, shuffle: false).WithoutBatchScopes();
        if (batches.Samples == 0) throw new ArgumentException("Evaluate: x has no rows.", nameof(x));
        Build(model, x);
        var metrics = setup.Metrics;
        var sums = new double[metrics.Count + 1];
        using (InMode(model, training: false))
        using (Tensor.NoGrad())
        {
            foreach (var (xb, yb) in batches)
            {
                using var scope = Tensor.Scope();
                var rows = xb.Shape[0];
                var predictions = model.Forward(xb);
                sums[0] += (double)setup.Loss.Forward(predictions, yb).Item() * rows;
                for (var m = 0; m < metrics.Count; m++) sums[m + 1] += metrics[m].Compute(predictions, yb) * rows;
            }
        }
        return new EvaluationResult(Means(setup, sums, batches.Samples));
    }

    public static Tensor Predict(Module model, Tensor x, int batchSize)
    {
        Batches.CheckRows(x, batchSize);
        Build(model, x);
        var samples = x.Shape[0];
        float[]? output = null;
        int[]? shape = null;
        using (InMode(model, training: false))
        using (Tensor.NoGrad())
        {
            for (var start = 0; start < samples; start += batchSize)
            {
                using var scope = Tensor.Scope();
                var xb = x.Slice(start, Math.Min(batchSize, samples - start));
                var predictions = model.Forward(xb);
                if (predictions.Rank == 0 || predictions.Shape[0] != xb.Shape[0])
                {
                    throw new InvalidOperationException(
                        $"Predict: the model turned a batch of {xb.Shape[0]} rows into shape {Tensor.ShapeText(predictions.Shape)}; expected one output row per input row.");
                }
                if (output is null)
                {
                    shape = [samples, .. predictions.Shape[1..]];
                    output = new float[samples * (predictions.Size / predictions.Shape[0])];
                }
                predictions.Data.CopyTo(output, start * (predictions.Size / predictions.Shape[0]));
            }
        }
        return output is null ? Tensor.Zeros(0) : new Tensor(output, shape!);
    }

    /// <summary>Switches the model to training or evaluation mode (dropout on or off) until disposed, then back to what it was.</summary>
    private static ModeRestorer InMode(Module model, bool training)
    {
        var restorer = new ModeRestorer(model, model.IsTraining);
        if (training) model.Train();
        else model.Eval();
        return restorer;
    }

    private readonly struct ModeRestorer(Module model, bool wasTraining) : IDisposable
    {
        public void Dispose()
        {
            if (wasTraining) model.Train();
            else model.Eval();
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
        _ = Batches.Create(x, y, 1); // checks that x and y have the same rows
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
