using System.Text.RegularExpressions;

using NotebookCourse.Testing;

namespace NotebookCourse.Runner.Tests;

/// <summary>The C# examples in the repository's README run, in order, as one notebook.</summary>
public partial class ReadmeExamplesTests
{
    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [Fact]
    public async Task Readme_csharp_examples_run_without_a_failed_cell()
    {
        var root = RepositoryFolder.Root;
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n");
        var blocks = CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 4, $"expected the three-level tour and the model-file example, found {blocks.Count} csharp blocks");

        var library = Path.Combine(root, "lib", "bin", "NotebookCourse.dll").Replace("\\", "/");
        var setup = $"#r \"{library}\"\nusing NotebookCourse;\nusing NotebookCourse.Layers;\nusing NotebookCourse.Training;\nusing NotebookCourse.Serialization;\n"
            + "Sequential CreateModel() => new Sequential(new Dense(16, \"relu\", inputSize: 4), new Dense(3, \"softmax\"));\n"
            + "var model = CreateModel();\nmodel.Compile(\"adam\", \"categorical_crossentropy\", [\"accuracy\"]);\n";
        // The model-file example uses a compiled `model` and a `CreateModel()` the reader already has.
        var cells = new[] { setup }.Concat(blocks).ToList();

        var path = Fixture.Notebook("readme.ipynb", [.. cells]);

        var result = await NotebookRunner.RunAsync(path, new RunOptions());
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
        var printed = string.Concat(result.Notebook.Cells.SelectMany(c => c.Outputs).OfType<StreamOutput>().Select(s => s.Text));
        Assert.Contains("-4.9999886", printed);   // the level-1 example's promised figure
        Assert.Contains("131", printed);          // the Iris summary's parameter count
        Assert.Contains("[2, 2, 1, 0]", printed); // the level-2 classifier fits its four rows
    }
}
