namespace NotebookCourse.Data;

/// <summary>
/// The course's small real data sets, read from the repository's <c>data/</c> folder (see
/// data/README.md for their source): Iris, breast cancer, wine and the 8 x 8 digits.
/// </summary>
public static class Datasets
{
    /// <summary>The file that marks the data folder when searching for it.</summary>
    private const string MarkerFile = "iris.csv";

    /// <summary>Fisher's Iris: 150 flowers x 4 measurements (cm), 3 species (50 each).</summary>
    /// <param name="dataDirectory">The folder holding the CSV files; null to find the repository's data/ folder.</param>
    public static Dataset Iris(string? dataDirectory = null)
    {
        var table = Csv.ReadTable(PathOf("iris.csv", dataDirectory));
        string[] features = ["sepal_length", "sepal_width", "petal_length", "petal_width"];
        string[] classes = ["setosa", "versicolor", "virginica"];
        return new Dataset("iris", table.ToTensor(features), LabelsByName(table, "species", classes), features, classes);
    }

    /// <summary>Breast Cancer Wisconsin (diagnostic): 569 tumours x 30 features; 0 = malignant (212), 1 = benign (357).</summary>
    /// <param name="dataDirectory">The folder holding the CSV files; null to find the repository's data/ folder.</param>
    public static Dataset BreastCancer(string? dataDirectory = null)
    {
        var table = Csv.ReadTable(PathOf("breast_cancer.csv", dataDirectory));
        var features = table.Header.Where(h => h is not "target" and not "diagnosis").ToArray();
        return new Dataset("breast_cancer", table.ToTensor(features), LabelsByIndex(table, "target", 2), features, ["malignant", "benign"]);
    }

    /// <summary>Wine: 178 wines x 13 chemical measurements, 3 cultivators (classes 0, 1, 2).</summary>
    /// <param name="dataDirectory">The folder holding the CSV files; null to find the repository's data/ folder.</param>
    public static Dataset Wine(string? dataDirectory = null)
    {
        var table = Csv.ReadTable(PathOf("wine.csv", dataDirectory));
        var features = table.Header.Where(h => h != "class").ToArray();
        return new Dataset("wine", table.ToTensor(features), LabelsByIndex(table, "class", 3), features, ["class_0", "class_1", "class_2"]);
    }

    /// <summary>
    /// The 8 x 8 handwritten digits: 1797 images as rows of 64 pixels (values 0..16, row by row),
    /// digits 0..9. Use <c>Features.Reshape(-1, 8, 8)</c> for images.
    /// </summary>
    /// <param name="dataDirectory">The folder holding the CSV files; null to find the repository's data/ folder.</param>
    public static Dataset Digits(string? dataDirectory = null)
    {
        var table = Csv.ReadTable(PathOf("digits.csv", dataDirectory));
        var features = Enumerable.Range(0, 64).Select(i => $"p{i}").ToArray();
        var classes = Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new Dataset("digits", table.ToTensor(features), LabelsByIndex(table, "digit", 10), features, classes);
    }

    /// <summary>
    /// The full path of a file in the data folder: <paramref name="dataDirectory"/> when given, else
    /// the first <c>data/</c> folder (holding iris.csv) found walking up from the current directory
    /// or from the library's own folder. Use it with <see cref="Csv.ReadDataFrame"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No data folder was found; the message lists where it looked.</exception>
    /// <exception cref="FileNotFoundException">The folder has no such file.</exception>
    public static string PathOf(string fileName, string? dataDirectory = null)
    {
        var directory = dataDirectory ?? FindDataDirectory();
        var path = Path.GetFullPath(Path.Combine(directory, fileName));
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file not found: {path}", path);
        return path;
    }

    /// <summary>The repository's data/ folder, found by walking up from the current directory, then from the library's folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No data/ folder holding iris.csv was found.</exception>
    public static string FindDataDirectory()
    {
        var starts = new[] { Environment.CurrentDirectory, AppContext.BaseDirectory, Path.GetDirectoryName(typeof(Datasets).Assembly.Location) }
            .Where(s => !string.IsNullOrEmpty(s)).Distinct().ToArray();
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, MarkerFile))) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"Could not find the course's data/ folder (with {MarkerFile}) above {string.Join(" or ", starts)}. Pass the folder explicitly, e.g. Datasets.Iris(\"path/to/data\").");
    }

    private static int[] LabelsByName(CsvTable table, string column, string[] classes)
    {
        var c = table.ColumnIndex(column);
        var labels = new int[table.Rows.Length];
        for (var r = 0; r < labels.Length; r++)
        {
            var name = table.Rows[r][c];
            labels[r] = Array.IndexOf(classes, name);
            if (labels[r] < 0)
            {
                throw new FormatException($"{table.Source}: line {table.LineNumbers[r]}, column {c + 1} ('{column}'): expected one of {string.Join(", ", classes)} but found '{name}'.");
            }
        }
        return labels;
    }

    private static int[] LabelsByIndex(CsvTable table, string column, int classCount)
    {
        var c = table.ColumnIndex(column);
        var labels = new int[table.Rows.Length];
        for (var r = 0; r < labels.Length; r++)
        {
            var value = table.Number(r, c);
            if (value != MathF.Round(value) || value < 0 || value >= classCount)
            {
                throw new FormatException($"{table.Source}: line {table.LineNumbers[r]}, column {c + 1} ('{column}'): expected a class index 0..{classCount - 1} but found '{table.Rows[r][c]}'.");
            }
            labels[r] = (int)value;
        }
        return labels;
    }
}
