using System.Text.RegularExpressions;
using NotebookCourse.Testing;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// The exercise check cells, run in the kernel: in a notebook as committed every check says "not yet",
/// and in its teacher solution (notebooks/solutions/) every check says "correct", one line per check.
/// </summary>
public sealed partial class ExerciseCheckTests
{
    public static TheoryData<string> Notebooks => new(CourseStandard.NotebooksWithoutMnist);

    public static TheoryData<string> MnistNotebooks => new(CourseStandard.NotebooksWithMnist);

    private static IReadOnlyList<string> Verdicts(CourseNotebook run)
        => [.. run.Printed.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => Verdict().IsMatch(l))];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Checks_say_not_yet_for_the_committed_placeholders(string fileName) => AssertNotYet(fileName);

    [MnistTheory]
    [MemberData(nameof(MnistNotebooks))]
    public void Checks_say_not_yet_for_the_committed_placeholders_of_the_MNIST_notebooks(string fileName) => AssertNotYet(fileName);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Checks_say_correct_in_the_teachers_solution(string fileName) => AssertCorrect(fileName);

    [MnistTheory]
    [MemberData(nameof(MnistNotebooks))]
    public void Checks_say_correct_in_the_teachers_solution_of_the_MNIST_notebooks(string fileName) => AssertCorrect(fileName);

    private static void AssertNotYet(string fileName)
    {
        var run = TestRuns.Notebook(fileName);
        run.AssertNoFailedCell();
        var checks = CourseStandard.LoadNotebook(fileName).Checks;
        var verdicts = Verdicts(run);
        Assert.Equal(checks.Select(c => c.Id), verdicts.Select(v => Verdict().Match(v).Groups["id"].Value));
        Assert.All(verdicts, v => Assert.Contains(": not yet — ", v));
    }

    private static void AssertCorrect(string fileName)
    {
        var run = TestRuns.Solution(fileName);
        run.AssertNoFailedCell();
        var checks = CourseStandard.LoadNotebook(fileName).Checks;
        var verdicts = Verdicts(run);
        Assert.Equal(checks.Select(c => c.Id), verdicts.Select(v => Verdict().Match(v).Groups["id"].Value));
        Assert.All(verdicts, v => Assert.EndsWith(": correct", v));
    }

    [GeneratedRegex(@"^Exercise (?<id>\d\d\.\d+): (correct|not yet)")]
    private static partial Regex Verdict();
}
