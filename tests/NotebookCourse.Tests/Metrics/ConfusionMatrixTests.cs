using NotebookCourse.Metrics;

namespace NotebookCourse.Tests.Metrics;

/// <summary>A small example worked out by hand in the comments.</summary>
public class ConfusionMatrixTests
{
    //   sample:     0  1  2  3  4  5  6  7  8  9
    //   true:       0  0  0  1  1  2  2  2  2  0
    //   predicted:  0  1  0  1  1  2  0  2  2  0
    //
    //   rows = true, columns = predicted:
    //            0  1  2
    //      0  [  3  1  0 ]   support 4
    //      1  [  0  2  0 ]   support 2
    //      2  [  1  0  3 ]   support 4
    //
    //   precision: 0 → 3/4, 1 → 2/3, 2 → 3/3       recall: 0 → 3/4, 1 → 2/2, 2 → 3/4
    //   F1: 0 → 0.75, 1 → 2·(2/3)·1/(5/3) = 0.8, 2 → 2·1·0.75/1.75 = 6/7;   accuracy 8/10
    private static readonly int[] Truth = [0, 0, 0, 1, 1, 2, 2, 2, 2, 0];
    private static readonly int[] Predicted = [0, 1, 0, 1, 1, 2, 0, 2, 2, 0];

    private static ConfusionMatrix Example() => ConfusionMatrix.From(Predicted, Truth, ["setosa", "versicolor", "virginica"]);

    [Fact]
    public void Counts_have_true_classes_as_rows()
    {
        Assert.Equal(new int[,] { { 3, 1, 0 }, { 0, 2, 0 }, { 1, 0, 3 } }, Example().Counts);
        Assert.Equal(10, Example().Total);
        Assert.Equal(0.8, Example().Accuracy, 12);
    }

    [Fact]
    public void Precision_recall_and_f1_match_the_hand_computation()
    {
        var cm = Example();
        Assert.Equal([0.75, 2 / 3.0, 1.0], [cm.Precision(0), cm.Precision(1), cm.Precision(2)]);
        Assert.Equal([0.75, 1.0, 0.75], [cm.Recall(0), cm.Recall(1), cm.Recall(2)]);
        Assert.Equal(0.75, cm.F1(0), 12);
        Assert.Equal(0.8, cm.F1(1), 12);
        Assert.Equal(6 / 7.0, cm.F1(2), 12);
        Assert.Equal((0.75 + 0.8 + 6 / 7.0) / 3, cm.MacroF1, 12);
        Assert.Equal([4, 2, 4], [cm.Support(0), cm.Support(1), cm.Support(2)]);
    }

    [Fact]
    public void A_class_never_predicted_has_precision_zero_not_nan()
    {
        var cm = ConfusionMatrix.From([0, 0], [0, 1]);
        Assert.Equal(0.0, cm.Precision(1));
        Assert.Equal(0.0, cm.F1(1));
    }

    [Fact]
    public void Classification_report_lists_every_class_and_the_averages()
    {
        var lines = Example().ClassificationReport().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("precision", lines[0]);
        Assert.Equal(["setosa", "0.75", "0.75", "0.75", "4"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["versicolor", "0.67", "1.00", "0.80", "2"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["virginica", "1.00", "0.75", "0.86", "4"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["accuracy", "0.80", "10"], lines[4].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // macro precision (0.75 + 0.667 + 1) / 3 = 0.806; weighted recall = accuracy = 0.80.
        Assert.Equal(["macro", "avg", "0.81", "0.83", "0.80", "10"], lines[5].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("0.80", lines[6].Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
    }

    [Fact]
    public void ToString_shows_the_counts_under_the_class_names()
    {
        var text = Example().ToString();
        Assert.Contains("virginica", text);
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["setosa", "3", "1", "0"], rows[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void From_tensors_reads_argmax_and_one_hot()
    {
        var scores = Tensor.FromArray(new float[,] { { 0.9f, 0.1f }, { 0.2f, 0.8f }, { 0.6f, 0.4f } });
        var y = Tensor.FromArray(new float[,] { { 1, 0 }, { 0, 1 }, { 0, 1 } });
        Assert.Equal(new int[,] { { 1, 0 }, { 1, 1 } }, ConfusionMatrix.From(scores, y).Counts);
    }

    [Fact]
    public void From_tensors_of_class_indices_counts_every_class()
    {
        var cm = ConfusionMatrix.From(Tensor.FromArray(Predicted.Select(v => (float)v).ToArray()), Tensor.FromArray(Truth.Select(v => (float)v).ToArray()));
        Assert.Equal(Example().Counts, cm.Counts);
    }

    [Fact]
    public void Out_of_range_classes_name_the_sample()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0, 5], [0, 1], ["a", "b"]));
        Assert.Contains("sample 1", error.Message);
        Assert.Throws<ArgumentException>(() => ConfusionMatrix.From([0], [0, 1]));
    }
}
