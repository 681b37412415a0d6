using System.Globalization;
using System.Net;
using System.Text;
using NotebookCourse.Training;

namespace NotebookCourse.Display;

/// <summary>
/// Readable HTML for the library's objects, as a notebook shows them: small tables, long axes shortened
/// with "…", a caption with the shape. Every piece of text inserted is HTML-escaped.
/// </summary>
public static class HtmlView
{
    /// <summary>How many leading and trailing rows or columns a long axis keeps around the "…".</summary>
    public const int EdgeItems = 5;

    private const string TableStyle = "border-collapse:collapse;font-family:monospace;font-size:12px";
    private const string CellStyle = "padding:2px 6px;text-align:right;border:1px solid #ddd";
    private const string HeadStyle = "padding:2px 6px;text-align:right;border:1px solid #ddd;color:#888;font-weight:normal";
    private const string LeftCellStyle = "padding:2px 6px;text-align:left;border:1px solid #ddd";
    private const string LeftHeadStyle = "padding:2px 6px;text-align:left;border:1px solid #ddd;color:#888;font-weight:normal";
    private const string CaptionStyle = "font-family:sans-serif;font-size:11px;color:#666;margin-top:2px";

    /// <summary>Escapes text for HTML (&amp;, &lt;, &gt;, quotes).</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// A tensor as HTML: a table for 1-D and 2-D (long axes shortened to the first and last
    /// <see cref="EdgeItems"/>), the nested text for higher ranks, and a caption with name, shape,
    /// dtype and whether it takes part in autograd.
    /// </summary>
    public static string Tensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var html = new StringBuilder("<div class=\"nc-tensor\">");
        switch (tensor.Rank)
        {
            case 0:
                html.Append("<code>").Append(Escape(NumberText.Short(tensor.Data[0]))).Append("</code>");
                break;
            case 1:
                AppendMatrix(html, tensor.Data, 1, tensor.Shape[0], rowHeaders: false);
                break;
            case 2:
                AppendMatrix(html, tensor.Data, tensor.Shape[0], tensor.Shape[1], rowHeaders: true);
                break;
            default:
                // The text form already shortens long tensors; drop its own shape suffix, the caption has it.
                var text = tensor.Detach().ToString();
                var cut = text.LastIndexOf("  shape [", StringComparison.Ordinal);
                html.Append("<pre style=\"margin:0;font-size:12px\">").Append(Escape(cut > 0 ? text[..cut] : text)).Append("</pre>");
                break;
        }
        html.Append("<div class=\"nc-caption\" style=\"").Append(CaptionStyle).Append("\">")
            .Append(Escape(Caption(tensor))).Append("</div></div>");
        return html.ToString();
    }

    /// <summary>The caption under a tensor: name, shape, dtype and the gradient marker.</summary>
    public static string Caption(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var parts = new List<string>();
        parts.Add((tensor.Name is null ? "" : tensor.Name + ": ") + "shape " + NotebookCourse.Tensor.ShapeText(tensor.Shape));
        parts.Add("float32");
        if (tensor.RequiresGrad) parts.Add(tensor.IsLeaf ? "requires grad" : "grad from " + tensor.Operation);
        if (tensor.Grad is not null) parts.Add("has .Grad");
        return string.Join(" · ", parts);
    }

    /// <summary>Training history as a table: one row per epoch, one column per recorded key, then its notes.</summary>
    public static string History(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var keys = history.Keys;
        var rows = new List<IReadOnlyList<string>>();
        for (var epoch = 0; epoch < history.Epochs; epoch++)
        {
            var row = new List<string> { (epoch + 1).ToString(CultureInfo.InvariantCulture) };
            foreach (var key in keys)
            {
                var values = history[key];
                row.Add(epoch < values.Count ? NumberText.Logged(values[epoch]) : "");
            }
            rows.Add(row);
        }
        var caption = history.Epochs == 1 ? "History: 1 epoch" : $"History: {history.Epochs} epochs";
        if (history.Notes.Count > 0) caption += " · " + string.Join(" · ", history.Notes);
        return Table(["epoch", .. keys], rows, caption);
    }

    /// <summary>A model summary as Keras shows it: layer (type), output shape, parameter count, then the totals.</summary>
    public static string ModelSummary(ModelSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var rows = summary.Rows
            .Select(r => (IReadOnlyList<string>)[$"{r.Name} ({r.Type})", r.OutputShape, Training.ModelSummary.Count(r.Parameters)])
            .ToList();
        var html = new StringBuilder("<div class=\"nc-summary\"><div style=\"font-family:sans-serif;font-size:12px;margin-bottom:2px\">Model: <b>")
            .Append(Escape(summary.ModelName)).Append("</b></div>");
        html.Append(Table(["Layer (type)", "Output Shape", "Param #"], rows, caption: null, shortenRows: false, leftColumns: 2));
        html.Append("<div style=\"").Append(CaptionStyle).Append("\">")
            .Append("Total params: <b>").Append(Escape(Training.ModelSummary.Count(summary.TotalParameters))).Append("</b> · ")
            .Append("Trainable params: ").Append(Escape(Training.ModelSummary.Count(summary.TrainableParameters))).Append(" · ")
            .Append("Non-trainable params: ").Append(Escape(Training.ModelSummary.Count(summary.NonTrainableParameters)))
            .Append("</div>");
        if (summary.Note is not null) html.Append("<div style=\"").Append(CaptionStyle).Append("\">").Append(Escape(summary.Note)).Append("</div>");
        return html.Append("</div>").ToString();
    }

    /// <summary>
    /// Training progress as a bar with the epoch, batch, running loss and metrics and the time so far and left;
    /// a notebook replaces it in place at each update.
    /// </summary>
    public static string TrainingProgress(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var batches = Math.Max(progress.Batches, 1);
        var done = Math.Clamp(progress.Batch, 0, batches);
        var html = new StringBuilder("<div class=\"nc-progress\" style=\"font-family:monospace;font-size:12px\">");
        html.Append(Escape($"Epoch {progress.Epoch}/{progress.Epochs} ")).Append(' ')
            .Append("<progress value=\"").Append(done.ToString(CultureInfo.InvariantCulture))
            .Append("\" max=\"").Append(batches.ToString(CultureInfo.InvariantCulture))
            .Append("\" style=\"width:200px;vertical-align:middle\"></progress> ")
            .Append(Escape($"{progress.Batch}/{progress.Batches}"));
        html.Append(Escape(Training.TrainingProgress.LogsText(progress.Logs)));
        html.Append(Escape(" - " + Training.TrainingProgress.FormatDuration(progress.Elapsed) + " elapsed"));
        if (progress.Remaining is { } left && !(progress.EpochDone && progress.Epoch >= progress.Epochs))
        {
            html.Append(Escape(", ~" + Training.TrainingProgress.FormatDuration(left) + " left"));
        }
        return html.Append("</div>").ToString();
    }

    /// <summary>
    /// A confusion matrix from <see cref="Metrics.ConfusionMatrix"/>: the counts table, then precision, recall,
    /// F1 and support per class (scikit-learn's classification report as a table).
    /// </summary>
    public static string ConfusionMatrix(Metrics.ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = new List<IReadOnlyList<string>>();
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            rows.Add([matrix.ClassNames[c], NumberText.Short(matrix.Precision(c)), NumberText.Short(matrix.Recall(c)),
                NumberText.Short(matrix.F1(c)), matrix.Support(c).ToString(CultureInfo.InvariantCulture)]);
        }
        var report = Table(["class", "precision", "recall", "f1-score", "support"], rows,
            caption: "macro F1 " + NumberText.Short(matrix.MacroF1), shortenRows: false, leftColumns: 1);
        return "<div class=\"nc-confusion-report\" style=\"display:flex;gap:24px;align-items:flex-start\">"
            + ConfusionMatrix(matrix.Counts, matrix.ClassNames) + report + "</div>";
    }

    /// <summary>
    /// A confusion matrix as a table: rows are the true classes, columns the predicted ones, the diagonal
    /// (correct answers) in bold, with the accuracy in the caption.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not square or the names do not match its size.</exception>
    public static string ConfusionMatrix(int[,] counts, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var k = counts.GetLength(0);
        if (counts.GetLength(1) != k) throw new ArgumentException($"A confusion matrix is square; got {k} × {counts.GetLength(1)}.", nameof(counts));
        if (classNames is not null && classNames.Count != k)
        {
            throw new ArgumentException($"Got {classNames.Count} class names for a {k} × {k} matrix.", nameof(classNames));
        }
        var names = classNames ?? [.. Enumerable.Range(0, k).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        long total = 0, correct = 0;
        var html = new StringBuilder("<div class=\"nc-confusion\"><table style=\"").Append(TableStyle).Append("\"><thead><tr>")
            .Append("<th style=\"").Append(HeadStyle).Append("\">true \\ predicted</th>");
        foreach (var name in names) html.Append("<th style=\"").Append(HeadStyle).Append("\">").Append(Escape(name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < k; i++)
        {
            html.Append("<tr><th style=\"").Append(HeadStyle).Append("\">").Append(Escape(names[i])).Append("</th>");
            for (var j = 0; j < k; j++)
            {
                total += counts[i, j];
                if (i == j) correct += counts[i, j];
                var value = counts[i, j].ToString(CultureInfo.InvariantCulture);
                html.Append("<td style=\"").Append(CellStyle).Append("\">").Append(i == j ? "<b>" + value + "</b>" : value).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        var accuracy = total == 0 ? "no samples" : "accuracy " + NumberText.Short((double)correct / total) + $" ({correct} of {total})";
        html.Append("<div class=\"nc-caption\" style=\"").Append(CaptionStyle).Append("\">").Append(Escape(accuracy)).Append("</div>");
        return html.Append("</div>").ToString();
    }

    /// <summary>
    /// A plain HTML table with a header row and an optional caption; long row lists are shortened to the
    /// first and last <see cref="EdgeItems"/> rows. All cells are escaped.
    /// </summary>
    public static string Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null)
        => Table(headers, rows, caption, shortenRows: true, leftColumns: 0);

    private static string Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? caption, bool shortenRows, int leftColumns)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder("<div class=\"nc-table\"><table style=\"").Append(TableStyle).Append("\"><thead><tr>");
        for (var c = 0; c < headers.Count; c++)
        {
            html.Append("<th style=\"").Append(c < leftColumns ? LeftHeadStyle : HeadStyle).Append("\">").Append(Escape(headers[c])).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var i in ShownIndices(rows.Count, shortenRows ? 2 * EdgeItems + 2 : int.MaxValue))
        {
            html.Append("<tr>");
            if (i < 0)
            {
                foreach (var _ in headers) html.Append("<td style=\"").Append(CellStyle).Append("\">…</td>");
            }
            else
            {
                for (var c = 0; c < rows[i].Count; c++)
                {
                    html.Append("<td style=\"").Append(c < leftColumns ? LeftCellStyle : CellStyle).Append("\">").Append(Escape(rows[i][c])).Append("</td>");
                }
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (caption is not null) html.Append("<div class=\"nc-caption\" style=\"").Append(CaptionStyle).Append("\">").Append(Escape(caption)).Append("</div>");
        return html.Append("</div>").ToString();
    }

    // Indices to show for an axis of the given length; -1 marks the "…" gap.
    internal static IEnumerable<int> ShownIndices(int length, int maxFull = 2 * EdgeItems + 2)
    {
        if (length <= maxFull)
        {
            for (var i = 0; i < length; i++) yield return i;
            yield break;
        }
        for (var i = 0; i < EdgeItems; i++) yield return i;
        yield return -1;
        for (var i = length - EdgeItems; i < length; i++) yield return i;
    }

    private static void AppendMatrix(StringBuilder html, float[] data, int rows, int cols, bool rowHeaders)
    {
        var shownCols = ShownIndices(cols).ToArray();
        html.Append("<table style=\"").Append(TableStyle).Append("\">");
        if (rowHeaders)
        {
            html.Append("<thead><tr><th style=\"").Append(HeadStyle).Append("\"></th>");
            foreach (var j in shownCols)
            {
                html.Append("<th style=\"").Append(HeadStyle).Append("\">").Append(j < 0 ? "…" : j.ToString(CultureInfo.InvariantCulture)).Append("</th>");
            }
            html.Append("</tr></thead>");
        }
        html.Append("<tbody>");
        foreach (var i in ShownIndices(rows))
        {
            html.Append("<tr>");
            if (rowHeaders)
            {
                html.Append("<th style=\"").Append(HeadStyle).Append("\">").Append(i < 0 ? "…" : i.ToString(CultureInfo.InvariantCulture)).Append("</th>");
            }
            foreach (var j in shownCols)
            {
                var cell = i < 0 || j < 0 ? "…" : Escape(NumberText.Short(data[i * cols + j]));
                html.Append("<td style=\"").Append(CellStyle).Append("\">").Append(cell).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }
}
