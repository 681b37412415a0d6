using System.Diagnostics;
using NotebookCourse.Kernels;

namespace NotebookCourse.Bench;

/// <summary>GFLOP/s of the matrix products training meets (run with --kernels), for tuning the kernel.</summary>
internal static class KernelTimes
{
    /// <summary>Prints one row per product shape.</summary>
    public static void Print()
    {
        Console.WriteLine("| product (m, k, n, transposes) | fastest µs per call | GFLOP/s |");
        Console.WriteLine("|---|---:|---:|");
        (int M, int K, int N, bool TA, bool TB)[] shapes =
        [
            (100, 784, 10, false, false), (100, 784, 10, false, true), (784, 100, 10, true, false),
            (100, 784, 64, false, false), (784, 100, 64, true, false),
            (100, 64, 32, false, false), (64, 100, 32, true, false), (100, 32, 64, false, true),
            (100, 32, 10, false, false), (32, 100, 10, true, false), (100, 10, 32, false, true),
            (2048, 784, 10, false, false), (784, 2048, 10, true, false),
        ];
        var random = new Random(1);
        // Warm up every shape first, so all code is fully optimised (tiered JIT) before timing.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 2)
        {
            foreach (var (m, k, n, ta, tb) in shapes) MatMulKernel.Multiply(new float[m * k], new float[k * n], new float[m * n], m, k, n, ta, tb);
        }
        foreach (var (m, k, n, ta, tb) in shapes)
        {
            var a = Enumerable.Range(0, m * k).Select(_ => random.NextSingle()).ToArray();
            var b = Enumerable.Range(0, k * n).Select(_ => random.NextSingle()).ToArray();
            var c = new float[m * n];
            var calls = (int)Math.Max(20, 2e9 / (2.0 * m * k * n) / 10);
            for (var i = 0; i < calls / 10 + 1; i++) MatMulKernel.Multiply(a, b, c, m, k, n, ta, tb);
            // The fastest of many calls: on a busy machine that is the call nobody interrupted.
            var best = double.MaxValue;
            for (var i = 0; i < calls; i++)
            {
                var watch = Stopwatch.StartNew();
                MatMulKernel.Multiply(a, b, c, m, k, n, ta, tb);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }
            var seconds = best;
            Console.WriteLine($"| {m}, {k}, {n}{(ta ? ", Aᵀ" : "")}{(tb ? ", Bᵀ" : "")} | {seconds * 1e6:F1} | {2.0 * m * k * n / seconds / 1e9:F1} |");
        }
    }
}
