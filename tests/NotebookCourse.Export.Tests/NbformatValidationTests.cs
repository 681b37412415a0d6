using NotebookCourse.Testing;

namespace NotebookCourse.Export.Tests;

/// <summary>The fixtures are checked against the official nbformat schema, and the checker can fail.</summary>
public sealed class NbformatValidationTests
{
    [NbformatFact]
    public void Course_fixtures_are_valid_nbformat_4_notebooks()
    {
        var notebooks = CourseFixtures.PrepareCourse("nbformat");

        var results = NbformatValidation.ValidateAll(notebooks);

        Assert.All(results, result => Assert.True(result.Value is null, $"{result.Key}: {result.Value}"));
    }

    [NbformatFact]
    public void Execute_result_without_execution_count_fails_the_nbformat_schema()
    {
        var error = NbformatValidation.Validate(CourseFixtures.File("bad-schema.ipynb"));

        Assert.NotNull(error);
        Assert.Contains("ValidationError", error);
    }

    [NbformatFact]
    public void Nbformat_3_notebook_is_rejected()
    {
        var error = NbformatValidation.Validate(CourseFixtures.File("bad-nbformat3.ipynb"));

        Assert.NotNull(error);
        Assert.Contains("expected 4", error);
    }
}
