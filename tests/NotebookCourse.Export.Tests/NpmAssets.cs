using System.Text.Json;

namespace NotebookCourse.Export.Tests;

/// <summary>The exporter's npm packages as pinned in tools/NotebookCourse.Export/package.json, and their installed files.</summary>
internal static class NpmAssets
{
    /// <summary>tools/NotebookCourse.Export in the repository (found by walking up to NotebookCourse.sln).</summary>
    public static string ExporterFolder { get; } = NotebookCourse.Testing.RepositoryFolder.Combine("tools", "NotebookCourse.Export");

    /// <summary>The plotly.js-dist-min version package.json pins, e.g. "4.1.2".</summary>
    public static string PlotlyVersion => Version("plotly.js-dist-min", "dependencies");

    /// <summary>The require.js version package.json pins for the test that loads a figure the way VS Code does.</summary>
    public static string RequireJsVersion => Version("requirejs", "devDependencies");

    /// <summary>An installed file, e.g. ("plotly.js-dist-min", "plotly.min.js").</summary>
    public static string File(string package, string file) => Path.Combine(ExporterFolder, "node_modules", package, file);

    private static string Version(string package, string section)
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(ExporterFolder, "package.json")));
        return json.RootElement.GetProperty(section).GetProperty(package).GetString()!;
    }
}
