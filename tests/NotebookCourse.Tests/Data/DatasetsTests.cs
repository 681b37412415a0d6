using System.Security.Cryptography;
using NotebookCourse.Data;

namespace NotebookCourse.Tests.Data;

public sealed class DatasetsTests
{
    private static string Dir => TestPaths.DataDirectory;

    [Fact]
    public void Iris_has_150_rows_of_4_features_and_50_per_species()
    {
        var iris = Datasets.Iris(Dir);
        Assert.Equal([150, 4], iris.Features.Shape);
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.ClassNames);
        Assert.Equal([50, 50, 50], iris.ClassCounts());
        // data/iris.csv line 2: 5.1,3.5,1.4,0.2,setosa
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Features.Row(0).ToArray());
        // descr/iris.rst summary: sepal length min 4.3, max 7.9, mean 5.84
        var sepal = Enumerable.Range(0, 150).Select(r => iris.Features[r, 0]).ToArray();
        Assert.Equal(4.3f, sepal.Min());
        Assert.Equal(7.9f, sepal.Max());
        Assert.Equal(5.84, sepal.Average(), 2);
    }

    [Fact]
    public void Breast_cancer_has_569_rows_30_features_212_malignant_357_benign()
    {
        var data = Datasets.BreastCancer(Dir);
        Assert.Equal([569, 30], data.Features.Shape);
        Assert.Equal(30, data.FeatureNames.Count);
        Assert.Equal([212, 357], data.ClassCounts());
        Assert.Equal(["malignant", "benign"], data.ClassNames);
        // descr/breast_cancer.rst: radius (mean) 6.981..28.11, area (worst) up to 4254
        var radius = Enumerable.Range(0, 569).Select(r => data.Features[r, 0]).ToArray();
        Assert.Equal(6.981f, radius.Min());
        Assert.Equal(28.11f, radius.Max());
        Assert.Equal(4254f, Enumerable.Range(0, 569).Max(r => data.Features[r, 23]));
    }

    [Fact]
    public void Wine_has_178_rows_of_13_features_in_classes_59_71_48()
    {
        var wine = Datasets.Wine(Dir);
        Assert.Equal([178, 13], wine.Features.Shape);
        Assert.Equal([59, 71, 48], wine.ClassCounts());
        // descr/wine_data.rst: proline 278..1680
        var proline = Enumerable.Range(0, 178).Select(r => wine.Features[r, 12]).ToArray();
        Assert.Equal(278f, proline.Min());
        Assert.Equal(1680f, proline.Max());
    }

    [Fact]
    public void Digits_has_1797_images_of_64_pixels_between_0_and_16()
    {
        var digits = Datasets.Digits(Dir);
        Assert.Equal([1797, 64], digits.Features.Shape);
        Assert.Equal(10, digits.ClassCount);
        Assert.Equal(1797, digits.ClassCounts().Sum());
        Assert.Equal(0f, digits.Features.Data.Min());
        Assert.Equal(16f, digits.Features.Data.Max());
        Assert.Equal([8, 8], digits.Features.Reshape(-1, 8, 8).Shape[1..]);
    }

    [Fact]
    public void Data_folder_is_found_from_the_test_binaries()
    {
        Assert.Equal(Path.GetFullPath(Dir), Path.GetFullPath(Datasets.FindDataDirectory()));
        Assert.Equal(150, Datasets.Iris().Count);
    }

    [Theory]
    [InlineData("iris.csv")]
    [InlineData("breast_cancer.csv")]
    [InlineData("wine.csv")]
    [InlineData("digits.csv")]
    public void Csv_files_match_the_checksums_in_the_data_readme(string name)
    {
        var readme = File.ReadAllLines(Path.Combine(Dir, "README.md"));
        // the files table: | `name` | rows | columns | `sha256` |
        var expected = readme
            .Where(l => l.StartsWith($"| `{name}` |", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[^2].Trim('`'))
            .Single(cell => System.Text.RegularExpressions.Regex.IsMatch(cell, "^[0-9a-f]{64}$"));
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Dir, name))));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Missing_data_folder_gives_a_clear_error()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.Iris(Path.Combine(Dir, "no-such-folder")));
        Assert.Contains("iris.csv", e.Message);
    }
}
