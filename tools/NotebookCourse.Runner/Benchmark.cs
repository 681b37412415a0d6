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

        var process = Process.GetCurrentProcess();
        var processStart = process.StartTime.ToUniversalTime();
        var inProcess = Stopwatch.StartNew();
        var cpuAtKernel = process.TotalProcessorTime;
        var kernel = new NotebookKernel(Environment.CurrentDirectory, "bench");
        var first = await kernel.ExecuteAsync("var counter = 1;\ncounter + 1");
        var kernelCold = inProcess.Elapsed;
        var cold = DateTime.UtcNow - processStart;
        process.Refresh();
        var coldCpu = process.TotalProcessorTime;
        var kernelCpu = coldCpu - cpuAtKernel;
        Require(first);

        var warm = Stopwatch.StartNew();
        var cpuAtWarm = process.TotalProcessorTime;
        for (var i = 0; i < cells; i++)
        {
            Require(await kernel.ExecuteAsync($"counter = counter + {i};\ncounter"));
        }
        var perCell = warm.Elapsed / cells;
        process.Refresh();
        var perCellCpu = (process.TotalProcessorTime - cpuAtWarm) / cells;

        var rows = new[]
        {
            ("cold start: process start to first cell result", cold, coldCpu, ColdTarget),
            ("  of which: new kernel + first cell, in process", kernelCold, kernelCpu, ColdTarget),
            ($"warm cell overhead (mean of {cells} trivial cells)", perCell, perCellCpu, WarmTarget),
        };
        stdout.WriteLine($"{"measure",-50} {"wall",10} {"cpu",10} {"target",9} {"wall/target",12}");
        foreach (var (name, measured, cpu, target) in rows)
        {
            stdout.WriteLine($"{name,-50} {Format(measured),10} {Format(cpu),10} {Format(target),9} {(measured / target).ToString("0.00", CultureInfo.InvariantCulture),12}");
        }
        stdout.WriteLine("wall/target below 1.00 meets the target; cpu = this process's processor time (all threads, JIT included)");
        stdout.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (wall times grow with load)");
        return 0;
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
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
