using System.Diagnostics;
using System.Globalization;
using NotebookCourse.Export;

namespace NotebookCourse.Runner;

/// <summary>
/// nbcourse bench: the kernel's cold start (process start to the first cell's result) and warm
/// per-cell overhead (mean over trivial cells), against the targets 2 s and 30 ms; with
/// <c>--export FOLDER</c>, also how an export of that course splits between the notebooks' own
/// work, the runner's overhead and the HTML exporter.
/// </summary>
public static class Benchmark
{
    private static readonly TimeSpan ColdTarget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WarmTarget = TimeSpan.FromMilliseconds(30);

    /// <summary>Measures and prints the table; <c>--cells N</c> sets the number of warm cells (default 50).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout)
    {
        var cells = 50;
        string? course = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 < args.Count && args[i] == "--cells" && int.TryParse(args[i + 1], out var n) && n > 0)
            {
                cells = n;
            }
            else if (i + 1 < args.Count && args[i] == "--export")
            {
                course = args[i + 1];
            }
            else
            {
                throw new UsageException("bench takes --cells N and --export FOLDER");
            }
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
        if (course is not null)
        {
            // A later notebook in the same process gets a new kernel, but a warm one (JIT done).
            var again = Stopwatch.StartNew();
            Require(await new NotebookKernel(Environment.CurrentDirectory, "bench-2").ExecuteAsync("var counter = 1;\ncounter + 1"));
            await ExportSplitAsync(course, again.Elapsed, perCell, stdout);
        }
        stdout.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (wall times grow with load)");
        return 0;
    }

    /// <summary>
    /// Exports <paramref name="course"/> into a temporary folder and splits the time: running the
    /// notebooks (their own work plus the runner's overhead, estimated as one warm kernel start per
    /// notebook and the measured warm overhead per cell) and writing the HTML site.
    /// </summary>
    private static async Task ExportSplitAsync(string course, TimeSpan kernelStart, TimeSpan perCell, TextWriter stdout)
    {
        var output = Directory.CreateTempSubdirectory("nbcourse-bench-").FullName;
        try
        {
            var notebooks = NotebookRunner.FindNotebooks(course);
            var executed = new List<string>();
            var running = TimeSpan.Zero;
            var overhead = TimeSpan.Zero;
            foreach (var path in notebooks)
            {
                var clock = Stopwatch.StartNew();
                var result = await NotebookRunner.RunAsync(path, new RunOptions());
                running += clock.Elapsed;
                var codeCells = result.Notebook.Cells.Count(c => c.IsCode);
                overhead += kernelStart + perCell * codeCells;
                var target = Path.Combine(output, "notebooks", Path.GetFileName(path));
                result.Notebook.Save(target);
                executed.Add(target);
            }
            var html = Stopwatch.StartNew();
            SiteExporter.Export(executed, output, new ExportOptions());
            var exporting = html.Elapsed;
            var total = running + exporting;
            var ownWork = running - overhead;
            stdout.WriteLine();
            stdout.WriteLine($"export of {notebooks.Count} notebook(s) in {course}: {Format(total)}");
            stdout.WriteLine($"{"  the notebooks' own work",-50} {Format(ownWork),10} {Share(ownWork, total),8}");
            stdout.WriteLine($"{"  runner overhead (kernel starts + per-cell)",-50} {Format(overhead),10} {Share(overhead, total),8}");
            stdout.WriteLine($"{"  HTML export (markdown, math, highlighting)",-50} {Format(exporting),10} {Share(exporting, total),8}");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string Share(TimeSpan part, TimeSpan total)
        => (part / total).ToString("0%", CultureInfo.InvariantCulture);

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
