using NotebookCourse.Losses;
using NotebookCourse.Tests.Support;

namespace NotebookCourse.Tests.Losses;

/// <summary>Reference figures, stability at extreme inputs, names and input checks.</summary>
public class LossValueTests
{
    [Fact]
    public void Cross_entropy_reference_figure_is_minus_log_0_2()
    {
        // COURSE.md section 02: y = [0,1,0,0], ŷ = [0.3,0.2,0.1,0.4] gives −log 0.2 ≈ 1.609.
        var y = Tensor.FromArray(new float[,] { { 0, 1, 0, 0 } });
        var yHat = Tensor.FromArray(new float[,] { { 0.3f, 0.2f, 0.1f, 0.4f } });
        Assert.Equal(-Math.Log(0.2), Loss.CrossEntropy(yHat, y).Item(), 5);
        Assert.Equal(-Math.Log(0.2), new CategoricalCrossEntropy().Forward(yHat, y).Item(), 5);
        Assert.Equal(-Math.Log(0.2), new SparseCategoricalCrossEntropy().Forward(yHat, Tensor.FromArray(new float[] { 1 })).Item(), 5);
    }

    [Fact]
    public void Cross_entropy_from_logits_is_finite_at_plus_minus_1000()
    {
        var logits = Tensor.FromArray(new float[,] { { 1000, -1000, 0 }, { 1000, -1000, 0 } }, requiresGrad: true);
        var y = Tensor.FromArray(new float[,] { { 1, 0, 0 }, { 0, 1, 0 } });
        var loss = new CategoricalCrossEntropy(fromLogits: true).Forward(logits, y);
        // Row 1 is right with certainty (loss 0); row 2 scores its class 2000 below the winner (loss 2000).
        Assert.Equal(1000.0, loss.Item(), 3);
        loss.Backward();
        // Gradient (softmax − y) / batch with softmax = [1, 0, 0] in both rows.
        float[] expected = [0, 0, 0, 0.5f, -0.5f, 0];
        for (var i = 0; i < 6; i++) Assert.Equal(expected[i], logits.Grad!.Data[i], 6);
    }

    [Fact]
    public void Softmax_cross_entropy_gradient_is_softmax_minus_y_over_batch()
    {
        var z = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 0.5f, -1, 2 } }, requiresGrad: true);
        var y = Tensor.FromArray(new float[,] { { 0, 0, 1 }, { 1, 0, 0 } });
        new CategoricalCrossEntropy(fromLogits: true).Forward(z, y).Backward();
        for (var r = 0; r < 2; r++)
        {
            var exps = Enumerable.Range(0, 3).Select(c => Math.Exp(z[r, c])).ToArray();
            for (var c = 0; c < 3; c++) Assert.Equal((exps[c] / exps.Sum() - y[r, c]) / 2, z.Grad![r, c], 6);
        }
    }

    [Fact]
    public void Binary_cross_entropy_from_logits_is_finite_for_large_scores()
    {
        var z = Tensor.FromArray(new float[] { 100, -100, 1000 }, requiresGrad: true);
        var y = Tensor.FromArray(new float[] { 0, 1, 1 });
        var loss = new BinaryCrossEntropy(fromLogits: true).Forward(z, y);
        Assert.Equal((100 + 100 + 0) / 3.0, loss.Item(), 3);
        loss.Backward();
        Assert.All(z.Grad!.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1 / 3.0, z.Grad!.Data[0], 5);
    }

    [Fact]
    public void Binary_cross_entropy_clips_probabilities_like_keras()
    {
        var p = Tensor.FromArray(new float[] { 0f, 1f });
        var y = Tensor.FromArray(new float[] { 1f, 0f });
        // Both are certain and wrong; clipped to [1e-7, 1 − 1e-7] (in float32) each costs about −log(1e-7) ≈ 16.1.
        var low = (double)1e-7f;
        var high = (double)(1f - 1e-7f);
        var expected = (-Math.Log(low) - Math.Log(1 - high)) / 2;
        GradientCheck.AssertClose(expected, new BinaryCrossEntropy().Forward(p, y).Item(), 1e-5, "clipped loss");
        Assert.InRange(expected, 15.9, 16.2);
    }

    [Fact]
    public void Binary_cross_entropy_on_sigmoid_equals_from_logits()
    {
        var z = Tensor.FromArray(new float[] { -2, -0.3f, 0.7f, 3 });
        var y = Tensor.FromArray(new float[] { 0, 1, 1, 0 });
        Assert.Equal(new BinaryCrossEntropy(true).Forward(z, y).Item(), new BinaryCrossEntropy().Forward(z.Sigmoid(), y).Item(), 5);
    }

    [Fact]
    public void Sparse_targets_give_the_same_loss_as_one_hot()
    {
        var z = Tensor.RandomNormal([6, 4], random: new Random(3));
        var labels = new float[] { 0, 3, 1, 1, 2, 0 };
        var oneHot = new float[24];
        for (var r = 0; r < 6; r++) oneHot[r * 4 + (int)labels[r]] = 1;
        var sparse = new SparseCategoricalCrossEntropy(true).Forward(z, new Tensor(labels, [6, 1])).Item();
        var dense = new CategoricalCrossEntropy(true).Forward(z, new Tensor(oneHot, [6, 4])).Item();
        Assert.Equal(dense, sparse, 6);
    }

    [Fact]
    public void Mse_accepts_a_vector_of_targets_for_a_column_of_predictions()
    {
        var p = Tensor.FromArray(new float[,] { { 1 }, { 2 }, { 4 } });
        Assert.Equal((1 + 0 + 4) / 3.0, Loss.Mse(p, Tensor.FromArray(new float[] { 0, 2, 2 })).Item(), 6);
    }

    [Fact]
    public void Pytorch_cross_entropy_accepts_indices_or_probability_rows()
    {
        var z = Tensor.FromArray(new float[,] { { 2, 1, 0 }, { 0, 0, 3 } });
        var expected = (Math.Log(Math.Exp(2) + Math.Exp(1) + 1) - 2 + Math.Log(2 + Math.Exp(3)) - 3) / 2;
        Assert.Equal(expected, new CrossEntropyLoss().Forward(z, Tensor.FromArray(new float[] { 0, 2 })).Item(), 5);
        Assert.Equal(expected, new CrossEntropyLoss().Forward(z, Tensor.FromArray(new float[,] { { 1, 0, 0 }, { 0, 0, 1 } })).Item(), 5);
        Assert.IsType<CrossEntropyLoss>(Loss.FromName("cross_entropy"));
    }

    [Theory]
    [InlineData("mse", typeof(MeanSquaredError))]
    [InlineData("mean_squared_error", typeof(MeanSquaredError))]
    [InlineData("binary_crossentropy", typeof(BinaryCrossEntropy))]
    [InlineData("categorical_crossentropy", typeof(CategoricalCrossEntropy))]
    [InlineData("Sparse_Categorical_Crossentropy", typeof(SparseCategoricalCrossEntropy))]
    [InlineData(" Mean-Squared Error", typeof(MeanSquaredError))]
    [InlineData("cross_entropy", typeof(CrossEntropyLoss))]
    public void Keras_names_resolve_to_losses_in_any_case_with_dashes_or_spaces(string name, Type expected)
    {
        var loss = Loss.FromName(name);
        Assert.IsType(expected, loss);
        Assert.Equal(loss.GetType(), Loss.FromName(loss.Name).GetType());
    }

    [Fact]
    public void An_unknown_loss_name_lists_each_losss_own_name_once()
    {
        var error = Assert.Throws<ArgumentException>(() => Loss.FromName("hinge"));
        Assert.Contains("categorical_crossentropy", error.Message);
        Assert.Contains("Known: binary_crossentropy, categorical_crossentropy, cross_entropy, mse, sparse_categorical_crossentropy.", error.Message);
    }

    [Fact]
    public void Shape_mismatch_names_both_shapes()
    {
        var error = Assert.Throws<ArgumentException>(() => new CategoricalCrossEntropy().Forward(Tensor.Ones(2, 3), Tensor.Ones(2, 4)));
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[2, 4]", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Categorical_cross_entropy_of_single_numbers_asks_for_batch_and_classes(bool fromLogits)
    {
        var error = Assert.Throws<ArgumentException>(() => new CategoricalCrossEntropy(fromLogits).Forward(Tensor.Scalar(0.5f), Tensor.Scalar(1f)));
        Assert.Contains("[batch, classes]", error.Message);
    }

    [Fact]
    public void Sparse_label_out_of_range_names_the_row()
    {
        var error = Assert.Throws<ArgumentException>(() => new SparseCategoricalCrossEntropy().Forward(Tensor.Ones(2, 3), Tensor.FromArray(new float[] { 0, 3 })));
        Assert.Contains("target 1", error.Message);
    }

    [Fact]
    public void L2_penalty_of_a_model_skips_biases()
    {
        var layer = new NotebookCourse.Layers.Dense(2, inputSize: 2, biasInit: NotebookCourse.Layers.Init.Normal, random: new Random(1));
        var expected = 0.1 * layer.Weight!.Data.Sum(v => (double)v * v);
        GradientCheck.AssertClose(expected, new L2Penalty(0.1f).Compute(layer).Item(), 1e-6, "penalty");
    }
}
