using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NotebookCourse.Ipynb;
using NotebookCourse.Runner;
using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// One course notebook executed once by the runner in the real .NET Interactive kernel (as <c>nbcourse run</c>), with
/// everything it printed, so that several tests can read its figures without running it again.
/// </summary>
public sealed class CourseNotebook
{
    private CourseNotebook(string fileName, NotebookRunResult result, string printed)
    {
        FileName = fileName;
        Result = result;
        Printed = printed;
    }

    /// <summary>The notebook's file name, e.g. 00-getting-started.ipynb.</summary>
    public string FileName { get; }

    /// <summary>The executed notebook and its failed cells.</summary>
    public NotebookRunResult Result { get; }

    /// <summary>All text the notebook's cells wrote to the console, in order.</summary>
    public string Printed { get; }

    /// <summary>The repository's notebooks folder (found by walking up to NotebookCourse.sln).</summary>
    public static string NotebooksFolder => NotebookCourse.Testing.RepositoryFolder.Combine("notebooks");

    private static readonly Dictionary<string, Lazy<CourseNotebook>> s_runs = [];

    /// <summary>
    /// Runs <paramref name="fileName"/> from the notebooks folder with the given parameters, once per
    /// process: later calls with the same arguments return the same run.
    /// </summary>
    public static CourseNotebook Run(string fileName, params (string Name, string Value)[] parameters)
    {
        var key = fileName + string.Concat(parameters.Select(p => $" -p {p.Name}={p.Value}"));
        Lazy<CourseNotebook> run;
        lock (s_runs)
        {
            if (!s_runs.TryGetValue(key, out run!))
            {
                run = new Lazy<CourseNotebook>(() => RunFile(Path.Combine(NotebooksFolder, fileName), parameters));
                s_runs[key] = run;
            }
        }
        return run.Value;
    }

    /// <summary>Runs the notebook at <paramref name="path"/> (any folder) with the given parameters, every time.</summary>
    public static CourseNotebook RunFile(string path, params (string Name, string Value)[] parameters)
    {
        // Notebooks 06 and 07 write their example files to a new temporary folder: the kernel's temporary
        // folder is the run's own, removed afterwards, so test runs leave nothing behind.
        var temporary = Directory.CreateTempSubdirectory("nbcourse-notebook-");
        var environment = new Dictionary<string, string> { ["TMPDIR"] = temporary.FullName };
        // Notebooks that load MNIST find the tests' copy (shared folder, user cache or download) without downloading again.
        if (MnistFiles.Folder is { } mnist) environment[NotebookCourse.Data.Mnist.CacheEnvironmentVariable] = mnist;
        var options = new RunOptions
        {
            Parameters = parameters.ToDictionary(p => p.Name, p => p.Value),
            CellTimeout = TimeSpan.FromMinutes(5),
            // Every figure a notebook prints is checked even when an unrelated cell fails;
            // Every_cell_runs_without_failing still reports any failed cell.
            ContinueOnError = true,
            Environment = environment,
        };
        NotebookRunResult result;
        try
        {
            result = NotebookRunner.RunAsync(path, options).GetAwaiter().GetResult();
        }
        finally
        {
            temporary.Delete(recursive: true);
        }
        var printed = new StringBuilder();
        foreach (var stream in result.Notebook.Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Where(s => s.Name == "stdout"))
        {
            printed.Append(stream.Text);
        }
        return new CourseNotebook(Path.GetFileName(path), result, printed.ToString());
    }

    /// <summary>
    /// Writes the executed notebook to <paramref name="path"/>. Test classes run side by side and saving
    /// touches the notebook's JSON, so saves of one run take turns.
    /// </summary>
    public void SaveTo(string path)
    {
        lock (Result)
        {
            Result.Notebook.Save(path);
        }
    }

    /// <summary>Fails with the runner's own messages when any cell failed.</summary>
    public void AssertNoFailedCell()
        => Assert.True(Result.Succeeded, string.Join("\n", Result.Failures.Select(f => f.ToString())));

    /// <summary>The text after <paramref name="label"/> up to the end of its line (the first such line).</summary>
    public string ValueAfter(string label)
    {
        var match = Regex.Match(Printed, "^" + Regex.Escape(label) + "(?<value>.*)$", RegexOptions.Multiline);
        Assert.True(match.Success, $"{FileName} printed no line starting with '{label}'. It printed:\n{Printed}");
        return match.Groups["value"].Value.Trim();
    }

    /// <summary>The first number after <paramref name="label"/> on its line.</summary>
    public double NumberAfter(string label) => Numbers(ValueAfter(label))[0];

    /// <summary>The numbers in the first bracketed list after <paramref name="label"/>, e.g. "[0.659, 0.242]".</summary>
    public double[] ListAfter(string label)
    {
        var text = ValueAfter(label);
        var open = text.IndexOf('[');
        var close = text.IndexOf(']', open + 1);
        Assert.True(open >= 0 && close > open, $"{FileName}: expected a [..] list after '{label}', got '{text}'");
        return Numbers(text[(open + 1)..close]);
    }

    /// <summary>Every line starting with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> LinesStartingWith(string prefix)
        => Printed.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    /// <summary>All numbers in <paramref name="text"/>, in order (invariant culture; NaN and Infinity included).</summary>
    public static double[] Numbers(string text)
        => Regex.Matches(text, @"-?(\d+(\.\d+)?([eE][-+]?\d+)?|Infinity|NaN)")
            .Select(m => double.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToArray();
}
