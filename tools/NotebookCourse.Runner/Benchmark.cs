using System.Diagnostics;
using System.Globalization;

namespace NotebookCourse.Runner;

/// <summary>
/// nbcourse bench: the kernel's cold start (process start to the first cell's result) and warm
/// per-cell overhead (mean over trivial cells), against the targets 2 s and 30 ms.
/// </summary>
public static class Benchmark
{
    private static readonly TimeSpan ColdTarget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WarmTarget = TimeSpan.FromMilliseconds(30);

    /// <summary>Measures and prints the table; <c>--cells N</c> sets the number of warm cells (default 50).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout)
    {
        var cells = 50;
        if (args.Count == 2 && args[0] == "--cells" && int.TryParse(args[1], out var n) && n > 0)
        {
            cells = n;
        }
        else if (args.Count > 0)
        {
            throw new UsageException("bench takes only --cells N");
        }

        var processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var inProcess = Stopwatch.StartNew();
        var kernel = new NotebookKernel(Environment.CurrentDirectory, "bench");
        var first = await kernel.ExecuteAsync("var counter = 1;\ncounter + 1");
        var kernelCold = inProcess.Elapsed;
        var cold = DateTime.UtcNow - processStart;
        Require(first);

        var warm = Stopwatch.StartNew();
        for (var i = 0; i < cells; i++)
        {
            Require(await kernel.ExecuteAsync($"counter = counter + {i};\ncounter"));
        }
        var perCell = warm.Elapsed / cells;

        var rows = new[]
        {
            ("cold start: process start to first cell result", cold, ColdTarget),
            ("  of which: new kernel + first cell, in process", kernelCold, ColdTarget),
            ($"warm cell overhead (mean of {cells} trivial cells)", perCell, WarmTarget),
        };
        stdout.WriteLine($"{"measure",-52} {"measured",12} {"target",10} {"ratio",8}");
        foreach (var (name, measured, target) in rows)
        {
            stdout.WriteLine($"{name,-52} {Format(measured),12} {Format(target),10} {(measured / target).ToString("0.00", CultureInfo.InvariantCulture),8}");
        }
        stdout.WriteLine("ratio = measured / target; below 1.00 meets the target");
        return 0;
    }

    private static void Require(CellResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"benchmark cell failed: {result.Error}");
        }
    }

    private static string Format(TimeSpan time) => time.TotalSeconds >= 1
        ? time.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture)
        : time.TotalMilliseconds.ToString("0.0 'ms'", CultureInfo.InvariantCulture);
}
