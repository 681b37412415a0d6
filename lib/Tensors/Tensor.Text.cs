using System.Text;
using NotebookCourse.Presentation;

namespace NotebookCourse;

// How a tensor reads as text: nested brackets like NumPy, long axes shortened with "...".
public sealed partial class Tensor
{
    private const int EdgeItems = 3;
    private const int SummarizeOver = 1000;

    /// <summary>The values in nested brackets, then the shape, e.g. <c>[[1, 2], [3, 4]] shape [2, 2]</c>.</summary>
    public override string ToString()
    {
        if (IsDisposed) return $"{Name ?? "tensor"} (disposed: its memory was reused when its Tensor.Scope ended or its mini-batch passed)  shape {ShapeText(Shape)}";
        var text = new StringBuilder();
        if (Name is not null) text.Append(Name).Append(" = ");
        var summarize = Size > SummarizeOver;
        var width = 0;
        foreach (var v in Data) width = Math.Max(width, NumberText.Short(v).Length);
        AppendAxis(text, 0, 0, summarize, width, indent: 1);
        text.Append("  shape ").Append(ShapeText(Shape));
        if (RequiresGrad) text.Append(IsLeaf ? ", requires grad" : $", from {Operation}");
        return text.ToString();
    }

    private void AppendAxis(StringBuilder text, int axis, int offset, bool summarize, int width, int indent)
    {
        if (axis == Rank)
        {
            text.Append(NumberText.Short(Data[offset]).PadLeft(width));
            return;
        }
        var length = Shape[axis];
        var stride = 1;
        for (var i = axis + 1; i < Rank; i++) stride *= Shape[i];
        text.Append('[');
        for (var i = 0; i < length; i++)
        {
            if (i > 0) text.Append(axis == Rank - 1 ? ", " : ",\n" + new string(' ', indent));
            if (summarize && length > 2 * EdgeItems && i == EdgeItems)
            {
                text.Append("...");
                i = length - EdgeItems - 1;
                continue;
            }
            AppendAxis(text, axis + 1, offset + i * stride, summarize, width, indent + 1);
        }
        text.Append(']');
    }
}
