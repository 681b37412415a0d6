using System.Text.RegularExpressions;
using NotebookCourse.Ipynb;
using NotebookCourse.Runner;
using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>The course notebooks pass <c>nbcourse check</c>: metadata, structure, no committed outputs.</summary>
public sealed class NotebookCheckTests
{
    private static readonly string[] FileNames =
    [
        "00-getting-started.ipynb",
        "01-logistic-regression.ipynb",
        "02-softmax-and-cross-entropy.ipynb",
        "03-softmax-classifier-from-scratch.ipynb",
    ];

    public static TheoryData<string> Notebooks => new(FileNames);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_passes_check(string fileName)
    {
        var problems = NotebookChecker.Check(Path.Combine(CourseNotebook.NotebooksFolder, fileName));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [NbformatFact]
    public void Committed_notebooks_and_their_executed_copies_validate_against_the_nbformat_schema()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nbcourse-notebook-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var paths = FileNames.Select(name => Path.Combine(CourseNotebook.NotebooksFolder, name)).ToList();
        foreach (var notebook in TestRuns.All())
        {
            var executed = Path.Combine(folder, notebook.FileName);
            notebook.Result.Notebook.Save(executed);
            paths.Add(executed);
        }
        var errors = NbformatValidation.ValidateAll(paths).Where(e => e.Value is not null).Select(e => $"{e.Key}: {e.Value}");
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_has_exercises_with_check_cells_a_summary_and_a_glossary(string fileName)
    {
        var notebook = Notebook.Load(Path.Combine(CourseNotebook.NotebooksFolder, fileName));
        var checks = notebook.Cells.Count(c => c.IsCode && c.Source.Contains("Check(\"Exercise", StringComparison.Ordinal));
        Assert.InRange(checks, 2, 4);
        var markdown = string.Join("\n", notebook.Cells.Where(c => c.CellType == "markdown").Select(c => c.Source));
        Assert.Contains("## Summary", markdown);
        Assert.Contains("## Glossary", markdown);
        Assert.Contains("| English | 한국어 |", markdown);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void First_code_cell_pins_the_repositorys_package_versions_and_loads_the_library(string fileName)
    {
        var notebook = Notebook.Load(Path.Combine(CourseNotebook.NotebooksFolder, fileName));
        var first = notebook.Cells.First(c => c.IsCode).Source;
        var pinned = PinnedVersions();
        var requests = Regex.Matches(first, """^\s*#r\s+"nuget:\s*(?<name>[^,"]+?)\s*(,\s*(?<version>[^"]*?)\s*)?"\s*$""", RegexOptions.Multiline)
            .Select(m => (Name: m.Groups["name"].Value, Version: m.Groups["version"].Success ? m.Groups["version"].Value : null)).ToList();
        Assert.Contains(requests, r => r.Name == "Plotly.NET.Interactive");
        foreach (var request in requests)
        {
            // Plotly.NET.Interactive is only used in Polyglot; it ships with the same version as Plotly.NET.
            var name = request.Name == "Plotly.NET.Interactive" ? "Plotly.NET" : request.Name;
            Assert.True(pinned.TryGetValue(name, out var version), $"{request.Name} is not pinned in Directory.Packages.props");
            Assert.Equal(version, request.Version);
        }
        Assert.Contains("#r \"../lib/bin/NotebookCourse.dll\"", first);
    }

    private static Dictionary<string, string> PinnedVersions()
    {
        var props = Path.Combine(CourseNotebook.NotebooksFolder, "..", "Directory.Packages.props");
        return System.Xml.Linq.XDocument.Load(props).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
    }
}
