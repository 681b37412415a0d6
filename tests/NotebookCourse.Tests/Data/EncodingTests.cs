using NotebookCourse.Data;

namespace NotebookCourse.Tests.Data;

public sealed class EncodingTests
{
    [Fact]
    public void LabelEncoder_sorts_classes_like_scikit_learn_and_round_trips()
    {
        string[] labels = ["virginica", "setosa", "versicolor", "setosa", "virginica"];
        var encoder = new LabelEncoder();
        var codes = encoder.FitTransform(labels);
        Assert.Equal(["setosa", "versicolor", "virginica"], encoder.Classes);
        Assert.Equal([2, 0, 1, 0, 2], codes);
        Assert.Equal(labels, encoder.InverseTransform(codes));
    }

    [Fact]
    public void LabelEncoder_uses_ordinal_order_so_capitals_come_first()
    {
        // numpy.unique sorts by code point: "B" (66) before "a" (97)
        var encoder = new LabelEncoder().Fit(["a", "B", "c"]);
        Assert.Equal(["B", "a", "c"], encoder.Classes);
    }

    [Fact]
    public void LabelEncoder_refuses_unseen_labels_and_use_before_fit()
    {
        var encoder = new LabelEncoder();
        Assert.Throws<InvalidOperationException>(() => encoder.Transform(["x"]));
        encoder.Fit(["cat", "dog"]);
        var e = Assert.Throws<ArgumentException>(() => encoder.Transform(["dog", "bird"]));
        Assert.Contains("'bird'", e.Message);
        Assert.Contains("position 1", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.InverseTransform([2]));
    }

    [Fact]
    public void OneHot_of_label_5_has_a_single_one_at_position_5()
    {
        // COURSE.md section 05: train[0] = 5 -> [0 0 0 0 0 1 0 0 0 0]
        var encoded = OneHot.Encode([5, 0, 9], 10);
        Assert.Equal([3, 10], encoded.Shape);
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f], encoded.Row(0).ToArray());
        Assert.Equal(1f, encoded[1, 0]);
        Assert.Equal(1f, encoded[2, 9]);
        Assert.Equal(3f, encoded.Data.Sum());
    }

    [Fact]
    public void OneHot_infers_class_count_and_decodes_back()
    {
        int[] labels = [2, 0, 1, 2];
        var encoded = OneHot.Encode(Tensor.FromArray([2f, 0f, 1f, 2f]));
        Assert.Equal([4, 3], encoded.Shape);
        Assert.Equal(labels, OneHot.Decode(encoded));
    }

    [Fact]
    public void OneHot_rejects_labels_outside_the_classes_and_fractions()
    {
        Assert.Contains("position 1", Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([1, 10], 10)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([-1], 3));
        Assert.Throws<ArgumentException>(() => OneHot.Encode(Tensor.FromArray([0.5f])));
    }
}
