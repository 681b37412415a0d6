using NotebookCourse.Runner;
using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>The course notebooks pass <c>nbcourse check</c>: metadata, structure, no committed outputs.</summary>
public sealed class NotebookCheckTests
{
    private static IReadOnlyList<string> FileNames => CourseStandard.NotebookFileNames;

    public static TheoryData<string> Notebooks => new(FileNames);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_and_its_solution_pass_check(string fileName)
    {
        foreach (var path in new[] { Path.Combine(CourseNotebook.NotebooksFolder, fileName), CourseStandard.SolutionPath(fileName) })
        {
            var problems = NotebookChecker.Check(path);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }

    [NbformatFact]
    public void Committed_notebooks_and_their_executed_copies_validate_against_the_nbformat_schema()
    {
        using var temp = new TempFolder("nbcourse-notebook-tests-");
        var folder = temp.Path;
        var paths = FileNames.Select(name => Path.Combine(CourseNotebook.NotebooksFolder, name)).Concat(FileNames.Select(CourseStandard.SolutionPath)).ToList();
        foreach (var notebook in TestRuns.All())
        {
            var executed = Path.Combine(folder, notebook.FileName);
            notebook.SaveTo(executed);
            paths.Add(executed);
        }
        var errors = NbformatValidation.ValidateAll(paths).Where(e => e.Value is not null).Select(e => $"{e.Key}: {e.Value}");
        Assert.Empty(errors);
    }
}
