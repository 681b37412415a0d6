using System.Globalization;
using System.Text;
using NotebookCourse.Presentation;

namespace NotebookCourse;

// How a tensor shows itself in a notebook: a small table, long axes shortened with "…", and a caption.
[TypeFormatterSource(typeof(FormatterSource))]
public sealed partial class Tensor : IHtmlDisplayable
{
    /// <summary>
    /// The tensor as notebook HTML: a table for 1-D and 2-D (long axes shortened to their first and last
    /// five entries), the nested text for higher ranks, and a caption with name, shape, dtype and whether
    /// it takes part in autograd.
    /// </summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<div class=\"nc-tensor\">");
        if (IsDisposed) return html.Append("<code>").Append(Html.Escape(ToString())).Append("</code></div>").ToString();
        switch (Rank)
        {
            case 0:
                html.Append("<code>").Append(Html.Escape(NumberText.Short(Data[0]))).Append("</code>");
                break;
            case 1:
                AppendTable(html, 1, Shape[0], rowHeaders: false);
                break;
            case 2:
                AppendTable(html, Shape[0], Shape[1], rowHeaders: true);
                break;
            default:
                // The text form already shortens long tensors; drop its own shape suffix, the caption has it.
                var text = Detach().ToString();
                var cut = text.LastIndexOf("  shape [", StringComparison.Ordinal);
                html.Append("<pre style=\"margin:0;font-size:12px\">").Append(Html.Escape(cut > 0 ? text[..cut] : text)).Append("</pre>");
                break;
        }
        return html.Append(Html.Caption(Caption())).Append("</div>").ToString();
    }

    /// <summary>The caption under the table: name, shape, dtype and the gradient marker.</summary>
    internal string Caption()
    {
        var parts = new List<string>
        {
            (Name is null ? "" : Name + ": ") + "shape " + ShapeText(Shape),
            "float32",
        };
        if (RequiresGrad) parts.Add(IsLeaf ? "requires grad" : "grad from " + Operation);
        if (Grad is not null) parts.Add("has .Grad");
        return string.Join(" · ", parts);
    }

    private void AppendTable(StringBuilder html, int rows, int cols, bool rowHeaders)
    {
        var shownCols = Html.ShownIndices(cols).ToArray();
        html.Append("<table style=\"").Append(Html.TableStyle).Append("\">");
        if (rowHeaders)
        {
            html.Append("<thead><tr><th style=\"").Append(Html.HeadStyle).Append("\"></th>");
            foreach (var j in shownCols)
            {
                html.Append("<th style=\"").Append(Html.HeadStyle).Append("\">").Append(j < 0 ? "…" : j.ToString(CultureInfo.InvariantCulture)).Append("</th>");
            }
            html.Append("</tr></thead>");
        }
        html.Append("<tbody>");
        foreach (var i in Html.ShownIndices(rows))
        {
            html.Append("<tr>");
            if (rowHeaders)
            {
                html.Append("<th style=\"").Append(Html.HeadStyle).Append("\">").Append(i < 0 ? "…" : i.ToString(CultureInfo.InvariantCulture)).Append("</th>");
            }
            foreach (var j in shownCols)
            {
                var cell = i < 0 || j < 0 ? "…" : Html.Escape(NumberText.Short(Data[i * cols + j]));
                html.Append("<td style=\"").Append(Html.CellStyle).Append("\">").Append(cell).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }
}
