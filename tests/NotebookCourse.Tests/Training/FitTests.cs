using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Metrics;
using NotebookCourse.Optimizers;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

public class FitTests
{
    [Fact]
    public void Softmax_classifier_learns_the_8x4_toy_of_section_03()
    {
        var model = new Sequential(new Dense(3, "softmax", init: new RandomNormal(), biasInit: new RandomNormal(), inputSize: 4, random: new Random(3)));
        model.Compile(new SGD(0.1f), "categorical_crossentropy", ["accuracy"]);

        var history = model.Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 8, epochs: 2001, shuffle: false, verbose: 0);

        Assert.Equal(1.0, history.Last("accuracy"));
        Assert.Equal(ToyData.SoftmaxClasses, model.Predict(ToyData.SoftmaxX).ArgMax(1).ToIntArray());
        Assert.True(history.Last("loss") < history["loss"][0]);
        Assert.True(history.Last("loss") < 0.3, $"final loss {history.Last("loss")}");
    }

    [Fact]
    public void Logistic_regression_separates_the_pass_fail_toy_with_monotone_probabilities()
    {
        var model = new Sequential(new Dense(1, "sigmoid", inputSize: 1, random: new Random(1)));
        model.Compile(new SGD(0.1f), new BinaryCrossEntropy(), [new BinaryAccuracy()]);

        var history = model.Fit(ToyData.BinaryX, ToyData.BinaryY, epochs: 300, verbose: 0, seed: 0);

        var p = model.Predict(ToyData.BinaryX).ToArray();
        Assert.Equal(1.0, history.Last("binary_accuracy"));
        Assert.All(p[..3], v => Assert.True(v < 0.5));
        Assert.All(p[3..], v => Assert.True(v > 0.5));
        for (var i = 1; i < p.Length; i++) Assert.True(p[i] > p[i - 1], $"p[{i}] = {p[i]} is not above p[{i - 1}] = {p[i - 1]}");
    }

    private static History TrainWithSeeds(int initSeed, int shuffleSeed)
    {
        var model = new Sequential(
            new Dense(6, "relu", inputSize: 4, random: new Random(initSeed)), new Dropout(0.3f, seed: initSeed),
            new Dense(3, "softmax", random: new Random(initSeed + 1)));
        model.Compile(new Adam(0.01f), "categorical_crossentropy", ["accuracy"]);
        return model.Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 3, epochs: 5, seed: shuffleSeed, verbose: 0);
    }

    [Fact]
    public void Same_seeds_give_identical_histories()
    {
        var first = TrainWithSeeds(5, 11);
        var second = TrainWithSeeds(5, 11);
        var otherShuffle = TrainWithSeeds(5, 12);

        Assert.Equal(first.Keys, second.Keys);
        foreach (var key in first.Keys) Assert.Equal(first[key], second[key]);
        Assert.NotEqual(first["loss"], otherShuffle["loss"]);
    }

    [Fact]
    public void Validation_data_adds_val_keys_measured_after_the_epoch()
    {
        var model = new Sequential(new Dense(3, "softmax", inputSize: 4, random: new Random(2)));
        model.Compile("sgd", "categorical_crossentropy", ["accuracy"]);
        var xVal = ToyData.SoftmaxX.Slice(0, 4);
        var yVal = ToyData.SoftmaxY.Slice(0, 4);

        var history = model.Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, epochs: 3, validationData: (xVal, yVal), verbose: 0);

        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Keys);
        Assert.Equal(3, history.Epochs);
        var after = model.Evaluate(xVal, yVal);
        Assert.Equal(after.Loss, history.Last("val_loss"), 6);
        Assert.Equal(after["accuracy"], history.Last("val_accuracy"), 6);
    }

    [Fact]
    public void Validation_split_keeps_the_last_rows_out_of_training()
    {
        var model = new Sequential(new Dense(3, "softmax", inputSize: 4, random: new Random(2)));
        model.Compile(new SGD(0f), "categorical_crossentropy", ["accuracy"]);

        var history = model.Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, epochs: 1, validationSplit: 0.25f, verbose: 0);

        // learning rate 0: nothing changes, so the logged values are the untrained model's on each part
        Assert.Equal(model.Evaluate(ToyData.SoftmaxX.Slice(6, 2), ToyData.SoftmaxY.Slice(6, 2)).Loss, history.Last("val_loss"), 6);
        Assert.Equal(model.Evaluate(ToyData.SoftmaxX.Slice(0, 6), ToyData.SoftmaxY.Slice(0, 6)).Loss, history.Last("loss"), 5);
    }

    [Fact]
    public void Epoch_loss_is_the_mean_over_samples_even_with_an_uneven_last_batch()
    {
        var model = new Sequential(new Dense(3, "softmax", inputSize: 4, random: new Random(4)));
        model.Compile(new SGD(0f), "categorical_crossentropy", ["accuracy"]);
        var x = ToyData.SoftmaxX.Slice(0, 7);
        var y = ToyData.SoftmaxY.Slice(0, 7);

        var history = model.Fit(x, y, batchSize: 3, epochs: 1, verbose: 0, seed: 1);

        // independent: per-sample cross-entropy from the unchanged model, averaged by hand
        var p = model.Predict(x);
        var expected = 0.0;
        for (var i = 0; i < 7; i++) expected -= Math.Log(p[i, ToyData.SoftmaxClasses[i]]);
        Assert.Equal(expected / 7, history.Last("loss"), 5);
    }

    [Fact]
    public void A_callback_can_change_the_learning_rate_between_epochs()
    {
        var model = new Sequential(new Dense(3, "softmax", inputSize: 4, random: new Random(6)));
        model.Compile(new SGD(0.1f), "categorical_crossentropy");

        var history = model.Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 8, epochs: 4, shuffle: false, verbose: 0,
            callbacks: [new FreezeAfterFirstEpoch()]);

        Assert.Equal(0f, model.Compiled().Optimizer.LearningRate);
        Assert.NotEqual(history["loss"][0], history["loss"][1]);
        Assert.Equal(history["loss"][1], history["loss"][2]);
        Assert.Equal(history["loss"][2], history["loss"][3]);
    }

    private sealed class FreezeAfterFirstEpoch : Callback
    {
        public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) => Optimizer!.LearningRate = 0f;
    }

    [Fact]
    public void Predict_runs_in_evaluation_mode_in_batches_and_restores_the_mode()
    {
        var model = new Sequential(new Dense(5, "relu", inputSize: 4, random: new Random(8)), new Dropout(0.5f, seed: 1), new Dense(2, random: new Random(9)));
        var x = Tensor.RandomNormal([7, 4], random: new Random(10));

        var predicted = model.Predict(x, batchSize: 3);

        Assert.True(model.IsTraining);
        model.Eval();
        Tensor expected;
        using (Tensor.NoGrad()) expected = model.Forward(x);
        Assert.Equal([7, 2], predicted.Shape);
        Assert.Equal(expected.ToArray(), predicted.ToArray());
        Assert.False(predicted.RequiresGrad);
    }

    [Fact]
    public void Predict_rejects_a_batch_size_below_one_and_a_scalar_input_as_Batches_does()
    {
        var model = new Sequential(new Dense(2, inputSize: 4, random: new Random(8)));

        var size = Assert.Throws<ArgumentOutOfRangeException>(() => model.Predict(Tensor.Zeros(3, 4), batchSize: 0));
        var scalar = Assert.Throws<ArgumentException>(() => model.Predict(Tensor.Scalar(1f)));

        Assert.Equal("batchSize", size.ParamName);
        Assert.Contains("Batch size must be positive; got 0", size.Message);
        Assert.Equal("x", scalar.ParamName);
        Assert.Contains("one sample per row", scalar.Message);
    }

    [Fact]
    public void Evaluate_reports_loss_and_metrics_by_name()
    {
        var model = new Sequential(new Dense(3, "softmax", inputSize: 4, random: new Random(2)));
        model.Compile("adam", "categorical_crossentropy", ["accuracy"]);

        var result = model.Evaluate(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 3);

        var p = model.Predict(ToyData.SoftmaxX);
        var right = Enumerable.Range(0, 8).Count(i => p.Row(i).ArgMax(0).Item() == ToyData.SoftmaxClasses[i]);
        Assert.Equal(right / 8.0, result["accuracy"], 10);
        Assert.Equal(["loss", "accuracy"], result.Keys);
        Assert.StartsWith("loss: ", result.ToString());
    }

    [Fact]
    public void Compile_resolves_keras_names()
    {
        var model = new Sequential(new Dense(1, inputSize: 2));

        var setup = model.Compile("rmsprop", "mse", ["binary_accuracy"]);

        Assert.IsType<RMSprop>(setup.Optimizer);
        Assert.IsType<MeanSquaredError>(setup.Loss);
        Assert.IsType<BinaryAccuracy>(Assert.Single(setup.Metrics));
        Assert.Same(setup, model.Compiled());
    }

    [Fact]
    public void Compile_with_a_wrong_argument_says_what_is_accepted()
    {
        var model = new Sequential(new Dense(1, inputSize: 2));

        var error = Assert.Throws<ArgumentException>(() => model.Compile(0.01, "mse"));

        Assert.Contains("\"adam\"", error.Message);
    }

    [Fact]
    public void Fit_before_Compile_explains_what_to_do()
    {
        var model = new Sequential(new Dense(1, inputSize: 1));

        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(ToyData.BinaryX, ToyData.BinaryY, verbose: 0));

        Assert.Contains("Compile", error.Message);
    }

    [Fact]
    public void Mismatched_rows_are_reported_before_training()
    {
        var model = new Sequential(new Dense(1, inputSize: 1));
        model.Compile("sgd", "mse");

        var error = Assert.Throws<ArgumentException>(() => model.Fit(ToyData.BinaryX, ToyData.SoftmaxY, verbose: 0));

        Assert.Contains("6 samples", error.Message);
        Assert.Contains("[8, 3]", error.Message);
    }

    [Fact]
    public void A_lazily_sized_model_is_built_from_the_data()
    {
        var model = new Sequential(new Dense(4, "relu"), new Dense(3, "softmax"));
        model.Compile("adam", "categorical_crossentropy", ["accuracy"]);

        model.Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, epochs: 2, verbose: 0);

        Assert.Equal(4 * 4 + 4 + 4 * 3 + 3, model.ParameterCount);
    }

    /// <summary>A PyTorch-style module written by hand: y = x·w + b.</summary>
    private sealed class Line : Module
    {
        public Tensor W { get; } = Tensor.Zeros(1, 1);
        public Tensor B { get; } = Tensor.Zeros(1);

        public Line()
        {
            W.RequiresGrad = true;
            B.RequiresGrad = true;
        }

        public override Tensor Forward(Tensor input) => input.MatMul(W) + B;
    }

    [Fact]
    public void A_custom_module_trains_with_Fit()
    {
        var x = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 2 }, { 3 }, { 4 } });
        var y = Tensor.FromArray(new float[,] { { 1 }, { 2.9f }, { 5.1f }, { 7 }, { 9.2f } });
        var line = new Line();
        line.Compile(new SGD(0.05f), "mse");

        line.Fit(x, y, batchSize: 5, epochs: 2000, verbose: 0);

        // closed-form least squares for the same points: slope = cov(x, y) / var(x)
        double[] xs = [0, 1, 2, 3, 4], ys = [1, 2.9, 5.1, 7, 9.2];
        var slope = xs.Zip(ys, (a, b) => (a - xs.Average()) * (b - ys.Average())).Sum() / xs.Sum(a => Math.Pow(a - xs.Average(), 2));
        var intercept = ys.Average() - slope * xs.Average();
        Assert.Equal(slope, line.W.Item(), 3);
        Assert.Equal(intercept, line.B.Item(), 3);
    }

    /// <summary>Wraps a model and records the mode of every forward pass.</summary>
    private sealed class ModeSpy(Module inner) : Module
    {
        public Module Inner { get; } = inner;
        public List<bool> Modes { get; } = [];

        public override Tensor Forward(Tensor input)
        {
            Modes.Add(IsTraining);
            return Inner.Forward(input);
        }
    }

    [Fact]
    public void Batches_run_in_training_mode_and_validation_in_evaluation_mode()
    {
        var spy = new ModeSpy(new Sequential(new Dense(3, "softmax", inputSize: 4, random: new Random(2)), new Dropout(0.5f, seed: 3)));
        spy.Compile("sgd", "categorical_crossentropy");
        spy.Eval();

        spy.Fit(ToyData.SoftmaxX, ToyData.SoftmaxY, batchSize: 4, epochs: 2, validationData: (ToyData.SoftmaxX, ToyData.SoftmaxY), verbose: 0);

        // per epoch: two training batches, then two validation batches
        Assert.Equal([true, true, false, false, true, true, false, false], spy.Modes);
        Assert.False(spy.IsTraining);
    }
}
