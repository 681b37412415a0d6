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

    /// <summary>Rows of <paramref name="width"/> values, row i all the number i, which is also its target.</summary>
    private static (Tensor X, Tensor Y) RowsOfTheirTarget(int rows, int width)
        => (new Tensor([.. Enumerable.Range(0, rows).SelectMany(i => Enumerable.Repeat((float)i, width))], [rows, width]),
            Tensor.FromArray([.. Enumerable.Range(0, rows).Select(i => (float)i)]));

    /// <summary>Every row of the batch holds its target, in every value.</summary>
    private static void RowsMatchTargets(Tensor xb, Tensor yb)
    {
        var width = xb.Shape[1];
        for (var r = 0; r < xb.Shape[0]; r++) Assert.All(xb.Data.AsSpan(r * width, width).ToArray(), v => Assert.Equal(yb[r], v));
    }

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
    public void Batches_hold_their_own_rows_epoch_after_epoch_and_a_passed_batch_is_unreadable()
    {
        // 160 rows of 512 values in batches of 32: 5 batches per epoch, each row all one number, its target.
        const int Rows = 160;
        var (x, y) = RowsOfTheirTarget(Rows, 512);
        var batches = Batches.Create(x, y, batchSize: 32, seed: 5);

        for (var epoch = 0; epoch < 3; epoch++)
        {
            var seen = new List<float>();
            Tensor? previous = null;
            foreach (var (xb, yb) in batches)
            {
                if (previous is not null) Assert.Throws<ObjectDisposedException>(() => previous.Data);
                RowsMatchTargets(xb, yb);
                seen.AddRange(yb.ToArray());
                previous = xb;
            }
            Assert.Equal(Enumerable.Range(0, Rows).Select(i => (float)i), seen.Order());
        }
    }

    [Fact]
    public void Batches_copied_ahead_on_another_core_stay_right_when_loops_stop_early_or_interleave()
    {
        // Batches of 40 rows of 1,000 values (160 KB) are copied on another thread while the loop body runs.
        const int Rows = 200;
        var (x, y) = RowsOfTheirTarget(Rows, 1000);
        var batches = Batches.Create(x, y, batchSize: 40, seed: 3);

        for (var epoch = 0; epoch < 20; epoch++)
        {
            var stopAfter = epoch % 5; // stop after 0 … 4 batches (4: the whole epoch)
            var b = 0;
            foreach (var (xb, yb) in batches)
            {
                RowsMatchTargets(xb, yb);
                if (b++ == stopAfter) break;
            }
        }

        // Two loops over the same batches, a step each in turn: the second one's shuffle and copies leave the first one's batches alone.
        using var first = batches.GetEnumerator();
        using var second = batches.GetEnumerator();
        var seen = new List<float>();
        while (first.MoveNext() && second.MoveNext())
        {
            RowsMatchTargets(first.Current.X, first.Current.Y);
            RowsMatchTargets(second.Current.X, second.Current.Y);
            seen.AddRange(first.Current.Y.ToArray());
        }
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (float)i), seen.Order());
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

        // One Batches made before the epochs, as Fit makes its own: the same batches, so the same weights.
        var batches = Batches.Create(x, y, batchSize: 7, seed: 21);
        Assert.Equal(expected, TrainByHand(x, y, _ => batches));
        var random = new Random(21);
        var fromOneRandom = Batches.Create(x, y, 7, shuffle: true, random: random);
        Assert.Equal(expected, TrainByHand(x, y, _ => fromOneRandom));
        Assert.NotEqual(expected, TrainByHand(x, y, _ => Batches.Create(x, y, 7, seed: 22)));
    }

    [Fact]
    public void Each_epoch_shuffles_the_previous_order_with_Fisher_Yates_from_the_last_position()
    {
        // The order Fit has always used, so trainings with a seed keep their numbers.
        var (x, y) = Numbered(9);
        var batches = Batches.Create(x, y, batchSize: 9, seed: 3);
        var random = new Random(3);
        var order = Enumerable.Range(0, 9).ToArray();
        for (var epoch = 0; epoch < 3; epoch++)
        {
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            var (_, yb) = batches.First();
            Assert.Equal(order.Select(i => 2f * i), yb.ToArray());
        }
    }

    /// <summary>A weight [2, 1] that needs a gradient, for the loops below.</summary>
    private static Tensor Weight() => new([0.5f, -0.25f], [2, 1], requiresGrad: true);

    [Fact]
    public void A_loop_body_reuses_the_previous_batchs_memory_for_what_it_computes_with_gradients()
    {
        // 1,009 rows per batch: a length no other test's arrays have, since the pool is shared.
        var (x, y) = Numbered(3 * 1009);
        var w = Weight();
        var arrays = new List<float[][]>();
        foreach (var (xb, _) in Batches.Create(x, y, batchSize: 1009, shuffle: false))
        {
            var scores = xb.MatMul(w);
            scores.Sum().Backward();
            arrays.Add([scores.RawData!, scores.Grad!.RawData!]);
        }

        // The first batch's result and its gradient went back to the pool and the next batch borrowed them.
        Assert.Equal(arrays[0].ToHashSet(ReferenceEqualityComparer.Instance), arrays[1].ToHashSet(ReferenceEqualityComparer.Instance));
        Assert.Equal(arrays[1].ToHashSet(ReferenceEqualityComparer.Instance), arrays[2].ToHashSet(ReferenceEqualityComparer.Instance));
        Assert.Null(TensorScope.Current);
    }

    [Fact]
    public void A_result_kept_past_its_batch_throws_but_the_last_batchs_results_stay_readable_after_the_loop()
    {
        var (x, y) = Numbered(8);
        var w = Weight();
        var losses = new List<Tensor>();
        foreach (var (xb, yb) in Batches.Create(x, y, batchSize: 4, shuffle: false))
        {
            var loss = (xb.MatMul(w).Reshape(-1) - yb).Pow(2).Mean();
            loss.Backward();
            losses.Add(loss);
        }

        var error = Assert.Throws<ObjectDisposedException>(() => losses[0].Item());
        Assert.Contains("loop over the batches has moved on", error.Message);
        Assert.Contains("loss.Item()", error.Message);
        // Rows 4..7 of x are [i, 10i] and y is 2i: the last loss is the mean of (0.5i - 2.5i - 2i)² = (4i)².
        var expected = new[] { 4, 5, 6, 7 }.Average(i => 16.0 * i * i);
        Assert.Equal(expected, losses[1].Item(), 3);
        Assert.NotNull(w.Grad);
    }

    [Fact]
    public void What_a_loop_body_computes_without_gradients_is_never_reclaimed()
    {
        var (x, y) = Numbered(8);
        var w = Weight();
        var predictions = new List<Tensor>();
        foreach (var (xb, yb) in Batches.Create(x, y, batchSize: 4, shuffle: false))
        {
            xb.MatMul(w).Sum().Backward();
            using (Tensor.NoGrad())
            {
                predictions.Add(xb.MatMul(w));
                w = w - 0.001f * w.Grad!; // a parameter update written as a new tensor
            }
            w.RequiresGrad = true;
        }

        Assert.Equal(4, predictions[0].Size);
        Assert.False(predictions[0].IsDisposed);
        Assert.False(w.IsDisposed);
        Assert.Equal(2, w.ToArray().Length);
    }

    [Fact]
    public void Leaving_a_loop_early_or_interleaving_two_loops_leaves_no_scope_open()
    {
        var (x, y) = Numbered(12);
        var w = Weight();
        foreach (var (xb, _) in Batches.Create(x, y, batchSize: 4, shuffle: false))
        {
            xb.MatMul(w).Sum().Backward();
            break;
        }
        Assert.Null(TensorScope.Current);

        var a = Batches.Create(x, y, batchSize: 2, shuffle: false);
        var b = Batches.Create(x, y, batchSize: 2, shuffle: false);
        var sums = new List<float>();
        foreach (var (first, second) in a.Zip(b))
        {
            var total = first.X.MatMul(w).Sum() + second.X.MatMul(w).Sum();
            total.Backward();
            sums.Add(total.Item());
        }
        Assert.Equal(6, sums.Count);
        Assert.Null(TensorScope.Current);
    }

    private static Tensor ToyXs()
    {
        var rng = new Random(4);
        return new Tensor(Enumerable.Range(0, 120).Select(_ => (float)rng.NextDouble()).ToArray(), [30, 4]);
    }
}
