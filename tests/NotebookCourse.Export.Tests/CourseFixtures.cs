using System.Text.Json.Nodes;
using NotebookCourse.Plotting;
using NotebookCourse.Training;

namespace NotebookCourse.Export.Tests;

/// <summary>The hand-written executed notebooks in Fixtures/, made ready to export.</summary>
internal static class CourseFixtures
{
    /// <summary>Placeholder prefix in 02-charts.ipynb: "NC_FIGURE:line" is replaced by the HTML of <see cref="Figures"/>["line"].</summary>
    public const string FigurePlaceholder = "NC_FIGURE:";

    /// <summary>
    /// Another library's plotly chart in 02-charts.ipynb: a div and a script calling the global
    /// <c>Plotly.newPlot</c>, drawn by the page's plotly.js like the library's figures.
    /// </summary>
    public const string OtherLibraryChart =
        "<div id=\"other-chart\" style=\"height:300px\"></div><script type=\"text/javascript\">Plotly.newPlot('other-chart', [{\"type\": \"bar\", \"x\": [\"a\", \"b\", \"c\"], \"y\": [1, 3, 2]}], {\"height\": 300}, {});</script>";

    /// <summary>The folder holding the fixture files in the test output.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Path of a fixture file by name.</summary>
    public static string File(string name) => Path.Combine(Folder, name);

    /// <summary>
    /// The course library's figures that 02-charts.ipynb shows, made by the library itself as a notebook
    /// makes them: a line with a title holding "&lt;/script&gt;", subplots, a heatmap with notes, bars on a
    /// log axis, an image grid, a grid whose long subplot titles crowd each other on a phone, a computation
    /// graph whose point labels would pile up there, and curves with Korean titles and five long legend entries.
    /// </summary>
    public static IReadOnlyDictionary<string, Figure> Figures { get; } = MakeFigures();

    /// <summary>The fixture course exported once per test run as a normal site (assets beside the pages); read it, do not change it.</summary>
    public static Lazy<(ExportReport Report, string Folder)> NormalExport { get; } = new(() => ExportCourse("exported-normal", selfContained: false));

    /// <summary>The fixture course exported once per test run with <c>--self-contained</c> pages; read it, do not change it.</summary>
    public static Lazy<(ExportReport Report, string Folder)> SelfContainedExport { get; } = new(() => ExportCourse("exported-self-contained", selfContained: true));

    private static (ExportReport Report, string Folder) ExportCourse(string name, bool selfContained)
    {
        var folder = NewFolder(Path.Combine("sites", name));
        return (SiteExporter.Export(PrepareCourse(name), folder, new ExportOptions(selfContained, "Classification in C#")), folder);
    }

    private static Dictionary<string, Figure> MakeFigures()
    {
        var history = new History();
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            history.Add(new Dictionary<string, double>
            {
                ["loss"] = 1.0 / epoch,
                ["accuracy"] = 1 - 0.5 / epoch,
                ["val_loss"] = 1.2 / epoch,
                ["val_accuracy"] = 1 - 0.6 / epoch,
            });
        }

        // Ten 8 x 8 "digits": a bar whose position is the label.
        var pixels = new float[10 * 64];
        for (var n = 0; n < 10; n++)
        {
            for (var r = 1; r < 7; r++)
            {
                pixels[n * 64 + r * 8 + (n % 8)] = 1f;
            }
        }

        // Notebook 05's grid of misread digits: twelve images under long titles, two rows of six.
        var twelve = new float[12 * 64];
        for (var n = 0; n < 12; n++)
        {
            for (var r = 1; r < 7; r++)
            {
                twelve[n * 64 + r * 8 + (n % 8)] = 1f;
            }
        }

        string[] misread = ["444", "583", "613", "728", "738", "741", "1514", "1839", "2110", "2138", "2397", "2475"];

        // Notebook 08's 2-2-2 sigmoid network: a computation graph eleven columns wide with two-line labels.
        var x = Tensor.FromArray(new float[,] { { 0.05f, 0.10f } });
        var y = Tensor.FromArray(new float[,] { { 0.01f, 0.99f } });
        var w1 = Tensor.FromArray(new float[,] { { 0.15f, 0.25f }, { 0.20f, 0.30f } }, requiresGrad: true);
        var b1 = Tensor.FromArray(new float[] { 0.35f, 0.35f }, requiresGrad: true);
        var w2 = Tensor.FromArray(new float[,] { { 0.40f, 0.50f }, { 0.45f, 0.55f } }, requiresGrad: true);
        var b2 = Tensor.FromArray(new float[] { 0.60f, 0.60f }, requiresGrad: true);
        var output = ((x.MatMul(w1) + b1).Sigmoid().MatMul(w2) + b2).Sigmoid();
        var error = 0.5f * (y - output).Square().Sum();
        error.Backward();

        return new Dictionary<string, Figure>
        {
            ["line"] = new Figure().Line([1.0, 2.0, 3.0], [2.0, 4.0, 3.0], name: "scores").Title("Scores </script> by round").XAxis("round").YAxis("score"),
            ["history"] = Charts.History(history),
            ["confusion"] = Charts.ConfusionMatrix(new[,] { { 5, 1, 0 }, { 2, 7, 1 }, { 0, 1, 9 } }, ["cat", "dog", "bird"]),
            ["gradients"] = Charts.GradientNorms([
                ("sigmoid", [("dense_1", 3e-7), ("dense_2", 2e-5), ("dense_3", 0.01)]),
                ("relu", [("dense_1", 0.02), ("dense_2", 0.03), ("dense_3", 0.04)]),
            ]),
            ["images"] = Charts.ImageGrid(new Tensor(pixels, [10, 64]), 2, 5, [.. Enumerable.Range(0, 10)]),
            ["grid-titles"] = Charts.ImageGrid(new Tensor(twelve, [12, 64]), 2, 6, [.. misread.Select(n => $"test image {n}")]).Title("Test images of a 2 that the model reads as 8"),
            ["graph"] = Charts.ComputationGraph(error, title: "The graph autograd recorded for E"),
            ["korean"] = KoreanCurves("학습 곡선: 훈련과 검증 손실, 두 학습률과 드롭아웃 (learning curves)", "에포크 (epoch): 훈련 데이터를 한 번 모두 본 횟수"),
        };
    }

    /// <summary>
    /// Curves with a Korean <paramref name="title"/>, axis titles and five long legend entries: they need the bundled
    /// font, and on a phone a long title or x axis title breaks into lines and the legend wraps onto several rows.
    /// </summary>
    public static Figure KoreanCurves(string title, string xTitle)
    {
        var epochs = Enumerable.Range(1, 10).ToArray();
        double Curve(int epoch, double start, double rate) => start * Math.Exp(-rate * epoch) + 0.1;
        return new Figure()
            .Line(epochs, epochs.Select(e => Curve(e, 1.0, 0.30)), name: "훈련 손실 (training loss)")
            .Line(epochs, epochs.Select(e => Curve(e, 1.1, 0.25)), name: "검증 손실 (validation loss)", dash: "dash")
            .Line(epochs, epochs.Select(e => Curve(e, 1.0, 0.60)), name: "학습률 0.1 (learning rate 0.1)")
            .Line(epochs, epochs.Select(e => Curve(e, 1.0, 0.08)), name: "학습률 0.01 (learning rate 0.01)")
            .Line(epochs, epochs.Select(e => Curve(e, 1.2, 0.20)), name: "드롭아웃 0.5 (dropout 0.5)")
            .Title(title)
            .XAxis(xTitle)
            .YAxis("손실 (loss)");
    }

    /// <summary>
    /// Copies the two course fixtures into a new folder under the test output, putting the HTML of the library's
    /// <see cref="Figures"/> into 02-charts.ipynb's placeholders; returns their paths in course order.
    /// </summary>
    public static IReadOnlyList<string> PrepareCourse(string name)
    {
        var folder = NewFolder(Path.Combine("notebooks", name));
        var basics = Path.Combine(folder, "01-basics.ipynb");
        System.IO.File.Copy(File("01-basics.ipynb"), basics);

        var charts = JsonNode.Parse(System.IO.File.ReadAllText(File("02-charts.ipynb")))!;
        var placed = new List<string>();
        foreach (var output in charts["cells"]!.AsArray().SelectMany(cell => cell!["outputs"]?.AsArray() ?? []))
        {
            if (output!["data"]?["text/html"] is { } html && html.GetValue<string>() is var text && text.StartsWith(FigurePlaceholder, StringComparison.Ordinal))
            {
                var figure = text[FigurePlaceholder.Length..];
                output["data"]!["text/html"] = Figures[figure].ToHtml();
                placed.Add(figure);
            }
        }

        if (!placed.Order().SequenceEqual(Figures.Keys.Order()))
        {
            throw new InvalidOperationException($"02-charts.ipynb should show each figure once; it has placeholders for {string.Join(", ", placed)}");
        }

        var chartsPath = Path.Combine(folder, "02-charts.ipynb");
        System.IO.File.WriteAllText(chartsPath, charts.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return [basics, chartsPath];
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
