using NotebookCourse.Data;

namespace NotebookCourse.Tests.Data;

public sealed class SplitAndBatchTests
{
    private static (Tensor X, Tensor Y) Numbered(int n, int classes)
    {
        // row i holds [i, 10 * i]; its class is i % classes
        var x = Tensor.FromArray(Enumerable.Range(0, n).SelectMany(i => new float[] { i, 10 * i }).ToArray()).Reshape(n, 2);
        var y = Tensor.FromArray(Enumerable.Range(0, n).Select(i => (float)(i % classes)).ToArray());
        return (x, y);
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        var (x, y) = Numbered(100, 3);
        var a = TrainTestSplit.Create(x, y, 0.2, seed: 7);
        var b = TrainTestSplit.Create(x, y, 0.2, seed: 7);
        var c = TrainTestSplit.Create(x, y, 0.2, seed: 8);
        Assert.Equal(a.TestIndices, b.TestIndices);
        Assert.Equal(a.XTrain.Data, b.XTrain.Data);
        Assert.NotEqual(a.TestIndices, c.TestIndices);
    }

    [Fact]
    public void Split_keeps_rows_and_targets_together_and_loses_none()
    {
        var (x, y) = Numbered(101, 3);
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Create(x, y, 0.25, seed: 1);
        Assert.Equal(26, xTest.Shape[0]); // ceil(0.25 * 101), as scikit-learn
        Assert.Equal(75, xTrain.Shape[0]);
        var seen = new List<int>();
        foreach (var (xs, ys) in new[] { (xTrain, yTrain), (xTest, yTest) })
        {
            for (var r = 0; r < xs.Shape[0]; r++)
            {
                var i = (int)xs[r, 0];
                Assert.Equal(10f * i, xs[r, 1]);
                Assert.Equal(i % 3, (int)ys[r]);
                seen.Add(i);
            }
        }
        Assert.Equal(Enumerable.Range(0, 101), seen.Order());
    }

    [Fact]
    public void Stratified_split_keeps_each_class_share()
    {
        // 60 of class 0, 30 of class 1, 15 of class 2 (105 rows), one-hot targets
        int[] labels = [.. Enumerable.Repeat(0, 60), .. Enumerable.Repeat(1, 30), .. Enumerable.Repeat(2, 15)];
        var x = Tensor.FromArray(labels.Select(l => (float)l).ToArray()).Reshape(105, 1);
        var split = TrainTestSplit.Create(x, OneHot.Encode(labels, 3), 0.2, seed: 3, stratify: true);
        var testClasses = OneHot.Decode(split.YTest);
        Assert.Equal(21, testClasses.Length); // ceil(0.2 * 105)
        Assert.Equal(12, testClasses.Count(c => c == 0));
        Assert.Equal(6, testClasses.Count(c => c == 1));
        Assert.Equal(3, testClasses.Count(c => c == 2));
    }

    [Fact]
    public void Split_refuses_mismatched_rows_and_bad_fractions()
    {
        var (x, y) = Numbered(10, 2);
        Assert.Throws<ArgumentException>(() => TrainTestSplit.Create(x, y.Slice(0, 9), 0.2, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Create(x, y, 1.0, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Create(x, y, 0, seed: 1));
    }
}
