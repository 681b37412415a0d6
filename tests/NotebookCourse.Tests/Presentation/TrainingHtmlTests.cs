using System.Text.RegularExpressions;
using NotebookCourse.Presentation;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Presentation;

public class TrainingHtmlTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Fact]
    public void Model_summary_lists_every_layer_and_the_totals_with_thousands_separators()
    {
        // The 784-64-32-10 network: 50,240 + 2,080 + 330 = 52,650 parameters.
        var summary = new ModelSummary("sequential", [
            new SummaryRow("dense_1", "Dense", "(None, 64)", 784 * 64 + 64),
            new SummaryRow("dense_2", "Dense", "(None, 32)", 64 * 32 + 32),
            new SummaryRow("dense_3", "Dense", "(None, 10)", 32 * 10 + 10),
        ], 52650, 52650);
        var html = summary.ToHtml();
        Assert.Equal(4, Count(html, "<tr>"));
        Assert.Contains(">dense_2 (Dense)</td>", html);
        Assert.Contains(">(None, 32)</td>", html);
        Assert.Contains(">50,240</td>", html);
        Assert.Contains("Total params: <b>52,650</b>", html);
        Assert.Contains("Non-trainable params: 0", html);
    }

    [Fact]
    public void Model_summary_escapes_names_and_shows_its_note()
    {
        var summary = new ModelSummary("<my model>", [new SummaryRow("a&b", "Custom", "?", 0)], 0, 0, note: "not built <yet>");
        var html = summary.ToHtml();
        Assert.Contains("&lt;my model&gt;", html);
        Assert.Contains("a&amp;b (Custom)", html);
        Assert.Contains("not built &lt;yet&gt;", html);
        Assert.DoesNotContain("<my model>", html);
    }

    [Fact]
    public void Model_summary_never_shortens_its_layer_list()
    {
        var rows = Enumerable.Range(1, 30).Select(i => new SummaryRow($"dense_{i}", "Dense", "(None, 4)", 20)).ToList();
        var html = new ModelSummary("deep", rows, 600, 600).ToHtml();
        Assert.Equal(31, Count(html, "<tr>"));
        Assert.Contains("dense_15 (Dense)", html);
    }

    [Fact]
    public void Training_progress_shows_a_bar_with_batches_done_logs_and_times()
    {
        var progress = new TrainingProgress(3, 10, 12, 30,
            new Dictionary<string, double> { ["loss"] = 0.2345, ["accuracy"] = 0.9123 },
            TimeSpan.FromSeconds(4.2), TimeSpan.FromSeconds(9.8));
        var html = progress.ToHtml();
        Assert.Contains("<progress value=\"12\" max=\"30\"", html);
        Assert.Contains("Epoch 3/10", html);
        Assert.Contains("12/30", html);
        Assert.Contains("loss: 0.2345", html);
        Assert.Contains("accuracy: 0.9123", html);
        Assert.Contains("4.2s elapsed", html);
        Assert.Contains("~9.8s left", html);
    }

    [Fact]
    public void Finished_training_progress_has_no_time_left()
    {
        var progress = new TrainingProgress(5, 5, 8, 8, new Dictionary<string, double>(), TimeSpan.FromSeconds(3), TimeSpan.Zero);
        var html = progress.ToHtml();
        Assert.Contains("<progress value=\"8\" max=\"8\"", html);
        Assert.DoesNotContain("left", html);
    }

    [Fact]
    public void History_html_has_a_row_per_epoch_and_the_notes()
    {
        var history = new History();
        history.Add(new Dictionary<string, double> { ["loss"] = 0.9, ["val_loss"] = 1.1 });
        history.Add(new Dictionary<string, double> { ["loss"] = 0.4, ["val_loss"] = 0.8 });
        history.AddNote("Early stop: val_loss <did not improve>");
        var html = history.ToHtml();
        Assert.Equal(3, Count(html, "<tr>"));
        Assert.Contains(">val_loss</th>", html);
        Assert.Contains(">0.4000</td>", html);
        Assert.Contains("2 epochs", html);
        Assert.Contains("&lt;did not improve&gt;", html);
    }

    [Fact]
    public void Confusion_matrix_html_puts_true_classes_in_rows_and_reports_accuracy()
    {
        // true cat: 5 predicted cat, 1 predicted dog; true dog: 2 predicted cat, 12 predicted dog
        int[] truth = [.. Enumerable.Repeat(0, 6), .. Enumerable.Repeat(1, 14)];
        int[] predicted = [.. Enumerable.Repeat(0, 5), 1, 0, 0, .. Enumerable.Repeat(1, 12)];
        var html = NotebookCourse.Metrics.ConfusionMatrix.From(predicted, truth, ["cat", "<dog>"]).ToHtml();
        Assert.Equal(3 + 3, Count(html, "<tr>")); // the counts, then the per-class report
        Assert.Contains("&lt;dog&gt;", html);
        Assert.Contains("<b>12</b>", html);
        // (5 + 12) / 20 = 0.85
        Assert.Contains("accuracy 0.85 (17 of 20)", html);
        var rows = Regex.Matches(html, "<tr>(.*?)</tr>").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(">cat</th>", rows[1]);
        Assert.Contains(">1</td>", rows[1]);
        Assert.Contains(">2</td>", rows[2]);
    }

    [Fact]
    public void Progress_before_the_first_batch_has_no_time_estimate()
    {
        var progress = new TrainingProgress(1, 3, 0, 10, new Dictionary<string, double>(), TimeSpan.Zero, null);
        var html = progress.ToHtml();
        Assert.Contains("<progress value=\"0\" max=\"10\"", html);
        Assert.DoesNotContain("left", html);
    }

    [Fact]
    public void Confusion_matrix_object_shows_counts_and_per_class_precision_recall_f1()
    {
        // true:      0 0 0 1 1 2
        // predicted: 0 0 1 1 2 2
        // class 0: precision 2/2 = 1, recall 2/3; class 1: precision 1/2, recall 1/2; class 2: precision 1/2, recall 1/1.
        var cm = NotebookCourse.Metrics.ConfusionMatrix.From([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 2], ["a", "b", "c"]);
        var html = cm.ToHtml();
        Assert.Contains("accuracy 0.6667 (4 of 6)", html);
        var rows = Regex.Matches(html, "<tr>(.*?)</tr>").Select(m => m.Groups[1].Value).ToList();
        // 4 rows of counts (header + 3 classes), then 4 of the report.
        Assert.Equal(8, rows.Count);
        Assert.Contains(">a</td><td style=\"padding:2px 6px;text-align:right;border:1px solid #ddd\">1</td>", rows[5]);
        Assert.Contains(">0.6667</td>", rows[5]);
        Assert.Contains(">0.5</td>", rows[6]);
        Assert.Contains(">3</td>", rows[5]); // support of class a
    }
}
