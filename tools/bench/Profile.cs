using System.Diagnostics;
using NotebookCourse.Layers;
using NotebookCourse.Losses;
using NotebookCourse.Optimizers;

namespace NotebookCourse.Bench;

/// <summary>Where one training batch spends its time (run with --profile): fastest of many batches per phase.</summary>
internal static class Profile
{
    /// <summary>Prints µs per phase for the softmax regression and the MLP, batch 100.</summary>
    public static void Print(Mnist data)
    {
        var x = new Tensor(data.TrainX.AsSpan(0, 100 * 784).ToArray(), [100, 784]);
        var w = Tensor.RandomNormal([784, 64], std: 0.05f, requiresGrad: true);
        var b = Tensor.Zeros(64);
        b.RequiresGrad = true;
        var h = Tensor.RandomNormal([100, 64], requiresGrad: true);
        var dropout = new Dropout(0.5f);
        Op("Tensor.MatMul [100,784]x[784,64]", () => x.MatMul(w));
        Op("bias add [100,64]+[64]", () => h + b);
        Op("relu [100,64]", () => h.Relu());
        var hd = h.Detach();
        Op("bias add, no grad [100,64]+[64]", () => hd + b.Detach());
        var best = double.MaxValue;
        for (var i = 0; i < 3000; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            _ = h + b;
            best = Math.Min(best, (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency);
        }
        Console.WriteLine($"bias add outside a scope: {best:F1} µs");
        var all = new Tensor(data.TrainX, [data.TrainCount, 784]);
        var random = new Random(3);
        var order = Enumerable.Range(0, data.TrainCount).OrderBy(_ => random.Next()).ToArray();
        var batchStart = 0;
        Op("gather 100 random rows of 784", () =>
        {
            batchStart = (batchStart + 100) % (data.TrainCount - 100);
            return all.Rows(new ArraySegment<int>(order, batchStart, 100));
        });
        BatchesEpoch(all, 100);
        var src = new float[6400];
        var dst = new float[6400];
        Time("TensorPrimitives.Max 6400", () => System.Numerics.Tensors.TensorPrimitives.Max(src, 0f, dst));
        Time("TensorPrimitives.Add 64 x100", () =>
        {
            for (var r = 0; r < 100; r++) System.Numerics.Tensors.TensorPrimitives.Add(src.AsSpan(r * 64, 64), dst.AsSpan(0, 64), dst.AsSpan(r * 64, 64));
        });
        Time("AllocateUninitializedArray 6400", () => GC.KeepAlive(GC.AllocateUninitializedArray<float>(6400)));
        Time("new Tensor", () => GC.KeepAlive(new Tensor(dst, [100, 64])));
        Time("IsGradEnabled", () => GC.KeepAlive(Tensor.IsGradEnabled));
        Op("dropout [100,64]", () => dropout.Forward(h));
        Op("softmax [640,10]", () => h.Reshape(640, 10).Softmax());
        var mask = new float[6400];
        Op("FillDropoutMask 6400", () =>
        {
            NotebookCourse.Kernels.ElementwiseKernels.FillDropoutMask(mask, 0.5f, 12345);
            return h;
        });
        Op("mask multiply [100,64]", () => h * new Tensor(mask, [100, 64]));
        Op("Generator.NextInt64", () =>
        {
            Tensor.Generator.NextInt64();
            return h;
        });
        Run("softmax regression, Keras-style", data, new Sequential(new Dense(10, "softmax", inputSize: 784)), new CategoricalCrossEntropy());
        Run("softmax regression, Keras-style, batch 2048, SGD", data, new Sequential(new Dense(10, "softmax", inputSize: 784)), new CategoricalCrossEntropy(), batch: 2048, sgd: true);
        BatchesEpoch(all, 2048);
        RealEpoch(data, batch: 100, sgd: false);
        RealEpoch(data, batch: 2048, sgd: true);
        Run("MLP, logits", data, new Sequential(new Dense(64, "relu", inputSize: 784), new Dropout(0.5f), new Dense(32, "relu"), new Dropout(0.5f), new Dense(10)),
            new CategoricalCrossEntropy(fromLogits: true));
    }

    /// <summary>
    /// µs per batch of a shuffled epoch of <see cref="NotebookCourse.Data.Batches"/> with an empty loop body: the
    /// copying alone, with both threads taking parts. The batches are made once, so their memory is reused
    /// as in training.
    /// </summary>
    private static void BatchesEpoch(Tensor images, int batch)
    {
        var batches = NotebookCourse.Data.Batches.Create(images, new Tensor(new float[images.Shape[0]], [images.Shape[0]]), batch, seed: 3);
        Time($"Batches: one shuffled epoch of {batches.PerEpoch} batches of {batch}, per batch", () =>
        {
            foreach (var _ in batches) { }
        }, divideBy: batches.PerEpoch, repeats: 20);
    }

    /// <summary>The handouts' SGD (learning rate 0.01) or Adam (0.001) over the model's parameters.</summary>
    private static Optimizer OptimizerFor(Sequential model, bool sgd) =>
        sgd ? new SGD(model.Parameters(), 0.01f) : new Adam(model.Parameters(), 1e-3f);

    /// <summary>
    /// µs per phase of a real shuffled epoch of the softmax regression (Adam, or SGD as in the handouts' 100-epoch run), batches from
    /// <see cref="NotebookCourse.Data.Batches"/> as a learner's loop gets them: unlike the phases above, these
    /// include reading each batch from wherever the copy left it. Fastest of 12 epochs.
    /// </summary>
    private static void RealEpoch(Mnist data, int batch, bool sgd)
    {
        Tensor.ManualSeed(1);
        var x = new Tensor(data.TrainX, [data.TrainCount, 784]);
        var y = new Tensor(Mnist.OneHot(data.TrainY), [data.TrainCount, 10]);
        var batches = NotebookCourse.Data.Batches.Create(x, y, batch, seed: 1);
        var model = new Sequential(new Dense(10, "softmax", inputSize: 784));
        var criterion = new CategoricalCrossEntropy();
        var optimizer = OptimizerFor(model, sgd);
        double[]? fastest = null;
        for (var epoch = 0; epoch < 12; epoch++)
        {
            var ticks = new double[5]; // waiting for the batch, forward, loss, backward, step
            var t = Stopwatch.GetTimestamp();
            foreach (var (xb, yb) in batches)
            {
                long[] at = [t, Stopwatch.GetTimestamp(), 0, 0, 0, 0];
                optimizer.ZeroGrad();
                var predictions = model.Forward(xb);
                at[2] = Stopwatch.GetTimestamp();
                var loss = criterion.Forward(predictions, yb);
                at[3] = Stopwatch.GetTimestamp();
                loss.Backward();
                at[4] = Stopwatch.GetTimestamp();
                optimizer.Step();
                _ = loss.Item();
                at[5] = t = Stopwatch.GetTimestamp();
                for (var p = 0; p < 5; p++) ticks[p] += at[p + 1] - at[p];
            }
            var perBatch = ticks.Select(v => v * 1e6 / Stopwatch.Frequency / batches.PerEpoch).ToArray();
            if (fastest is null || perBatch.Sum() < fastest.Sum()) fastest = perBatch;
        }
        Console.WriteLine($"softmax regression, a real shuffled epoch of batches of {batch} ({(sgd ? "SGD" : "Adam")}, fastest of 12), µs per batch: next batch {fastest![0]:F1}, " +
            $"forward {fastest[1]:F1}, loss {fastest[2]:F1}, backward {fastest[3]:F1}, step {fastest[4]:F1}, total {fastest.Sum():F1}");
    }

    private static void Time(string name, Action action, int divideBy = 1, int repeats = 3000)
    {
        // Half a second of calls first, so the tiered JIT has optimised everything involved.
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 500;) action();
        var best = double.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            action();
            best = Math.Min(best, (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency / divideBy);
        }
        Console.WriteLine($"{name}: {best:F2} µs");
    }

    private static void Op(string name, Func<Tensor> op)
    {
        for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 500;)
        {
            using var scope = Tensor.Scope();
            op();
        }
        var best = double.MaxValue;
        for (var i = 0; i < 3000; i++)
        {
            using var scope = Tensor.Scope();
            var t0 = Stopwatch.GetTimestamp();
            op();
            best = Math.Min(best, (Stopwatch.GetTimestamp() - t0) * 1e6 / Stopwatch.Frequency);
        }
        Console.WriteLine($"{name}: {best:F1} µs");
    }

    private static void Run(string name, Mnist data, Sequential model, Loss lossFunction, int batch = 100, bool sgd = false)
    {
        var x = new Tensor(data.TrainX.AsSpan(0, batch * 784).ToArray(), [batch, 784]);
        var y = new Tensor(Mnist.OneHot(data.TrainY[..batch]), [batch, 10]);
        var optimizer = OptimizerFor(model, sgd);
        var best = new double[5];
        Array.Fill(best, double.MaxValue);
        var (warmUp, timed) = batch > 1000 ? (1000, 300) : (10000, 3000);
        for (var i = 0; i < warmUp + timed; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            using var scope = Tensor.Scope();
            optimizer.ZeroGrad();
            var t1 = Stopwatch.GetTimestamp();
            var predictions = model.Forward(x);
            var t2 = Stopwatch.GetTimestamp();
            var loss = lossFunction.Forward(predictions, y);
            _ = loss.Item();
            var t3 = Stopwatch.GetTimestamp();
            loss.Backward();
            var t4 = Stopwatch.GetTimestamp();
            optimizer.Step();
            var t5 = Stopwatch.GetTimestamp();
            long[] t = [t0, t1, t2, t3, t4, t5];
            if (i < warmUp) continue; // the first batches warm up the tiered JIT
            for (var p = 0; p < 5; p++) best[p] = Math.Min(best[p], (t[p + 1] - t[p]) * 1e6 / Stopwatch.Frequency);
        }
        Console.WriteLine($"{name}: zero-grad {best[0]:F1} µs, forward {best[1]:F1}, loss {best[2]:F1}, backward {best[3]:F1}, step {best[4]:F1} (fastest of {timed} batches after {warmUp} warm-up batches)");
    }
}
