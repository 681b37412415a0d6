using System.Net;
using System.Text;

namespace NotebookCourse.Presentation;

/// <summary>
/// The pieces every notebook view of the library is made of: escaping, one table style, captions, and
/// long axes shortened to their first and last <see cref="EdgeItems"/> entries around a "…".
/// </summary>
internal static class Html
{
    /// <summary>How many leading and trailing rows or columns a long axis keeps around the "…".</summary>
    public const int EdgeItems = 5;

    public const string TableStyle = "border-collapse:collapse;font-family:monospace;font-size:12px";
    public const string CellStyle = "padding:2px 6px;text-align:right;border:1px solid #ddd";
    public const string HeadStyle = "padding:2px 6px;text-align:right;border:1px solid #ddd;color:#888;font-weight:normal";
    public const string LeftCellStyle = "padding:2px 6px;text-align:left;border:1px solid #ddd";
    public const string LeftHeadStyle = "padding:2px 6px;text-align:left;border:1px solid #ddd;color:#888;font-weight:normal";
    public const string CaptionStyle = "font-family:sans-serif;font-size:11px;color:#666;margin-top:2px";

    /// <summary>Text made safe to put in HTML (&amp;, &lt;, &gt;, quotes escaped).</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A caption line under a table or a value (escaped).</summary>
    public static string Caption(string text) => $"<div class=\"nc-caption\" style=\"{CaptionStyle}\">{Escape(text)}</div>";

    /// <summary>
    /// A table with a header row and an optional caption; with <paramref name="shortenRows"/>, long row
    /// lists keep their first and last <see cref="EdgeItems"/> rows. The first <paramref name="leftColumns"/>
    /// columns are left-aligned (names), the others right-aligned (numbers). Every cell is escaped.
    /// </summary>
    public static string Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? caption = null,
        bool shortenRows = true, int leftColumns = 0)
    {
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
        if (caption is not null) html.Append(Caption(caption));
        return html.Append("</div>").ToString();
    }

    /// <summary>The indices to show of an axis of <paramref name="length"/> entries; -1 marks the "…" gap.</summary>
    public static IEnumerable<int> ShownIndices(int length, int maxFull = 2 * EdgeItems + 2)
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
}
