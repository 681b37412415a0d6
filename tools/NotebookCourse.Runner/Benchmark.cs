using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NotebookCourse.Export;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>
/// nbcourse bench: the real kernel's start, the runner's per-cell overhead over the kernel's own time
/// (the same cells sent by a minimal protocol client that only waits for each terminal event), and with
/// <c>--export FOLDER</c> the whole course export with its split. Targets: the runner adds under 10% to
/// the kernel's own time; the course exports in under 3 minutes.
/// </summary>
public static class Benchmark
{
    private const double OverheadTarget = 0.10;
    private static readonly TimeSpan ExportTarget = TimeSpan.FromMinutes(3);

    /// <summary>Measures and prints; <c>--cells N</c> trivial cells (default 100), <c>--lines N</c> printed lines (default 200,000).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout)
    {
        var cells = 100;
        var lines = 200_000;
        string? course = null;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 < args.Count && args[i] == "--cells" && int.TryParse(args[i + 1], out var n) && n > 0)
            {
                cells = n;
            }
            else if (i + 1 < args.Count && args[i] == "--lines" && int.TryParse(args[i + 1], out var l) && l > 0)
            {
                lines = l;
            }
            else if (i + 1 < args.Count && args[i] == "--export")
            {
                course = args[i + 1];
            }
            else
            {
                throw new UsageException("bench takes --cells N, --lines N and --export FOLDER");
            }
        }

        var folder = Directory.CreateTempSubdirectory("nbcourse-bench-").FullName;
        try
        {
            var codes = BenchCells(cells, lines);
            var path = Path.Combine(folder, "bench.ipynb");
            Notebook.Create(path, codes.Select(code => NotebookCell.NewCode(code))).Save(path);

            // Alternate the two clients so that machine noise hits both alike.
            var raw = new List<RawRun>();
            var ours = new List<NotebookRunResult>();
            for (var round = 0; round < 2; round++)
            {
                raw.Add(await RawClient.RunAsync(folder, codes));
                var result = await NotebookRunner.RunAsync(path, new RunOptions());
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"benchmark cell failed: {result.Failures[0]}");
                }
                ours.Add(result);
            }
            var rawBest = raw.MinBy(r => r.Cells.Sum(c => c.Ticks))!;
            var oursBest = ours.MinBy(r => r.Times.Cells.Sum(c => c.Ticks))!;

            stdout.WriteLine($"{"measure (best of 2 rounds)",-58} {"kernel alone",13} {"runner",10} {"overhead",9}");
            Row(stdout, "kernel start: process start to KernelReady", rawBest.Start, oursBest.Times.KernelStart);
            Row(stdout, "warm-up: a first, empty submission (Roslyn loads)", rawBest.WarmUp, oursBest.Times.WarmUp);
            Row(stdout, "the notebook's first cell", rawBest.Cells[0], oursBest.Times.Cells[0]);
            Row(stdout, $"{cells} trivial cells, mean per cell", Mean(rawBest.Cells, 1, cells), Mean(oursBest.Times.Cells, 1, cells));
            Row(stdout, "display + 50 in-place updates", rawBest.Cells[cells + 1], oursBest.Times.Cells[cells + 1]);
            Row(stdout, $"{lines:N0} printed lines (one event each)", rawBest.Cells[cells + 2], oursBest.Times.Cells[cells + 2]);
            var rawAll = Sum(rawBest.Cells);
            var oursAll = oursBest.Times.Total - oursBest.Times.KernelStart - oursBest.Times.WarmUp;
            Row(stdout, "all cells, plus the runner's own work around them", rawAll, oursAll);
            var overhead = oursAll / rawAll - 1;
            stdout.WriteLine($"runner overhead over the kernel's own time: {overhead:P1} (target < {OverheadTarget:P0}: {(overhead < OverheadTarget ? "met" : "NOT met")})");
            stdout.WriteLine("kernel alone = a minimal client that sends each cell and waits for its terminal event, parsing nothing");

            if (course is not null)
            {
                await ExportSplitAsync(course, stdout);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        stdout.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} (wall times grow with load)");
        return 0;
    }

    /// <summary>A warm-up cell, trivial cells, a display updated in place, and a cell printing many lines.</summary>
    private static List<string> BenchCells(int cells, int lines)
    {
        var codes = new List<string> { "var counter = 1;\ncounter + 1" };
        for (var i = 0; i < cells; i++)
        {
            codes.Add($"counter = counter + {i};\ncounter");
        }
        codes.Add("var shown = Microsoft.DotNet.Interactive.Kernel.display(\"frame 0\");\nfor (var i = 1; i <= 50; i++) shown.Update($\"frame {i}\");");
        codes.Add($"for (var i = 0; i < {lines}; i++) Console.WriteLine(i);");
        return codes;
    }

    /// <summary>
    /// Exports <paramref name="course"/> into a temporary folder as <c>nbcourse export</c> does and splits the
    /// time: kernel starts, the cells as the kernel ran them, the runner's own work, and the HTML export.
    /// </summary>
    private static async Task ExportSplitAsync(string course, TextWriter stdout)
    {
        var output = Directory.CreateTempSubdirectory("nbcourse-bench-export-").FullName;
        try
        {
            var wall = Stopwatch.StartNew();
            var notebooks = NotebookRunner.FindNotebooks(course);
            var results = await Commands.RunAllAsync(notebooks, new RunOptions { ContinueOnError = true }, Commands.Parallelism);
            var running = wall.Elapsed;
            var executed = new List<string>();
            foreach (var result in results)
            {
                var target = Path.Combine(output, "notebooks", result.Notebook.FileName);
                result.Notebook.Save(target);
                executed.Add(target);
            }
            var html = Stopwatch.StartNew();
            SiteExporter.Export(executed, output, new ExportOptions());
            var exporting = html.Elapsed;
            var total = wall.Elapsed;

            var starts = Sum(results.Select(r => r.Times.KernelStart));
            var warmUps = Sum(results.Select(r => r.Times.WarmUp));
            var cells = Sum(results.SelectMany(r => r.Times.Cells));
            var runner = Sum(results.Select(r => r.Times.Total)) - starts - warmUps - cells;
            var failed = results.Sum(r => r.Failures.Count);
            stdout.WriteLine();
            stdout.WriteLine($"export of {notebooks.Count} notebook(s) in {course}, {Commands.Parallelism} at a time: {Format(total)} wall "
                + $"(target < {Format(ExportTarget)}: {(total < ExportTarget ? "met" : "NOT met")}); {failed} failed cell(s)");
            stdout.WriteLine($"  running the notebooks: {Format(running)} wall; summed over notebooks:");
            stdout.WriteLine($"{"    kernel starts",-50} {Format(starts),10}");
            stdout.WriteLine($"{"    kernel warm-ups (first, empty submission)",-50} {Format(warmUps),10}");
            stdout.WriteLine($"{"    cells, as the kernel ran them",-50} {Format(cells),10}");
            stdout.WriteLine($"{"    runner's own work (load, outputs, shutdown)",-50} {Format(runner),10}");
            stdout.WriteLine($"{"  HTML export (markdown, math, highlighting)",-50} {Format(exporting),10}");
            foreach (var result in results)
            {
                stdout.WriteLine($"    {result.Notebook.FileName}: {Format(result.Times.Total)} (start {Format(result.Times.KernelStart)}, {result.Times.Cells.Count} cells {Format(Sum(result.Times.Cells))}, {result.Failures.Count} failed)");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static void Row(TextWriter stdout, string name, TimeSpan kernel, TimeSpan runner)
        => stdout.WriteLine($"{name,-58} {Format(kernel),13} {Format(runner),10} {(runner / kernel - 1).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture),9}");

    private static TimeSpan Mean(IReadOnlyList<TimeSpan> times, int from, int count)
        => Sum(times.Skip(from).Take(count)) / count;

    private static TimeSpan Sum(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (a, b) => a + b);

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

    private static string Format(TimeSpan time) => time.TotalSeconds >= 1
        ? time.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture)
        : time.TotalMilliseconds.ToString("0.0 'ms'", CultureInfo.InvariantCulture);

    private sealed record RawRun(TimeSpan Start, TimeSpan WarmUp, List<TimeSpan> Cells);

    /// <summary>The reference: the same kernel, started the same way, sent the same cells, and only waited on.</summary>
    private static class RawClient
    {
        public static async Task<RawRun> RunAsync(string folder, IReadOnlyList<string> codes)
        {
            var clock = Stopwatch.StartNew();
            var start = new ProcessStartInfo("setsid")
            {
                WorkingDirectory = KernelProcess.ToolManifestFolder(),
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "dotnet", "tool", "run", "dotnet-interactive", "--", "stdio", "--working-dir", folder })
            {
                start.ArgumentList.Add(argument);
            }
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(name);
            }
            using var process = Process.Start(start)!;
            _ = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput;
            try
            {
                await WaitForAsync(output, line => line.Contains("\"eventType\":\"KernelReady\"", StringComparison.Ordinal));
                var ready = clock.Elapsed;
                var warmUp = Stopwatch.StartNew();
                await SubmitAsync(process, output, "System.GC.KeepAlive(null);", "raw-warm-up");
                var warm = warmUp.Elapsed;
                var cells = new List<TimeSpan>();
                for (var i = 0; i < codes.Count; i++)
                {
                    var cell = Stopwatch.StartNew();
                    await SubmitAsync(process, output, codes[i], $"raw-{i}");
                    cells.Add(cell.Elapsed);
                }
                return new RawRun(ready, warm, cells);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
            }
        }

        private static async Task SubmitAsync(Process process, StreamReader output, string code, string token)
        {
            await process.StandardInput.WriteLineAsync(
                $"{{\"commandType\":\"SubmitCode\",\"command\":{{\"code\":{JsonSerializer.Serialize(code)},\"targetKernelName\":\"csharp\"}},\"token\":\"{token}\"}}");
            await process.StandardInput.FlushAsync();
            var tokenText = $"\"token\":\"{token}\"";
            await WaitForAsync(output, line => line.Contains(tokenText, StringComparison.Ordinal)
                && (line.Contains("\"eventType\":\"CommandSucceeded\"", StringComparison.Ordinal) || line.Contains("\"eventType\":\"CommandFailed\"", StringComparison.Ordinal)));
        }

        private static async Task WaitForAsync(StreamReader output, Func<string, bool> isIt)
        {
            while (await output.ReadLineAsync() is { } line)
            {
                if (isIt(line))
                {
                    return;
                }
            }
            throw new InvalidOperationException("the kernel ended during the benchmark");
        }
    }
}
