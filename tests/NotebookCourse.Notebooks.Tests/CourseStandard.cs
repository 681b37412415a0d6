using System.Text.RegularExpressions;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// A course notebook read as the standard (notebooks/README.md) describes it: its cells with their type,
/// source and tags, the title block, the exercises with their answer and check cells. Read from the
/// .ipynb file alone, so the structure tests need no kernel.
/// </summary>
public sealed partial class CourseStandard
{
    private CourseStandard(string path, IReadOnlyList<StandardCell> cells)
    {
        Path = path;
        Cells = cells;
    }

    /// <summary>The notebook's path.</summary>
    public string Path { get; }

    /// <summary>The file name, e.g. 00-getting-started.ipynb.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The two-digit number that starts the file name, e.g. "00".</summary>
    public string Number => FileName[..2];

    /// <summary>Every cell, in order.</summary>
    public IReadOnlyList<StandardCell> Cells { get; }

    /// <summary>The markdown cells.</summary>
    public IEnumerable<StandardCell> Markdown => Cells.Where(c => !c.IsCode);

    /// <summary>The code cells.</summary>
    public IEnumerable<StandardCell> Code => Cells.Where(c => c.IsCode);

    /// <summary>The course notebooks (NN-slug.ipynb) in the notebooks folder, in order.</summary>
    public static IReadOnlyList<string> NotebookFileNames
        => [.. Directory.GetFiles(CourseNotebook.NotebooksFolder, "*.ipynb")
            .Select(System.IO.Path.GetFileName)
            .OfType<string>()
            .Where(name => NotebookName().IsMatch(name))
            .Order(StringComparer.Ordinal)];

    /// <summary>Whether a notebook loads MNIST (a code cell calls <c>Mnist.Load</c>), so its runs need the data set.</summary>
    public static bool NeedsMnist(string fileName)
        => LoadNotebook(fileName).Code.Any(c => c.Source.Contains("Mnist.Load(", StringComparison.Ordinal));

    /// <summary>The course notebooks that do not load MNIST.</summary>
    public static IReadOnlyList<string> NotebooksWithoutMnist => [.. NotebookFileNames.Where(n => !NeedsMnist(n))];

    /// <summary>The course notebooks that load MNIST (their tests skip, with the reason, when it is unavailable outside CI).</summary>
    public static IReadOnlyList<string> NotebooksWithMnist => [.. NotebookFileNames.Where(NeedsMnist)];

    /// <summary>The teacher's solution of a notebook: notebooks/solutions/ with the same file name.</summary>
    public static string SolutionPath(string fileName) => System.IO.Path.Combine(CourseNotebook.NotebooksFolder, "solutions", fileName);

    /// <summary>Reads a notebook file with the runner's own reader (which rejects a malformed notebook, naming the cell).</summary>
    public static CourseStandard Load(string path)
        => new(path, [.. NotebookCourse.Ipynb.Notebook.Load(path).Cells.Select((cell, i) => new StandardCell(i + 1, cell.IsCode, cell.Source, cell.Tags))]);

    /// <summary>Reads notebooks/<paramref name="fileName"/>.</summary>
    public static CourseStandard LoadNotebook(string fileName) => Load(System.IO.Path.Combine(CourseNotebook.NotebooksFolder, fileName));

    /// <summary>The exercise statements: markdown cells starting "**Exercise NN.k." or "**Exercise NN.k (experiment).".</summary>
    public IReadOnlyList<(string Id, bool IsExperiment, StandardCell Cell)> Exercises
        => [.. Markdown.Select(c => (Match: ExerciseStatement().Match(c.Source), Cell: c))
            .Where(m => m.Match.Success)
            .Select(m => (m.Match.Groups["id"].Value, m.Match.Groups["experiment"].Success, m.Cell))];

    /// <summary>The check cells: code cells calling Exercise.Check or Exercise.CheckThat, with the id they check.</summary>
    public IReadOnlyList<(string Id, StandardCell Cell)> Checks
        => [.. Code.Select(c => (Match: CheckCall().Match(c.Source), Cell: c))
            .Where(m => m.Match.Success)
            .Select(m => (m.Match.Groups["id"].Value, m.Cell))];

    /// <summary>The cells tagged "answer" (what the learner edits; the only cells a solution may change).</summary>
    public IEnumerable<StandardCell> AnswerCells => Cells.Where(c => c.Tags.Contains("answer"));

    /// <summary>All markdown text, joined.</summary>
    public string AllMarkdown => string.Join("\n\n", Markdown.Select(c => c.Source));

    [GeneratedRegex(@"^\d\d-[a-z0-9-]+\.ipynb$")]
    private static partial Regex NotebookName();

    [GeneratedRegex(@"^\*\*Exercise (?<id>\d\d\.\d+)(?<experiment> \(experiment\))?\.\*\*")]
    private static partial Regex ExerciseStatement();

    [GeneratedRegex(@"Exercise\.(Check|CheckThat)\(\s*""(?<id>[^""]+)""")]
    private static partial Regex CheckCall();
}

/// <summary>One cell of a course notebook: its position (from 1), kind, source and tags.</summary>
public sealed record StandardCell(int Number, bool IsCode, string Source, IReadOnlyList<string> Tags)
{
    /// <summary>The source's lines (a trailing newline adds no empty line).</summary>
    public IReadOnlyList<string> Lines => Source.TrimEnd('\n').Split('\n');

    /// <summary>"cell 12 (code)" for messages.</summary>
    public override string ToString() => $"cell {Number} ({(IsCode ? "code" : "markdown")})";
}
