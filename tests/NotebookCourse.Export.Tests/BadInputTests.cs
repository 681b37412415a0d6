namespace NotebookCourse.Export.Tests;

/// <summary>Files that are not executed nbformat 4 notebooks are refused with a message naming the file and the expectation.</summary>
public sealed class BadInputTests
{
    private static string Export(params string[] notebooks)
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "bad-input"));
        var error = Assert.Throws<NotebookFormatException>(() => SiteExporter.Export(notebooks, folder, new ExportOptions()));
        Assert.Equal(notebooks.Last(), error.NotebookPath);
        Assert.StartsWith(notebooks.Last() + ":", error.Message);
        return error.Message;
    }

    [Fact]
    public void File_that_is_not_json_is_reported_with_its_path()
    {
        var message = Export(CourseFixtures.File("bad-not-json.ipynb"));

        Assert.Contains("not valid JSON", message);
        Assert.Contains("nbformat 4", message);
    }

    [Fact]
    public void Nbformat_3_file_is_reported_as_expecting_nbformat_4()
    {
        var message = Export(CourseFixtures.File("bad-nbformat3.ipynb"));

        Assert.Contains("expected \"nbformat\": 4, found 3", message);
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var message = Export(Path.Combine(CourseFixtures.Folder, "no-such-notebook.ipynb"));

        Assert.Contains("file not found", message);
    }

    [Fact]
    public void Code_cell_without_outputs_is_reported_with_the_cell_position()
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("notebooks", "no-outputs"));
        var path = Path.Combine(folder, "03-no-outputs.ipynb");
        File.WriteAllText(path, """
            { "nbformat": 4, "nbformat_minor": 5, "metadata": {},
              "cells": [ { "cell_type": "markdown", "metadata": {}, "source": "# Title" },
                         { "cell_type": "code", "metadata": {}, "execution_count": 1, "source": "1 + 1" } ] }
            """);

        var message = Export(path);

        Assert.Contains("cells[1]: expected property \"outputs\"", message);
    }

    [Fact]
    public void Unknown_output_type_is_reported_with_the_expected_types()
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("notebooks", "bad-output"));
        var path = Path.Combine(folder, "04-bad-output.ipynb");
        File.WriteAllText(path, """
            { "nbformat": 4, "nbformat_minor": 5, "metadata": {},
              "cells": [ { "cell_type": "code", "metadata": {}, "execution_count": 1, "source": "1 + 1",
                           "outputs": [ { "output_type": "pyout", "text": "2" } ] } ] }
            """);

        var message = Export(path);

        Assert.Contains("cells[0].outputs[0]: expected \"output_type\" to be one of stream, display_data, execute_result, error, found \"pyout\"", message);
    }

    [Fact]
    public void Two_notebooks_with_the_same_file_name_are_refused()
    {
        var notebooks = CourseFixtures.PrepareCourse("duplicate");
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", "duplicate"));

        var error = Assert.Throws<ArgumentException>(() =>
            SiteExporter.Export([notebooks[0], CourseFixtures.File("01-basics.ipynb")], folder, new ExportOptions()));

        Assert.Contains("01-basics.html", error.Message);
    }

    [Fact]
    public void Notebook_named_index_is_refused_because_it_would_replace_the_table_of_contents()
    {
        var folder = CourseFixtures.NewFolder(Path.Combine("notebooks", "index-name"));
        var path = Path.Combine(folder, "index.ipynb");
        File.Copy(CourseFixtures.File("01-basics.ipynb"), path);

        var error = Assert.Throws<ArgumentException>(() =>
            SiteExporter.Export([path], CourseFixtures.NewFolder(Path.Combine("sites", "index-name")), new ExportOptions()));

        Assert.Contains(path, error.Message);
        Assert.Contains("table of contents", error.Message);
    }
}
