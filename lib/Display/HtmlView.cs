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
                html.Append("<code>").Append(Escape(NotebookCourse.Tensor.FormatValue(tensor.Data[0]))).Append("</code>");
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

    /// <summary>Training history as a table: one row per epoch, one column per recorded key.</summary>
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
                row.Add(epoch < values.Count ? FormatNumber(values[epoch]) : "");
            }
            rows.Add(row);
        }
        return Table(["epoch", .. keys], rows, caption: $"History: {history.Epochs} epochs");
    }

    /// <summary>
    /// A plain HTML table with a header row and an optional caption; long row lists are shortened to the
    /// first and last <see cref="EdgeItems"/> rows. All cells are escaped.
    /// </summary>
    public static string Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder("<div class=\"nc-table\"><table style=\"").Append(TableStyle).Append("\"><thead><tr>");
        foreach (var h in headers) html.Append("<th style=\"").Append(HeadStyle).Append("\">").Append(Escape(h)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var i in ShownIndices(rows.Count, 2 * EdgeItems + 2))
        {
            html.Append("<tr>");
            if (i < 0)
            {
                foreach (var _ in headers) html.Append("<td style=\"").Append(CellStyle).Append("\">…</td>");
            }
            else
            {
                foreach (var cell in rows[i]) html.Append("<td style=\"").Append(CellStyle).Append("\">").Append(Escape(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (caption is not null) html.Append("<div class=\"nc-caption\" style=\"").Append(CaptionStyle).Append("\">").Append(Escape(caption)).Append("</div>");
        return html.Append("</div>").ToString();
    }

    /// <summary>A number as tables show it: up to 4 decimals, invariant culture.</summary>
    public static string FormatNumber(double value) => double.IsFinite(value)
        ? value.ToString("0.####", CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);

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
                var cell = i < 0 || j < 0 ? "…" : Escape(NotebookCourse.Tensor.FormatValue(data[i * cols + j]));
                html.Append("<td style=\"").Append(CellStyle).Append("\">").Append(cell).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }
}
