using NotebookCourse.Metrics;

namespace NotebookCourse.Tests.Metrics;

/// <summary>Accuracy on one-hot, sparse and binary targets, counted by hand.</summary>
public class AccuracyTests
{
    private static readonly Tensor Scores = Tensor.FromArray(new float[,]
    {
        { 0.1f, 0.7f, 0.2f },   // predicts 1
        { 0.5f, 0.3f, 0.2f },   // predicts 0
        { 0.2f, 0.2f, 0.6f },   // predicts 2
        { 0.3f, 0.4f, 0.3f },   // predicts 1
    });

    [Fact]
    public void Accuracy_against_one_hot_rows_compares_argmaxes()
    {
        var y = Tensor.FromArray(new float[,] { { 0, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 1, 0, 0 } });
        Assert.Equal(0.5, new Accuracy().Compute(Scores, y)); // rows 0 and 2 are right
    }

    [Fact]
    public void Accuracy_against_class_indices_reads_them_as_labels()
    {
        Assert.Equal(0.75, new Accuracy().Compute(Scores, Tensor.FromArray(new float[] { 1, 0, 2, 0 })));
        Assert.Equal(0.75, new Accuracy().Compute(Scores, new Tensor([1f, 0f, 2f, 0f], [4, 1])));
    }

    [Fact]
    public void Accuracy_of_a_single_output_column_thresholds_at_one_half()
    {
        var p = Tensor.FromArray(new float[,] { { 0.9f }, { 0.4f }, { 0.6f }, { 0.2f } });
        var y = Tensor.FromArray(new float[,] { { 1 }, { 1 }, { 0 }, { 0 } });
        Assert.Equal(0.5, new Accuracy().Compute(p, y));
        Assert.Equal(0.5, new BinaryAccuracy().Compute(p, y));
    }

    [Fact]
    public void Accuracy_of_argmax_indices_compares_classes_not_thresholds()
    {
        var predicted = Scores.ArgMax(1);                                   // [1, 0, 2, 1]
        Assert.Equal(0.75, new Accuracy().Compute(predicted, Tensor.FromArray(new float[] { 1, 0, 2, 2 })));
        Assert.Equal(0.25, new Accuracy().Compute(predicted, Tensor.FromArray(new float[] { 1, 1, 1, 0 })));
    }

    [Fact]
    public void Binary_accuracy_uses_its_threshold()
    {
        var p = Tensor.FromArray(new float[] { 0.3f, 0.5f, 0.7f });
        var y = Tensor.FromArray(new float[] { 1, 0, 1 });
        Assert.Equal(2 / 3.0, new BinaryAccuracy().Compute(p, y), 10);       // 0.5 is not above 0.5
        Assert.Equal(2 / 3.0, new BinaryAccuracy(0.25f).Compute(p, y), 10);  // now 0.5 counts as 1
        Assert.Equal(1 / 3.0, new BinaryAccuracy(0.8f).Compute(p, y), 10);
    }

    [Fact]
    public void Names_resolve_like_keras()
    {
        Assert.IsType<Accuracy>(Metric.FromName("accuracy"));
        Assert.IsType<Accuracy>(Metric.FromName("acc"));
        Assert.IsType<BinaryAccuracy>(Metric.FromName(" Binary_Accuracy"));
        Assert.Equal("sparse_categorical_accuracy", Metric.FromName("sparse_categorical_accuracy").Name);
        Assert.Equal("accuracy", Metric.FromName("acc").Name);
        var mse = Metric.FromName("mse");
        Assert.Equal("mse", mse.Name);
        Assert.Equal(2.5, mse.Compute(Tensor.FromArray(new float[] { 1, 3 }), Tensor.FromArray(new float[] { 0, 1 })), 6);
        var unknown = Assert.Throws<ArgumentException>(() => Metric.FromName("auc_roc"));
        Assert.Contains("Known: acc, accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, or a loss name such as mse.", unknown.Message);
    }

    [Fact]
    public void Mismatched_shapes_are_explained()
    {
        var error = Assert.Throws<ArgumentException>(() => new Accuracy().Compute(Scores, Tensor.Ones(3)));
        Assert.Contains("[4, 3]", error.Message);
        Assert.Contains("[3]", error.Message);
    }
}
