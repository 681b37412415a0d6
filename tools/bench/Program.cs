// The speed benchmark: MNIST (60,000 x 784), batch 100, Adam, our library against TorchSharp-cpu on
// the same data in the same run, plus the machine's limits and the handouts' 100-epoch experiment.
// Usage: dotnet run -c Release --project tools/bench [-- --epochs N] [--no-torch] [--no-experiment]
using System.Diagnostics;
using System.Runtime.Intrinsics;
using NotebookCourse.Bench;
using NotebookCourse.Kernels;

if (args.Contains("--kernels"))
{
    KernelTimes.Print();
    return;
}

var epochs = ArgValue("--epochs", 3);
var withTorch = !args.Contains("--no-torch");
var withExperiment = !args.Contains("--no-experiment");

Console.WriteLine($"# NotebookCourse benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, Vector512 {(Vector512.IsHardwareAccelerated ? "yes" : "no")}, " +
    $"matmul kernel {MatMulKernel.InstructionSet}; median of {epochs} epochs after one warm-up epoch");
Console.WriteLine();

var limits = MachineLimits.Measure();
Console.WriteLine("| machine limit | 1 core | all cores |");
Console.WriteLine("|---|---:|---:|");
Console.WriteLine($"| streaming read (GB/s) | {limits.ReadGBs1:F1} | {limits.ReadGBsAll:F1} |");
Console.WriteLine($"| FMA throughput (GFLOP/s) | {limits.Gflops1:F0} | {limits.GflopsAll:F0} |");
Console.WriteLine();

var data = Mnist.Load();
const long Images = 60_000;
var rows = new List<string>();
foreach (var (name, hidden, dropout) in new[] { ("softmax regression", Array.Empty<int>(), 0f), ("MLP 784-64-32-10, dropout 0.5", new[] { 64, 32 }, 0.5f) })
{
    var ours = new Ours(data, hidden, dropout, adam: true, learningRate: 1e-3f, batch: 100, seed: 1);
    using var torch = withTorch ? new Torch(data, hidden, dropout, adam: true, learningRate: 1e-3f, batch: 100, seed: 1) : null;
    // Epochs alternate between the two libraries, so both see the same machine load.
    var (oursRun, torchRun) = TimeInterleaved(epochs, ours.Epoch, torch is null ? null : torch.Epoch);
    var (oursTime, oursLoss, oursBytes) = oursRun;
    var (torchTime, torchLoss, _) = torchRun;
    var oursAccuracy = ours.Accuracy(data.TestX, data.TestY);
    var torchAccuracy = torch?.Accuracy(data.TestX, data.TestY) ?? double.NaN;
    // The least time an epoch could take: read every image once, or do every multiply-add at peak.
    int[] sizes = [784, .. hidden, 10];
    double flops = 0;
    for (var l = 0; l + 1 < sizes.Length; l++) flops += 2.0 * Images * sizes[l] * sizes[l + 1] * (l == 0 ? 2 : 3);
    var limit = Math.Max(Images * 784 * 4 / (limits.ReadGBsAll * 1e9), flops / (limits.GflopsAll * 1e9));
    rows.Add($"| {name} | {oursTime:F3} | {torchTime:F3} | {oursTime / torchTime:F2} | {limit * 1000:F1} ms | {oursTime / limit:F1}x | " +
        $"{oursBytes / 1e6:F2} MB ({oursBytes / ours.BatchesPerEpoch / 1e3:F1} KB/batch) | {oursLoss:F4} / {torchLoss:F4} | {oursAccuracy:F4} / {torchAccuracy:F4} |");
}
Console.WriteLine("| MNIST, batch 100, Adam 1e-3 | ours s/epoch | TorchSharp s/epoch | ratio | machine limit | ours / limit | ours allocated per epoch | loss ours / torch | test acc ours / torch |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var row in rows) Console.WriteLine(row);
Console.WriteLine();

if (withExperiment)
{
    // The handouts' Keras experiment: Dense(10, softmax), SGD (Keras' default lr 0.01), batch 2048, 100 epochs.
    var watch = Stopwatch.StartNew();
    var model = new Ours(data, [], 0f, adam: false, learningRate: 0.01f, batch: 2048, seed: 1);
    double loss = 0;
    for (var e = 0; e < 100; e++) loss = model.Epoch();
    var accuracy = model.Accuracy(data.TestX, data.TestY);
    Console.WriteLine("| softmax, SGD 0.01, batch 2048, 100 epochs | wall time | final loss | test accuracy (handout: 0.8927) |");
    Console.WriteLine("|---|---:|---:|---:|");
    Console.WriteLine($"| ours | {watch.Elapsed.TotalSeconds:F2} s | {loss:F4} | {accuracy:F4} |");
}

int ArgValue(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) ? v : fallback;
}

// One warm-up epoch each, then `count` epochs of each in turn: median time, last loss, median bytes allocated.
static ((double Seconds, double Loss, double Bytes) A, (double Seconds, double Loss, double Bytes) B) TimeInterleaved(int count, Func<double> a, Func<double>? b)
{
    var runA = new Run();
    var runB = new Run();
    a();
    b?.Invoke();
    for (var e = 0; e < count; e++)
    {
        runA.Measure(a);
        if (b is not null) runB.Measure(b);
    }
    return (runA.Result(), b is null ? (double.NaN, double.NaN, double.NaN) : runB.Result());
}

/// <summary>Times and allocation counts of repeated epochs.</summary>
internal sealed class Run
{
    private readonly List<double> _times = [], _bytes = [];
    private double _loss;

    /// <summary>Runs one epoch, recording its time and allocated bytes.</summary>
    public void Measure(Func<double> epoch)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        _loss = epoch();
        _times.Add(watch.Elapsed.TotalSeconds);
        _bytes.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>Median seconds, last loss, median bytes.</summary>
    public (double Seconds, double Loss, double Bytes) Result()
    {
        _times.Sort();
        _bytes.Sort();
        return (_times[_times.Count / 2], _loss, _bytes[_bytes.Count / 2]);
    }
}
