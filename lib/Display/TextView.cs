using System.Globalization;
using System.Text;
using NotebookCourse.Training;

namespace NotebookCourse.Display;

/// <summary>Plain-text tables for consoles and text/plain notebook outputs.</summary>
public static class TextView
{
    /// <summary>Training history as aligned columns: epoch, then one column per key.</summary>
    public static string History(History history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var headers = new List<string> { "epoch" };
        headers.AddRange(history.Keys);
        var rows = new List<string[]>();
        for (var epoch = 0; epoch < history.Epochs; epoch++)
        {
            var row = new string[headers.Count];
            row[0] = (epoch + 1).ToString(CultureInfo.InvariantCulture);
            for (var k = 1; k < headers.Count; k++)
            {
                var values = history[headers[k]];
                row[k] = epoch < values.Count ? HtmlView.FormatNumber(values[epoch]) : "";
            }
            rows.Add(row);
        }
        return Table(headers, rows);
    }

    /// <summary>Right-aligned columns separated by two spaces, with a header line and a rule.</summary>
    public static string Table(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var k = 0; k < widths.Length && k < row.Length; k++) widths[k] = Math.Max(widths[k], row[k].Length);
        }
        var text = new StringBuilder();
        AppendLine(text, headers, widths);
        text.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
        foreach (var row in rows) AppendLine(text, row, widths);
        return text.ToString().TrimEnd('\n');
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        for (var k = 0; k < widths.Length; k++)
        {
            if (k > 0) text.Append("  ");
            text.Append((k < cells.Count ? cells[k] : "").PadLeft(widths[k]));
        }
        text.Append('\n');
    }
}
