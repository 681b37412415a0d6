using System.Text.Json;
using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Optimizers;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

public class CallbackTests
{
    /// <summary>Records the running loss after every batch.</summary>
    private sealed class BatchRecorder : Callback
    {
        private int _epoch;
        public List<(int Epoch, int Batch, double Loss)> Records { get; } = [];
        public override void OnEpochBegin(int epoch) => _epoch = epoch + 1;
        public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) => Records.Add((_epoch, batch + 1, logs["loss"]));
    }

    /// <summary>Un-normalised prices (COURSE.md section 04) with a target in the same range.</summary>
    private static (Tensor X, Tensor Y) Prices()
    {
        var x = Tensor.FromArray(new float[,]
        {
            { 828.66f, 833.45f, 908100, 828.35f }, { 823.02f, 828.07f, 1828100, 821.66f },
            { 819.93f, 824.4f, 1438100, 818.98f }, { 816, 820.96f, 1008100, 815.49f },
            { 819.36f, 823, 1188100, 818.47f }, { 819, 823, 1198100, 816 },
            { 811.7f, 815.25f, 1098100, 809.78f }, { 809.51f, 816.66f, 1398100, 804.54f },
        });
        var y = Tensor.FromArray(new float[,] { { 831.66f }, { 828.07f }, { 821.66f }, { 819.24f }, { 821.5f }, { 819 }, { 814.25f }, { 807 } });
        return (x, y);
    }

    [Fact]
    public void StopOnNaN_stops_in_the_first_batch_whose_loss_is_not_finite_and_names_it()
    {
        var (x, y) = Prices();
        var model = new Sequential(new Dense(1, inputSize: 4, random: new Random(1)));
        model.Compile(new SGD(1e-5f), "mse");
        var recorder = new BatchRecorder();
        var stop = new StopOnNaN { Print = false };

        var history = model.Fit(x, y, batchSize: 2, epochs: 50, shuffle: false, verbose: 0, callbacks: [recorder, stop]);

        var firstBad = recorder.Records.First(r => !double.IsFinite(r.Loss));
        Assert.True(recorder.Records.Take(recorder.Records.Count - 1).All(r => double.IsFinite(r.Loss)));
        Assert.Equal(recorder.Records[^1], firstBad);
        Assert.Equal((firstBad.Epoch, firstBad.Batch), (stop.Epoch!.Value, stop.Batch!.Value));
        Assert.Equal(firstBad.Epoch, history.Epochs);
        var note = Assert.Single(history.Notes);
        Assert.Contains($"epoch {firstBad.Epoch}/50, batch {firstBad.Batch}/4", note);
    }

    [Fact]
    public void Fit_without_StopOnNaN_notes_where_the_loss_broke()
    {
        var (x, y) = Prices();
        var model = new Sequential(new Dense(1, inputSize: 4, random: new Random(1)));
        model.Compile(new SGD(1e-5f), "mse");

        var history = model.Fit(x, y, batchSize: 2, epochs: 20, shuffle: false, verbose: 0);

        Assert.Equal(20, history.Epochs);
        var note = Assert.Single(history.Notes);
        Assert.Matches(@"The loss became (NaN|∞|Infinity|-?Infinity) in epoch \d+/20, batch \d/4", note);
    }

    /// <summary>Keeps a copy of the weights after each epoch.</summary>
    private sealed class WeightRecorder : Callback
    {
        public List<float[][]> AfterEpoch { get; } = [];
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
            => AfterEpoch.Add([.. Model!.Parameters().Select(p => p.ToArray())]);
    }

    [Fact]
    public void EarlyStopping_stops_after_patience_epochs_without_improvement_and_restores_the_best_weights()
    {
        // validation labels are the training labels flipped, so val_loss gets worse as training succeeds
        var flipped = Tensor.FromArray(new float[,] { { 1 }, { 1 }, { 1 }, { 0 }, { 0 }, { 0 } });
        var model = new Sequential(new Dense(1, "sigmoid", inputSize: 1, random: new Random(1)));
        model.Compile(new SGD(0.5f), "binary_crossentropy");
        var weights = new WeightRecorder();
        var early = new EarlyStopping("val_loss", patience: 2, restoreBestWeights: true);

        var history = model.Fit(ToyData.BinaryX, ToyData.BinaryY, batchSize: 6, epochs: 50, validationData: (ToyData.BinaryX, flipped),
            verbose: 0, callbacks: [weights, early]);

        var val = history["val_loss"];
        var best = Enumerable.Range(0, val.Count).MinBy(i => val[i]);
        Assert.Equal(best + 1, early.BestEpoch);
        Assert.Equal(best + 3, history.Epochs);
        Assert.Equal(history.Epochs, early.StoppedEpoch);
        Assert.Equal(weights.AfterEpoch[best], model.Parameters().Select(p => p.ToArray()));
        Assert.Equal(val[best], model.Evaluate(ToyData.BinaryX, flipped).Loss, 6);
        Assert.Contains("EarlyStopping", Assert.Single(history.Notes));
    }

    [Fact]
    public void EarlyStopping_on_a_missing_key_explains_how_to_get_it()
    {
        var model = new Sequential(new Dense(1, "sigmoid", inputSize: 1));
        model.Compile("sgd", "binary_crossentropy");

        var error = Assert.Throws<InvalidOperationException>(() =>
            model.Fit(ToyData.BinaryX, ToyData.BinaryY, epochs: 3, verbose: 0, callbacks: [new EarlyStopping()]));

        Assert.Contains("validationData", error.Message);
    }

    [Fact]
    public void EarlyStopping_watches_accuracy_upwards()
        => Assert.True(new EarlyStopping("val_accuracy").HigherIsBetter);

    private static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}{extension}");

    /// <summary>Reads the log file at every epoch end (as another program would) and keeps what it saw.</summary>
    private sealed class FileWatcher(string path) : Callback
    {
        public List<string> Seen { get; } = [];
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => Seen.Add(File.ReadAllText(path));
    }

    private static (Sequential Model, Tensor X, Tensor Y) SmallProblem()
    {
        var model = new Sequential(new Dense(3, "softmax", inputSize: 4, random: new Random(2)));
        model.Compile(new SGD(0.1f), "categorical_crossentropy", ["accuracy"]);
        return (model, ToyData.SoftmaxX, ToyData.SoftmaxY);
    }

    [Fact]
    public void HistoryLogger_writes_a_csv_row_per_epoch_as_training_goes()
    {
        var path = TempFile(".csv");
        var (model, x, y) = SmallProblem();
        var watcher = new FileWatcher(path);
        try
        {
            var history = model.Fit(x, y, batchSize: 4, epochs: 3, validationData: (x, y), verbose: 0, callbacks: [new HistoryLogger(path), watcher]);

            var lines = File.ReadAllLines(path);
            Assert.Equal("epoch,loss,accuracy,val_loss,val_accuracy", lines[0]);
            Assert.Equal(4, lines.Length);
            for (var e = 0; e < 3; e++)
            {
                var cells = lines[e + 1].Split(',').Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                Assert.Equal(e + 1, cells[0]);
                Assert.Equal(history["loss"][e], cells[1]);
                Assert.Equal(history["val_accuracy"][e], cells[4]);
            }
            // during training the file already held exactly the finished epochs, each row complete
            Assert.Equal([2, 3, 4], watcher.Seen.Select(t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length));
            Assert.All(watcher.Seen, t => Assert.EndsWith("\n", t));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HistoryLogger_writes_json_objects_that_read_back_into_a_history()
    {
        var path = TempFile(".json");
        var (model, x, y) = SmallProblem();
        try
        {
            var history = model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [new HistoryLogger(path)]);

            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var rows = json.RootElement.EnumerateArray().ToList();
            Assert.Equal(2, rows.Count);
            Assert.Equal(2, rows[1].GetProperty("epoch").GetInt32());
            Assert.Equal(history["accuracy"][1], rows[1].GetProperty("accuracy").GetDouble());
            Assert.Equal(history["loss"], HistoryLogger.Read(path)["loss"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HistoryLogger_can_append_to_an_earlier_run()
    {
        var path = TempFile(".csv");
        var (model, x, y) = SmallProblem();
        try
        {
            model.Fit(x, y, epochs: 2, verbose: 0, callbacks: [new HistoryLogger(path)]);
            model.Fit(x, y, epochs: 3, verbose: 0, callbacks: [new HistoryLogger(path, append: true)]);

            Assert.Equal(5, HistoryLogger.Read(path).Epochs);
            Assert.StartsWith("5,", File.ReadAllLines(path)[^1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HistoryLogger_needs_a_csv_or_json_extension()
    {
        var error = Assert.Throws<ArgumentException>(() => new HistoryLogger("log.txt"));
        Assert.Contains(".csv or .json", error.Message);
    }

    [Fact]
    public void HistoryLogger_Read_names_the_bad_line()
    {
        var path = TempFile(".csv");
        try
        {
            File.WriteAllText(path, "epoch,loss\n1,0.5\n2,oops\n");
            var error = Assert.Throws<FormatException>(() => HistoryLogger.Read(path));
            Assert.Contains("line 3", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A metric whose name needs quoting in CSV: a comma, quotes and a space.</summary>
    private sealed class OddlyNamed : NotebookCourse.Metrics.Metric
    {
        public override string Name => "f1, \"macro\"";

        public override double Compute(Tensor predictions, Tensor targets) => double.NaN;
    }

    [Fact]
    public void HistoryLogger_reads_back_its_own_quoted_column_names_and_non_finite_values()
    {
        var path = TempFile(".csv");
        var (model, x, y) = SmallProblem();
        model.Compile(new SGD(0.1f), "categorical_crossentropy", [new OddlyNamed()]);
        try
        {
            var history = model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [new HistoryLogger(path)]);

            Assert.Equal("epoch,loss,\"f1, \"\"macro\"\"\"", File.ReadAllLines(path)[0]);
            var read = HistoryLogger.Read(path);
            Assert.Equal(["loss", "f1, \"macro\""], read.Keys);
            Assert.Equal(history["loss"], read["loss"]);
            Assert.All(read["f1, \"macro\""], v => Assert.True(double.IsNaN(v)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LearningRateScheduler_sets_the_rate_of_each_epoch()
    {
        var (model, x, y) = SmallProblem();
        var scheduler = new LearningRateScheduler((epoch, lr) => epoch == 0 ? 0.5f : lr / 2);
        var seen = new List<float>();
        var probe = new LambdaCallback(onEpochEnd: (_, _) => seen.Add(model.Compiled().Optimizer.LearningRate));

        model.Fit(x, y, epochs: 4, verbose: 0, callbacks: [scheduler, probe]);

        Assert.Equal([0.5f, 0.25f, 0.125f, 0.0625f], seen);
        Assert.Equal(seen, scheduler.Rates);
    }

    [Fact]
    public void Callbacks_are_called_in_keras_order()
    {
        var (model, x, y) = SmallProblem();
        var calls = new List<string>();
        var spy = new LambdaCallback(
            onTrainBegin: () => calls.Add("train"),
            onEpochBegin: e => calls.Add($"epoch{e}"),
            onBatchEnd: (b, _) => calls.Add($"batch{b}"),
            onEpochEnd: (e, logs) => calls.Add($"end{e}:{string.Join(",", logs.Keys)}"),
            onTrainEnd: h => calls.Add($"done{h.Epochs}"));

        model.Fit(x, y, batchSize: 5, epochs: 2, verbose: 0, callbacks: [spy]);

        Assert.Equal(["train", "epoch0", "batch0", "batch1", "end0:loss,accuracy", "epoch1", "batch0", "batch1", "end1:loss,accuracy", "done2"], calls);
    }
}
