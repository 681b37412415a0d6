using NotebookCourse.Layers;
using NotebookCourse.Optimizers;
using NotebookCourse.Serialization;
using NotebookCourse.Training;
using static NotebookCourse.Tests.Serialization.ModelFileTestData;

namespace NotebookCourse.Tests.Serialization;

/// <summary>
/// Training resumed from a saved model computes exactly what uninterrupted training computes: the
/// reference is the same training run without the save and load in the middle.
/// </summary>
public sealed class ModelFileResumeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("modelfile-resume-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Optimizer MakeOptimizer(string name) => name switch
    {
        "adam" => new Adam(0.01f),
        "sgd" => new SGD(0.05f, momentum: 0.9f),
        "rmsprop" => new RMSprop(0.005f),
        _ => throw new ArgumentException(name),
    };

    private static Sequential Compiled(string optimizer)
    {
        var model = CreateModel();
        model.Compile(MakeOptimizer(optimizer), "categorical_crossentropy", ["accuracy"]);
        return model;
    }

    /// <summary>One Fit call per epoch with the epoch's own shuffle seed, so a resumed run sees the same batches.</summary>
    private static List<double> TrainEpochs(Module model, int from, int to)
    {
        var (x, y) = Blobs();
        var losses = new List<double>();
        for (var epoch = from; epoch < to; epoch++) losses.Add(model.Fit(x, y, batchSize: 16, epochs: 1, seed: 100 + epoch, verbose: 0)["loss"][0]);
        return losses;
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("sgd")]
    [InlineData("rmsprop")]
    public void Training_resumed_from_a_saved_model_continues_the_same_loss_curve(string optimizer)
    {
        var straight = Compiled(optimizer);
        var uninterrupted = TrainEpochs(straight, 0, 6);

        var first = Compiled(optimizer);
        var before = TrainEpochs(first, 0, 3);
        var path = Path.Combine(_folder, "resume.safetensors");
        first.Save(path);
        var resumed = Sequential.Load(path); // a new object: nothing is shared with `first`
        var after = TrainEpochs(resumed, 3, 6);

        Assert.Equal(uninterrupted, [.. before, .. after]);
        Assert.Equal(Bits(straight), Bits(resumed));
        Assert.Equal(straight.Compiled().Optimizer.Steps, resumed.Compiled().Optimizer.Steps);
        Assert.True(uninterrupted[5] < uninterrupted[2], "the loss should still be falling in epochs 4-6, so the comparison means something");
    }

    [Fact]
    public void The_notebook_workflow_fit_save_load_fit_matches_one_long_fit_without_shuffling()
    {
        var (x, y) = Blobs();
        var straight = Compiled("adam");
        var uninterrupted = straight.Fit(x, y, batchSize: 16, epochs: 6, shuffle: false, verbose: 0)["loss"];

        var first = Compiled("adam");
        var before = first.Fit(x, y, batchSize: 16, epochs: 3, shuffle: false, verbose: 0)["loss"];
        var path = Path.Combine(_folder, "softmax_model.safetensors");
        first.Save(path);
        var after = Sequential.Load(path).Fit(x, y, batchSize: 16, epochs: 3, shuffle: false, verbose: 0)["loss"];

        Assert.Equal(uninterrupted, [.. before, .. after]);
    }

    [Fact]
    public void Without_the_optimizer_state_the_resumed_curve_differs()
    {
        // The control for the tests above: Adam restarted from step 0 with empty moments (what a
        // weights-only checkpoint gives) does NOT reproduce the curve, so those tests can fail.
        var straight = Compiled("adam");
        var uninterrupted = TrainEpochs(straight, 0, 6);

        var first = Compiled("adam");
        TrainEpochs(first, 0, 3);
        var path = Path.Combine(_folder, "weights.safetensors");
        first.SaveWeights(path);
        var restarted = Compiled("adam");
        restarted.LoadWeights(path);
        var after = TrainEpochs(restarted, 3, 6);

        Assert.NotEqual(uninterrupted[3], after[0]);
    }
}
