namespace NotebookCourse.Tests.Kernels;

/// <summary>Pooled memory for intermediate results: what is reused, what is never touched, and safety.</summary>
public class TensorScopeTests
{
    [Fact]
    public void Intermediate_results_are_disposed_when_the_scope_ends_and_reading_them_throws()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 3 });
        Tensor y;
        using (Tensor.Scope())
        {
            y = (x * 2f).Relu();
            Assert.Equal(new float[] { 2, 4, 6 }, y.Data);
        }

        Assert.True(y.IsDisposed);
        var error = Assert.Throws<ObjectDisposedException>(() => y.Data);
        Assert.Contains("Tensor.Scope", error.Message);
        Assert.Contains("disposed", y.ToString());
    }

    [Fact]
    public void Inputs_parameters_and_their_gradients_survive_the_scope()
    {
        var x = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        var w = Tensor.FromArray(new float[,] { { 0.5f, -1 }, { 2, 0.25f } }, requiresGrad: true);
        var mine = new float[] { 7, 8 };
        Tensor madeInside;
        using (Tensor.Scope())
        {
            var loss = x.MatMul(w).Sum();
            loss.Backward();
            madeInside = new Tensor(mine, [2]);
        }

        Assert.False(x.IsDisposed);
        Assert.False(w.IsDisposed);
        Assert.False(w.Grad!.IsDisposed);
        Assert.False(madeInside.IsDisposed);
        // d(sum(XW))/dW[i, j] = sum over rows of X[:, i]: 1+3 and 2+4.
        Assert.Equal(new float[] { 4, 4, 6, 6 }, w.Grad.Data);
    }

    [Fact]
    public void A_reshaped_view_of_a_scoped_result_is_disposed_with_it_but_a_view_of_an_outside_tensor_is_not()
    {
        var outside = Tensor.FromArray(new float[] { 1, 2, 3, 4 });
        Tensor insideView, outsideView;
        using (Tensor.Scope())
        {
            insideView = (outside + 1f).Reshape(2, 2);
            outsideView = outside.Reshape(2, 2);
        }

        Assert.True(insideView.IsDisposed);
        Assert.False(outsideView.IsDisposed);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, outsideView.Data);
    }

    [Fact]
    public void Keep_saves_a_result_and_its_views_from_the_pool()
    {
        var x = Tensor.FromArray(new float[] { 1, -2, 3 });
        Tensor kept, view;
        using (var scope = Tensor.Scope())
        {
            kept = scope.Keep(x.Abs());
            view = kept.Reshape(3, 1);
        }

        Assert.Equal(new float[] { 1, 2, 3 }, kept.Data);
        Assert.Equal(new float[] { 1, 2, 3 }, view.Data);
    }

    [Fact]
    public void A_loss_computed_inside_a_scope_cannot_be_backpropagated_after_it()
    {
        var w = Tensor.FromArray(new float[] { 1, 2 }, requiresGrad: true);
        Tensor loss;
        using (Tensor.Scope())
        {
            // The loss's own one value is an ordinary array, but its backward step uses pooled ones.
            loss = (w * w).Sum();
        }

        Assert.True(loss.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => loss.Backward());
        Assert.Null(w.Grad);
    }

    [Fact]
    public void A_kept_graph_result_becomes_a_plain_tensor_with_its_values()
    {
        var w = Tensor.FromArray(new float[] { 1, 2 }, requiresGrad: true);
        Tensor kept;
        using (var scope = Tensor.Scope())
        {
            kept = scope.Keep(w * 3f);
        }

        Assert.Equal(new float[] { 3, 6 }, kept.Data);
        Assert.True(kept.IsLeaf);
        Assert.False(kept.RequiresGrad);
    }

    [Fact]
    public void An_inner_scope_returns_only_what_it_lent()
    {
        var x = Tensor.FromArray(new float[] { 1, 2 });
        using var outer = Tensor.Scope();
        var a = x * 3f;
        Tensor b;
        using (Tensor.Scope())
        {
            b = a + 1f;
        }

        Assert.True(b.IsDisposed);
        Assert.False(a.IsDisposed);
        Assert.Equal(new float[] { 3, 6 }, a.Data);
    }

    [Fact]
    public void Training_inside_scopes_gives_the_same_parameters_as_training_without()
    {
        var free = Train(useScope: false);
        var scoped = Train(useScope: true);

        Assert.Equal(free, scoped);
    }

    [Fact]
    public void After_the_first_batch_a_scope_reuses_its_arrays_instead_of_allocating()
    {
        var x = Tensor.RandomNormal([100, 784], random: new Random(1));
        var w = Tensor.RandomNormal([784, 64], std: 0.05f, random: new Random(2), requiresGrad: true);
        var b = Tensor.Zeros(64);
        b.RequiresGrad = true;
        void Batch()
        {
            using var scope = Tensor.Scope();
            var loss = (x.MatMul(w) + b).Relu().LogSoftmax(1).Mean();
            w.ZeroGrad();
            b.ZeroGrad();
            loss.Backward();
        }
        Batch();
        Batch();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++) Batch();
        var perBatch = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;

        // One [100, 64] activation alone is 25.6 KB and there are several per batch; what remains
        // is bookkeeping (graph nodes, closures), a few KB.
        Assert.True(perBatch < 16_000, $"{perBatch} bytes allocated per batch");
    }

    private static float[] Train(bool useScope)
    {
        var random = new Random(5);
        var x = Tensor.RandomNormal([20, 6], random: random);
        var target = Tensor.RandomNormal([20, 3], random: random);
        var w1 = Tensor.RandomNormal([6, 8], std: 0.3f, random: random, requiresGrad: true);
        var w2 = Tensor.RandomNormal([8, 3], std: 0.3f, random: random, requiresGrad: true);
        for (var step = 0; step < 5; step++)
        {
            var scope = useScope ? Tensor.Scope() : null;
            var loss = (x.MatMul(w1).Tanh().MatMul(w2) - target).Square().Mean();
            w1.ZeroGrad();
            w2.ZeroGrad();
            loss.Backward();
            foreach (var w in new[] { w1, w2 })
            {
                for (var i = 0; i < w.Size; i++) w.Data[i] -= 0.1f * w.Grad!.Data[i];
            }
            scope?.Dispose();
        }
        return [.. w1.Data, .. w2.Data];
    }
}
