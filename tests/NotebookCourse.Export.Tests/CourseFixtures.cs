using System.Text.Json.Nodes;

namespace NotebookCourse.Export.Tests;

/// <summary>The hand-written executed notebooks in Fixtures/, made ready to export.</summary>
internal static class CourseFixtures
{
    /// <summary>Placeholder in 02-charts.ipynb replaced by a real Plotly.NET chart fragment.</summary>
    public const string ChartPlaceholder = "PLOTLY_CHART_FRAGMENT";

    /// <summary>The folder holding the fixture files in the test output.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Path of a fixture file by name.</summary>
    public static string File(string name) => Path.Combine(Folder, name);

    /// <summary>
    /// Copies the two course fixtures into a new folder under the test output, putting a chart made by
    /// Plotly.NET's <c>GenericChart.toChartHTML</c> into 02-charts.ipynb; returns their paths in course order.
    /// </summary>
    public static IReadOnlyList<string> PrepareCourse(string name)
    {
        var folder = NewFolder(Path.Combine("notebooks", name));
        var basics = Path.Combine(folder, "01-basics.ipynb");
        System.IO.File.Copy(File("01-basics.ipynb"), basics);

        var charts = JsonNode.Parse(System.IO.File.ReadAllText(File("02-charts.ipynb")))!;
        var chartOutput = charts["cells"]![1]!["outputs"]![0]!["data"]!;
        if (chartOutput["text/html"]!.GetValue<string>() != ChartPlaceholder)
        {
            throw new InvalidOperationException("02-charts.ipynb: cell 2 should hold the chart placeholder");
        }

        chartOutput["text/html"] = ChartFragment();
        var chartsPath = Path.Combine(folder, "02-charts.ipynb");
        System.IO.File.WriteAllText(chartsPath, charts.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return [basics, chartsPath];
    }

    /// <summary>A real chart fragment: a div plus a script calling Plotly.newPlot.</summary>
    public static string ChartFragment()
    {
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(
            x: new[] { 1.0, 2.0, 3.0 }, y: new[] { 2.0, 4.0, 3.0 }, Name: "scores");
        return Plotly.NET.GenericChart.toChartHTML(chart);
    }

    /// <summary>An empty folder under the test output's artifacts/ (emptied if it exists).</summary>
    public static string NewFolder(string relative)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", relative);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }
}
