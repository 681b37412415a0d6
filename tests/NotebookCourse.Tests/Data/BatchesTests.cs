using NotebookCourse.Data;
using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Optimizers;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Data;

public class BatchesTests
{
    /// <summary>Row i of x is [i, 10·i]; y is 2·i.</summary>
    private static (Tensor X, Tensor Y) Numbered(int n)
        => (Tensor.FromArray(Enumerable.Range(0, n).SelectMany(i => new float[] { i, 10 * i }).ToArray()).Reshape(n, 2),
            Tensor.FromArray(Enumerable.Range(0, n).Select(i => 2f * i).ToArray()));

    private static List<float[]> Epoch(Batches batches) => batches.Select(b => b.X.ToArray()).ToList();

    [Fact]
    public void A_shuffled_epoch_visits_every_row_once_with_its_target_and_a_smaller_last_batch()
    {
        var (x, y) = Numbered(10);
        var batches = Batches.Create(x, y, batchSize: 4, seed: 1);

        var sizes = new List<int>();
        var seen = new List<float>();
        foreach (var (xb, yb) in batches)
        {
            sizes.Add(xb.Shape[0]);
            for (var r = 0; r < xb.Shape[0]; r++)
            {
                Assert.Equal(10 * xb[r, 0], xb[r, 1]);
                Assert.Equal(2 * xb[r, 0], yb[r]);
                seen.Add(xb[r, 0]);
            }
        }

        Assert.Equal([4, 4, 2], sizes);
        Assert.Equal(3, batches.PerEpoch);
        Assert.Equal(3, Batches.Count(10, 4));
        Assert.Equal(10, batches.Samples);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), seen.Order());
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => (float)i), seen);
    }

    [Fact]
    public void Each_epoch_has_a_new_order_and_the_same_seed_repeats_the_sequence_of_orders()
    {
        var (x, y) = Numbered(12);
        var a = Batches.Create(x, y, 5, seed: 9);
        var b = Batches.Create(x, y, 5, seed: 9);

        var first = Epoch(a).SelectMany(r => r).ToArray();
        var second = Epoch(a).SelectMany(r => r).ToArray();

        Assert.NotEqual(first, second);
        Assert.Equal(first, Epoch(b).SelectMany(r => r).ToArray());
        Assert.Equal(second, Epoch(b).SelectMany(r => r).ToArray());
    }

    [Fact]
    public void Without_shuffling_batches_are_consecutive_rows_of_any_rank()
    {
        var x = Tensor.Arange(24).Reshape(6, 2, 2);
        var batches = Batches.Create(x, Tensor.Arange(6), batchSize: 4, shuffle: false);

        var second = batches.ElementAt(1).X;

        Assert.Equal([2, 2, 2], second.Shape);
        Assert.Equal(x.Slice(4, 2).ToArray(), second.ToArray());
    }

    [Fact]
    public void Reading_a_batch_after_the_loop_moved_on_throws_instead_of_showing_the_next_batch()
    {
        var (x, y) = Numbered(8);
        var kept = new List<Tensor>();
        foreach (var (xb, _) in Batches.Create(x, y, batchSize: 4, shuffle: false)) kept.Add(xb);

        var error = Assert.Throws<ObjectDisposedException>(() => kept[0].Data);
        Assert.Contains("mini-batch", error.Message);
        Assert.Contains("ToArray()", error.Message);
        Assert.Equal([4, 40, 5, 50, 6, 60, 7, 70], kept[1].ToArray());
    }

    [Fact]
    public void Mismatched_rows_and_a_bad_batch_size_are_reported()
    {
        var (x, _) = Numbered(5);
        var rows = Assert.Throws<ArgumentException>(() => Batches.Create(x, Tensor.Zeros(4), 2));
        Assert.Contains("same number of rows", rows.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Batches.Create(x, Tensor.Zeros(5), 0));
    }

    private static Sequential Model() => new(
        new Dense(5, "tanh", inputSize: 4, random: new Random(2)), new Dense(3, "softmax", random: new Random(3)));

    /// <summary>Trains <see cref="Model"/> by hand for 4 epochs, taking each epoch's batches from <paramref name="epochBatches"/>.</summary>
    private static float[] TrainByHand(Tensor x, Tensor y, Func<int, Batches> epochBatches)
    {
        var model = Model();
        var optimizer = new SGD(model.Parameters(), 0.1f);
        var loss = new CategoricalCrossEntropy();
        for (var epoch = 0; epoch < 4; epoch++)
        {
            foreach (var (xb, yb) in epochBatches(epoch))
            {
                optimizer.ZeroGrad();
                loss.Forward(model.Forward(xb), yb).Backward();
                optimizer.Step();
            }
        }
        return [.. model.Parameters().SelectMany(p => p.Data)];
    }

    [Fact]
    public void A_hand_written_loop_with_Fits_seed_trains_on_Fits_batches_to_the_same_weights()
    {
        var x = ToyXs();
        var y = Training.ToyData.OneHot([.. Enumerable.Range(0, 30).Select(i => i % 3)], 3);

        var fitted = Model();
        fitted.Compile(new SGD(0.1f), new CategoricalCrossEntropy());
        fitted.Fit(x, y, batchSize: 7, epochs: 4, seed: 21, verbose: 0);
        var expected = fitted.Parameters().SelectMany(p => p.Data).ToArray();

        // One Batches for all epochs, or a new one each epoch drawing from one Random: the same batches.
        var batches = Batches.Create(x, y, batchSize: 7, seed: 21);
        Assert.Equal(expected, TrainByHand(x, y, _ => batches));
        var random = new Random(21);
        Assert.Equal(expected, TrainByHand(x, y, _ => Batches.Create(x, y, 7, shuffle: true, random: random)));
        Assert.NotEqual(expected, TrainByHand(x, y, _ => Batches.Create(x, y, 7, seed: 22)));
    }

    private static Tensor ToyXs()
    {
        var rng = new Random(4);
        return new Tensor(Enumerable.Range(0, 120).Select(_ => (float)rng.NextDouble()).ToArray(), [30, 4]);
    }
}
