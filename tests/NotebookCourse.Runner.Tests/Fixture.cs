using System.Globalization;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner.Tests;

/// <summary>Paths of the fixture notebooks and helpers to read outputs.</summary>
internal static class Fixture
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>The repository root (holding NotebookCourse.sln).</summary>
    public static string RepositoryRoot => NotebookCourse.Testing.RepositoryFolder.Root;

    /// <summary>The course library as notebooks load it.</summary>
    public static string Library => Path.Combine(RepositoryRoot, "lib", "bin", "NotebookCourse.dll");

    /// <summary>The 1-based line of the first line of <paramref name="source"/> containing <paramref name="marker"/>.</summary>
    public static int LineOf(string source, string marker)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0, $"marker '{marker}' not in source");
        return index + 1;
    }

    /// <summary>The source of cell <paramref name="number"/> (1-based) of a fixture notebook.</summary>
    public static string CellSource(string notebook, int number) => Ipynb.Notebook.Load(PathOf(notebook)).Cells[number - 1].Source;

    private static readonly Lazy<string> TempRoot = new(() =>
    {
        var parent = Path.Combine(Path.GetTempPath(), "nbcourse-runner-tests");
        // A test host may end without running its exit handler: the folders of runs whose process is gone go first.
        foreach (var earlier in Directory.Exists(parent) ? Directory.GetDirectories(parent) : [])
        {
            if (int.TryParse(Path.GetFileName(earlier), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid)) TryDelete(earlier);
        }
        var root = Path.Combine(parent, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(root);
        return root;
    });

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // in use or not ours; the OS cleans the temp folder eventually
        }
    }

    /// <summary>A fresh temporary folder, deleted when the test run ends.</summary>
    public static string TempFolder()
    {
        var folder = Path.Combine(TempRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Writes a C# notebook with one code cell per source into a new temporary folder.</summary>
    public static string Notebook(string name, params string[] cells)
    {
        var path = Path.Combine(TempFolder(), name);
        Ipynb.Notebook.Create(path, cells.Select((source, i) => NotebookCell.NewCode(source, $"cell-{i + 1}"))).Save(path);
        return path;
    }

    public static DisplayOutput Display(CellOutput output) => Assert.IsType<DisplayOutput>(output);

    public static string Html(CellOutput output) => Display(output).Data["text/html"];

    public static string Plain(CellOutput output) => Display(output).Data["text/plain"];

    /// <summary>What a console shows for a display (text/plain, else the HTML's text).</summary>
    public static string Text(CellOutput output) => CellOutputsText.Of(Display(output).Data);

    private static class CellOutputsText
    {
        public static string Of(IReadOnlyDictionary<string, string> data)
            => data.TryGetValue("text/plain", out var plain) ? plain
                : System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(
                    System.Text.RegularExpressions.Regex.Replace(data["text/html"], "<style.*?</style>", "", System.Text.RegularExpressions.RegexOptions.Singleline), "<[^>]+>", "")).Trim();
    }

    /// <summary>True while any process of group <paramref name="group"/> is alive (read from /proc).</summary>
    public static bool ProcessGroupAlive(int group)
    {
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // fields[0] = state, fields[2] = process group
                if (fields[0] != "Z" && int.Parse(fields[2], CultureInfo.InvariantCulture) == group) return true;
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }
        return false;
    }

    /// <summary>Waits up to <paramref name="seconds"/> for the group to be gone.</summary>
    public static bool ProcessGroupGone(int group, double seconds = 10)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (!ProcessGroupAlive(group)) return true;
            Thread.Sleep(100);
        }
        return !ProcessGroupAlive(group);
    }
}

/// <summary>Each fixture notebook run once per test process with given options, shared by the tests that only read the result.</summary>
internal static class FixtureRuns
{
    private static readonly Dictionary<string, Lazy<Task<NotebookRunResult>>> Runs = [];

    public static Task<NotebookRunResult> Get(string fixture, bool continueOnError = false)
    {
        var key = $"{fixture}|{continueOnError}";
        Lazy<Task<NotebookRunResult>> run;
        lock (Runs)
        {
            if (!Runs.TryGetValue(key, out run!))
            {
                run = new(() => NotebookRunner.RunAsync(Fixture.PathOf(fixture), new RunOptions { ContinueOnError = continueOnError }));
                Runs[key] = run;
            }
        }
        return run.Value;
    }
}

/// <summary>Records what a run shows as it happens, with display ids.</summary>
public sealed class RecordingEcho : IOutputEcho
{
    public List<(string Kind, string? Id, string Text)> Events { get; } = [];

    public void Stream(string name, string text)
    {
        lock (Events) Events.Add((name, null, text));
    }

    public void Display(string? displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (Events) Events.Add(("display", displayId, data.TryGetValue("text/plain", out var t) ? t : ""));
    }

    public void Update(string displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (Events) Events.Add(("update", displayId, data.TryGetValue("text/plain", out var t) ? t : ""));
    }

    public void Error(ErrorOutput error)
    {
        lock (Events) Events.Add(("error", null, error.EValue));
    }

    public void Flush()
    {
    }
}
