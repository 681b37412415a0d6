using System.Text.RegularExpressions;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// The exercise check cells: with the placeholders as committed each check says "not yet", and with
/// a correct answer put in (kept here, not in the notebooks) each says "correct".
/// </summary>
public sealed class ExerciseCheckTests
{
    // Placeholder as committed -> a correct answer, per notebook.
    private static readonly Dictionary<string, (string Placeholder, string Answer)[]> Solutions = new()
    {
        ["00-getting-started.ipynb"] =
        [
            ("int[] exercise1Shape = { 0 };", "int[] exercise1Shape = { 4 };"),
            ("float exercise2Gradient = 0f;",
             "var x2 = Tensor.Scalar(2f, requiresGrad: true); (x2 * x2 * x2 - 2f * x2).Backward(); float exercise2Gradient = x2.Grad!.Item();"),
            ("float exercise3W = 0f;", "float exercise3W = Minimise(Tensor.FromArray(new float[] { 2, -12, 3 }), 0.05f, 200);"),
        ],
        ["01-logistic-regression.ipynb"] =
        [
            ("double exercise1 = -1;", "double exercise1 = 0.5;"),
            ("double exercise2 = 0;", "double exercise2 = -Math.Log(0.8);"),
            ("double exercise3 = 0;", "double exercise3 = (double)cm[0, 0] / (cm[0, 0] + cm[0, 1]);"),
        ],
        ["02-softmax-and-cross-entropy.ipynb"] =
        [
            ("float[] exercise1 = { 0f, 0f, 0f, 0f };", "float[] exercise1 = { 0.25f, 0.25f, 0.25f, 0.25f };"),
            ("double exercise2 = 0;", "double exercise2 = -Math.Log(0.7);"),
            ("float[] exercise3 = { 0f, 0f, 0f };",
             "float[] exercise3 = (SoftmaxByHand(Tensor.FromArray(new float[] { 1, 2, 3 })) - OneHot(0, 3)).Data;"),
        ],
        ["03-softmax-classifier-from-scratch.ipynb"] =
        [
            ("int exercise1 = 0;", "int exercise1 = 4 * 3 + 3;"),
            ("int exercise2 = -1;", "int exercise2 = (int)Hypothesis(Tensor.FromArray(new float[,] { { 1, 7, 6, 6 } })).ArgMax(1).Item();"),
            ("int exercise3 = 0;", "int exercise3 = (2 * 32 + 32) + (32 * 3 + 3);"),
        ],
    };

    public static TheoryData<string> Notebooks => new(Solutions.Keys);

    private static IReadOnlyList<string> CheckLines(CourseNotebook run)
        => run.Printed.Split('\n').Where(l => Regex.IsMatch(l, @"^Exercise \d: ")).ToList();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Checks_say_not_yet_for_the_committed_placeholders(string fileName)
    {
        var run = TestRuns.All().Single(r => r.FileName == fileName);
        var lines = CheckLines(run);
        Assert.Equal(Solutions[fileName].Length, lines.Count);
        Assert.All(lines, line => Assert.Contains(": not yet. Hint: ", line));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Checks_say_correct_for_right_answers(string fileName)
    {
        var notebook = Notebook.Load(Path.Combine(CourseNotebook.NotebooksFolder, fileName));
        var library = Path.GetFullPath(Path.Combine(CourseNotebook.NotebooksFolder, "..", "lib", "bin", "NotebookCourse.dll"));
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            var source = cell.Source.Replace("#r \"../lib/bin/NotebookCourse.dll\"", $"#r \"{library}\"", StringComparison.Ordinal);
            foreach (var (placeholder, answer) in Solutions[fileName])
            {
                source = source.Replace(placeholder, answer, StringComparison.Ordinal);
            }
            cell.Source = source;
        }
        var folder = Path.Combine(Path.GetTempPath(), "nbcourse-notebook-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, fileName);
        notebook.Save(path);
        var parameters = fileName.StartsWith("03", StringComparison.Ordinal) ? TestRuns.SoftmaxFromScratch : [];

        var run = CourseNotebook.RunFile(path, parameters);

        run.AssertNoFailedCell();
        var lines = CheckLines(run);
        Assert.Equal(Solutions[fileName].Length, lines.Count);
        Assert.All(lines, line => Assert.Contains(": correct, well done.", line));
    }
}
