using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Optimizers;

namespace NotebookCourse.Tests.Optimizers;

/// <summary>The pieces together in the PyTorch-style loop of the course: a model, a loss, an optimizer.</summary>
public class TrainingLoopTests
{
    [Fact]
    public void Xor_mlp_learns_all_four_points_with_adam()
    {
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var random = new Random(1);
        var model = new Sequential(new Dense(8, "tanh", inputSize: 2, random: random), new Dense(1, random: random));
        var loss = new BinaryCrossEntropy(fromLogits: true);
        var optimizer = new Adam(model.Parameters(), 0.05f);
        for (var epoch = 0; epoch < 500; epoch++)
        {
            optimizer.ZeroGrad();
            loss.Forward(model.Call(x), y).Backward();
            optimizer.Step();
        }
        using (Tensor.NoGrad())
        {
            var predicted = model.Call(x).Sigmoid();
            Assert.Equal(1.0, new NotebookCourse.Metrics.BinaryAccuracy().Compute(predicted, y));
            var final = loss.Forward(model.Call(x), y).Item();
            Assert.True(final < 0.1f, $"final loss {final}");
        }
    }

    [Fact]
    public void Optimizers_bound_later_train_like_bound_at_construction()
    {
        float[] Train(Func<Sequential, Optimizer> make)
        {
            var model = new Sequential(new Dense(3, "relu", inputSize: 2, random: new Random(4)), new Dense(2, random: new Random(5)));
            var optimizer = make(model);
            var x = Tensor.FromArray(new float[,] { { 1, 2 }, { -1, 0.5f } });
            var y = Tensor.FromArray(new float[] { 0, 1 });
            for (var i = 0; i < 5; i++)
            {
                optimizer.ZeroGrad();
                new SparseCategoricalCrossEntropy(true).Forward(model.Call(x), y).Backward();
                optimizer.Step();
            }
            return model.Parameters().SelectMany(p => p.Data).ToArray();
        }
        var bound = Train(m => new RMSprop(m.Parameters(), 0.01f));
        var later = Train(m =>
        {
            var o = new RMSprop(0.01f);
            o.Bind(m.Parameters());
            return o;
        });
        Assert.Equal(bound, later);
    }
}
