// The speed benchmark: MNIST (60,000 x 784), batch 100, Adam, our library against TorchSharp-cpu on
// the same data in the same run, plus the machine's limits and the handouts' 100-epoch experiment.
// Usage: tools/bench/run.sh [--epochs N] [--no-torch] [--no-experiment | --only-experiment] [--experiment-runs N] [--kernels] [--profile]
using System.Diagnostics;
using System.Runtime.Intrinsics;
using NotebookCourse.Bench;
using NotebookCourse.Kernels;
using NotebookCourse.Optimizers;

if (args.Contains("--kernels"))
{
    KernelTimes.Print();
    return;
}

if (args.Contains("--profile"))
{
    Profile.Print(Mnist.Load());
    return;
}

var epochs = ArgValue("--epochs", 3);
var withTorch = !args.Contains("--no-torch");
var withExperiment = !args.Contains("--no-experiment");

Console.WriteLine($"# NotebookCourse benchmark ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()})");
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
var models = args.Contains("--only-experiment") ? [] : new[] { ("softmax regression", Array.Empty<int>(), 0f), ("MLP 784-64-32-10, dropout 0.5", new[] { 64, 32 }, 0.5f) };
foreach (var (name, hidden, dropout) in models)
{
    var fit = new OursFit(data, hidden, dropout, new Adam(1e-3f), batch: 100, seed: 1);
    var raw = new OursRaw(data, hidden, dropout, batch: 100, seed: 1);
    var module = new OursModule(data, hidden, dropout, batch: 100, seed: 1);
    using var torch = withTorch ? new Torch(data, hidden, dropout, adam: true, learningRate: 1e-3f, batch: 100, seed: 1) : null;
    // Epochs alternate between the contestants, so all see the same machine load.
    var runs = TimeInterleaved(epochs, fit.Epoch, raw.Epoch, module.Epoch, torch is null ? null : torch.Epoch);
    var fitTime = runs[0].Seconds;
    var torchTime = runs[3].Seconds;
    // The least time an epoch could take: read every image once, or do every multiply-add at peak
    // (forward and weight gradient for every layer, input gradient for all but the first).
    int[] sizes = [784, .. hidden, 10];
    double flops = 0;
    for (var l = 0; l + 1 < sizes.Length; l++) flops += 2.0 * Images * sizes[l] * sizes[l + 1] * (l == 0 ? 2 : 3);
    var limit = Math.Max(Images * 784 * 4 / (limits.ReadGBsAll * 1e9), flops / (limits.GflopsAll * 1e9));
    var accuracies = new[]
    {
        fit.Accuracy(data.TestX, data.TestY), raw.Accuracy(data.TestX, data.TestY), module.Accuracy(data.TestX, data.TestY),
        torch?.Accuracy(data.TestX, data.TestY) ?? double.NaN,
    };
    string[] who = ["ours, Fit", "ours, hand-written: raw tensors + autograd", "ours, hand-written: module + optimizer", "TorchSharp"];
    for (var i = 0; i < who.Length; i++)
    {
        var (seconds, loss, bytes, cpu) = runs[i];
        var allocated = i == 3 ? "(native)" : $"{bytes / 1e6:F2} MB ({bytes / fit.BatchesPerEpoch / 1e3:F1} KB/batch)";
        // Wall time, then CPU time, which other work on a shared machine disturbs less.
        var perFit = i is 1 or 2 ? $"{seconds / fitTime:F2} (CPU {cpu / runs[0].Cpu:F2})" : "";
        rows.Add($"| {name} | {who[i]} | {seconds:F3} | {cpu:F3} | {perFit} | {seconds / torchTime:F2} | {seconds / limit:F1}x | {allocated} | {loss:F4} | {accuracies[i]:F4} |");
    }
    rows.Add($"| {name} | machine limit | {limit:F4} | | | | 1.0x | | | |");
}
Console.WriteLine("| MNIST, batch 100, Adam 1e-3 | who | s/epoch (median) | CPU s/epoch | ÷ Fit (wall, CPU) | ÷ TorchSharp | ÷ machine limit | allocated per epoch | last epoch loss | test accuracy |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var row in rows) Console.WriteLine(row);
Console.WriteLine();

Console.WriteLine($"load average at the end: {LoadAverage()}");
Console.WriteLine();

if (withExperiment)
{
    // The handouts' Keras experiment: Dense(10, softmax), SGD (Keras' default lr 0.01), batch 2048, 100 epochs,
    // from the same seed each time. On a shared machine one run can be slowed by others' work for seconds,
    // so it runs several times, each after a quick look at the processor's speed, and the fastest counts.
    var experimentRuns = Math.Max(1, ArgValue("--experiment-runs", 3));
    Console.WriteLine("| softmax, SGD 0.01, batch 2048, 100 epochs (Fit) | wall time | CPU time | FMA just before (1 core, GFLOP/s) | last epoch loss | test accuracy (handout: 0.8927) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    var fastest = double.MaxValue;
    for (var r = 1; r <= experimentRuns; r++)
    {
        var fma = MachineLimits.QuickGflops1();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var model = new OursFit(data, [], 0f, new SGD(0.01f), batch: 2048, seed: 1);
        var loss = model.Fit(100);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        fastest = Math.Min(fastest, seconds);
        var accuracy = model.Accuracy(data.TestX, data.TestY);
        Console.WriteLine($"| ours, run {r} of {experimentRuns} | {seconds:F2} s | {cpuSeconds:F2} s | {fma:F0} | {loss:F4} | {accuracy:F4} |");
    }
    Console.WriteLine();
    Console.WriteLine($"100-epoch run, fastest of {experimentRuns}: {fastest:F2} s (load average {LoadAverage()})");
}

// The 1-minute load average (Linux): other work on the machine slows every contestant.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

int ArgValue(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var v) ? v : fallback;
}

// One warm-up epoch each, then `count` rounds in which each contestant trains one epoch, after a pause.
static List<(double Seconds, double Loss, double Bytes, double Cpu)> TimeInterleaved(int count, params Func<double>?[] contestants)
{
    var runs = contestants.Select(_ => new Run()).ToList();
    foreach (var c in contestants) c?.Invoke();
    for (var e = 0; e < count; e++)
    {
        for (var i = 0; i < contestants.Length; i++)
        {
            if (contestants[i] is not { } epoch) continue;
            // A pause first: worker threads of the previous contestant (libtorch's OpenMP threads
            // spin for a while after each parallel region) must be idle before the clock starts.
            Thread.Sleep(300);
            runs[i].Measure(epoch);
        }
    }
    return runs.Select((r, i) => contestants[i] is null ? (double.NaN, double.NaN, double.NaN, double.NaN) : r.Result()).ToList();
}

/// <summary>Times and allocation counts of repeated epochs.</summary>
internal sealed class Run
{
    private readonly List<double> _times = [], _bytes = [], _cpu = [];
    private double _loss;

    /// <summary>Runs one epoch, recording its time and allocated bytes.</summary>
    public void Measure(Func<double> epoch)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        _loss = epoch();
        _times.Add(watch.Elapsed.TotalSeconds);
        _cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        _bytes.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    /// <summary>Median seconds, last loss, median bytes, median CPU seconds (all threads of the process).</summary>
    public (double Seconds, double Loss, double Bytes, double Cpu) Result()
    {
        _times.Sort();
        _bytes.Sort();
        _cpu.Sort();
        return (_times[_times.Count / 2], _loss, _bytes[_bytes.Count / 2], _cpu[_cpu.Count / 2]);
    }
}
