using NotebookCourse.Training;

namespace NotebookCourse.Tests.Training;

public class MiniBatchesTests
{
    [Fact]
    public void A_shuffled_epoch_visits_every_row_once_with_a_smaller_last_batch()
    {
        var x = Tensor.Arange(10).Reshape(10, 1);
        var batches = new MiniBatches(x, x * 2, batchSize: 4);
        batches.Shuffle(new Random(1));

        var seen = new List<float>();
        var sizes = new List<int>();
        for (var b = 0; b < batches.Count; b++)
        {
            var (xb, yb) = batches[b];
            sizes.Add(xb.Shape[0]);
            seen.AddRange(xb.Data);
            Assert.Equal(xb.Data.Select(v => v * 2), yb!.Data);
        }

        Assert.Equal([4, 4, 2], sizes);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), seen.Order());
        Assert.NotEqual(Enumerable.Range(0, 10).Select(i => (float)i), seen);
    }

    [Fact]
    public void Without_shuffling_batches_are_consecutive_rows_of_any_rank()
    {
        var x = Tensor.Arange(24).Reshape(6, 2, 2);
        var batches = new MiniBatches(x, null, batchSize: 4);

        var (second, _) = batches[1];

        Assert.Equal([2, 2, 2], second.Shape);
        Assert.Equal(x.Slice(4, 2).ToArray(), second.ToArray());
    }
}
