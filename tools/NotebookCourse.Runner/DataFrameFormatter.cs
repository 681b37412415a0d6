using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace NotebookCourse.Runner;

/// <summary>
/// Shows a Microsoft.Data.Analysis DataFrame as a table (column names, then the first rows), as the
/// DataFrame extension of .NET Interactive does; the generic object view would list its internals.
/// </summary>
internal static class DataFrameFormatter
{
    /// <summary>How many rows are shown; a note says how many more there are.</summary>
    public const int MaxRows = 20;

    /// <summary>The frame as an HTML table, every value HTML-escaped.</summary>
    public static string ToHtml(DataFrame frame)
    {
        var html = new StringBuilder("<table><thead><tr><th><i>index</i></th>");
        foreach (var column in frame.Columns)
        {
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        var shown = Math.Min(frame.Rows.Count, MaxRows);
        for (long row = 0; row < shown; row++)
        {
            html.Append("<tr><td><i>").Append(row).Append("</i></td>");
            foreach (var column in frame.Columns)
            {
                html.Append("<td>").Append(WebUtility.HtmlEncode(Convert.ToString(column[row], System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (frame.Rows.Count > shown)
        {
            html.Append("<p>").Append(frame.Rows.Count - shown).Append(" more row(s), ").Append(frame.Rows.Count).Append(" in all</p>");
        }
        return html.ToString();
    }
}
