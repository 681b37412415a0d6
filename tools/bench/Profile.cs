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
        Run("MLP, logits", data, new Sequential(new Dense(64, "relu", inputSize: 784), new Dropout(0.5f), new Dense(32, "relu"), new Dropout(0.5f), new Dense(10)),
            new CategoricalCrossEntropy(fromLogits: true));
    }

    private static void Op(string name, Func<Tensor> op)
    {
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

    private static void Run(string name, Mnist data, Sequential model, Loss lossFunction)
    {
        var x = new Tensor(data.TrainX.AsSpan(0, 100 * 784).ToArray(), [100, 784]);
        var y = new Tensor(Mnist.OneHot(data.TrainY[..100]), [100, 10]);
        var optimizer = new Adam(model.Parameters(), 1e-3f);
        var best = new double[5];
        Array.Fill(best, double.MaxValue);
        for (var i = 0; i < 3000; i++)
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
            for (var p = 0; p < 5; p++) best[p] = Math.Min(best[p], (t[p + 1] - t[p]) * 1e6 / Stopwatch.Frequency);
        }
        Console.WriteLine($"{name}: zero-grad {best[0]:F1} µs, forward {best[1]:F1}, loss {best[2]:F1}, backward {best[3]:F1}, step {best[4]:F1} (fastest of 3000 batches)");
    }
}
