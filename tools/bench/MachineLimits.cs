using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NotebookCourse.Bench;

/// <summary>
/// What this machine can do at best, measured in the same run: streaming read bandwidth (summing a
/// 256 MB array) and fused multiply-add throughput (independent vector FMAs in registers).
/// </summary>
internal sealed class MachineLimits
{
    /// <summary>Streaming read bandwidth in GB/s with one and with all cores.</summary>
    public double ReadGBs1, ReadGBsAll;

    /// <summary>FMA throughput in GFLOP/s (a multiply-add counts as 2) with one and with all cores.</summary>
    public double Gflops1, GflopsAll;

    /// <summary>Measures both limits (about two seconds).</summary>
    public static MachineLimits Measure()
    {
        var limits = new MachineLimits();
        var data = new float[64 * 1024 * 1024];
        for (var i = 0; i < data.Length; i++) data[i] = (i & 7) * 0.25f;
        var cores = Environment.ProcessorCount;
        limits.ReadGBs1 = BestOf(5, () => Read(data, 1), data.Length * 4.0);
        limits.ReadGBsAll = BestOf(5, () => Read(data, cores), data.Length * 4.0);
        const long Iterations = 50_000_000;
        limits.Gflops1 = BestOf(3, () => Fma(Iterations, 1), Iterations * FlopsPerIteration);
        limits.GflopsAll = BestOf(3, () => Fma(Iterations, cores), Iterations * FlopsPerIteration * cores);
        return limits;
    }

    /// <summary>
    /// One core's FMA throughput over a tenth of a second or so (best of three short runs): a quick look at
    /// whether the machine is running at its usual speed just before a timing.
    /// </summary>
    public static double QuickGflops1()
    {
        const long Iterations = 10_000_000;
        return BestOf(3, () => Fma(Iterations, 1), Iterations * FlopsPerIteration);
    }

    private static double BestOf(int runs, Func<float> work, double units)
    {
        var best = double.MaxValue;
        var sink = 0f;
        for (var r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            sink += work();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        GC.KeepAlive(sink);
        return units / best / 1e9;
    }

    private static float Read(float[] data, int threads)
    {
        if (threads == 1) return TensorPrimitives.Sum(data);
        var sums = new float[threads];
        OnThreads(threads, t =>
        {
            var part = data.Length / threads;
            sums[t] = TensorPrimitives.Sum(data.AsSpan(t * part, part));
        });
        return sums.Sum();
    }

    /// <summary>Runs work on that many dedicated threads at once (Parallel.For may run long iterations one after another).</summary>
    private static void OnThreads(int threads, Action<int> work)
    {
        var all = Enumerable.Range(0, threads).Select(t => new Thread(() => work(t))).ToList();
        foreach (var thread in all) thread.Start();
        foreach (var thread in all) thread.Join();
    }

    private static int FlopsPerIteration => 10 * 2 * (Vector512.IsHardwareAccelerated ? 16 : 8);

    private static float Fma(long iterations, int threads)
    {
        if (threads == 1) return Vector512.IsHardwareAccelerated ? Fma512(iterations) : Fma256(iterations);
        var results = new float[threads];
        OnThreads(threads, t => results[t] = Vector512.IsHardwareAccelerated ? Fma512(iterations) : Fma256(iterations));
        return results.Sum();
    }

    // Ten independent accumulators: more than FMA latency × throughput, so the units never wait.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimised from the first call
    private static float Fma512(long iterations)
    {
        var m = Vector512.Create(0.999f);
        var s = Vector512.Create(1e-7f);
        Vector512<float> a0 = Vector512.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, s); a1 = Vector512.FusedMultiplyAdd(a1, m, s);
            a2 = Vector512.FusedMultiplyAdd(a2, m, s); a3 = Vector512.FusedMultiplyAdd(a3, m, s);
            a4 = Vector512.FusedMultiplyAdd(a4, m, s); a5 = Vector512.FusedMultiplyAdd(a5, m, s);
            a6 = Vector512.FusedMultiplyAdd(a6, m, s); a7 = Vector512.FusedMultiplyAdd(a7, m, s);
            a8 = Vector512.FusedMultiplyAdd(a8, m, s); a9 = Vector512.FusedMultiplyAdd(a9, m, s);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Fma256(long iterations)
    {
        var m = Vector256.Create(0.999f);
        var s = Vector256.Create(1e-7f);
        Vector256<float> a0 = Vector256.Create(1f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, s); a1 = Vector256.FusedMultiplyAdd(a1, m, s);
            a2 = Vector256.FusedMultiplyAdd(a2, m, s); a3 = Vector256.FusedMultiplyAdd(a3, m, s);
            a4 = Vector256.FusedMultiplyAdd(a4, m, s); a5 = Vector256.FusedMultiplyAdd(a5, m, s);
            a6 = Vector256.FusedMultiplyAdd(a6, m, s); a7 = Vector256.FusedMultiplyAdd(a7, m, s);
            a8 = Vector256.FusedMultiplyAdd(a8, m, s); a9 = Vector256.FusedMultiplyAdd(a9, m, s);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9);
    }
}
