using System.Text.Json.Nodes;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace NotebookCourse.Runner.Tests;

/// <summary>Paths of the fixture notebooks and helpers to read outputs.</summary>
internal static class Fixture
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>The 1-based line of the first line of <paramref name="source"/> containing <paramref name="marker"/>.</summary>
    public static int LineOf(string source, string marker)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0, $"marker '{marker}' not in source");
        return index + 1;
    }

    /// <summary>The source of cell <paramref name="number"/> (1-based) of a fixture notebook, read as plain JSON.</summary>
    public static string CellSource(string notebook, int number)
    {
        var root = JsonNode.Parse(File.ReadAllText(PathOf(notebook)))!;
        var source = root["cells"]![number - 1]!["source"]!;
        return source is JsonArray lines ? string.Concat(lines.Select(l => (string)l!)) : (string)source!;
    }

    private static readonly Lazy<string> TempRoot = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "nbcourse-runner-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // a file still open; the OS cleans the temp folder eventually
            }
        };
        return root;
    });

    /// <summary>A fresh temporary folder, deleted when the test run ends.</summary>
    public static string TempFolder()
    {
        var folder = Path.Combine(TempRoot.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string Html(CellOutput output) => ((DisplayOutput)output).Data["text/html"];

    public static string Plain(CellOutput output) => ((DisplayOutput)output).Data["text/plain"];
}
