using NotebookCourse.Testing;

namespace NotebookCourse.Runner.Tests;

/// <summary>
/// The executed notebooks validate against the official nbformat 4 JSON schema, checked by Jupyter's own
/// nbformat package (Debian: python3-nbformat, which .ci/run installs; skipped with the reason outside CI).
/// </summary>
public sealed class NbformatSchemaTests
{
    [NbformatFact]
    public async Task Executed_notebooks_pass_the_nbformat_validator()
    {
        var paths = new List<string>();
        foreach (var (fixture, continueOnError) in new[] { ("outputs.ipynb", true), ("failures.ipynb", false), ("compile-error.ipynb", false) })
        {
            var path = Path.Combine(Fixture.TempFolder(), fixture);
            (await FixtureRuns.Get(fixture, continueOnError)).Notebook.Save(path);
            paths.Add(path);
        }
        var errors = NbformatValidation.ValidateAll(paths).Where(e => e.Value is not null).Select(e => $"{e.Key}: {e.Value}");
        Assert.Empty(errors);
    }

    [NbformatFact]
    public async Task Validator_rejects_a_broken_output_so_the_check_above_can_fail()
    {
        var result = await FixtureRuns.Get("outputs.ipynb", continueOnError: true);
        var path = Path.Combine(Fixture.TempFolder(), "broken.ipynb");
        result.Notebook.Save(path);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        json["cells"]![2]!["outputs"]![0]!.AsObject().Remove("name");
        File.WriteAllText(path, json.ToJsonString());
        Assert.NotNull(NbformatValidation.Validate(path));
    }
}
