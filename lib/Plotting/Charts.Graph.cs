using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using CsChart = Plotly.NET.CSharp.Chart;

namespace NotebookCourse.Plotting;

public static partial class Charts
{
    /// <summary>
    /// The computation graph autograd recorded for <paramref name="output"/>: inputs on the left, the result on
    /// the right, an arrow from each input to the operation that used it. Each node shows its name or
    /// operation, its value when it is a single number, and its gradient once <c>Backward()</c> has run —
    /// e.g. f = w·x + b with w = -2, x = 5, b = 3 shows ∂f/∂w = 5 on w. At most <paramref name="maxNodes"/>
    /// nodes (nearest the output first) are drawn.
    /// </summary>
    public static GenericChart ComputationGraph(Tensor output, int maxNodes = 60, string? title = "Computation graph")
    {
        ArgumentNullException.ThrowIfNull(output);
        if (maxNodes < 1) throw new ArgumentException($"maxNodes must be at least 1, got {maxNodes}.", nameof(maxNodes));
        var nodes = GraphNodes(output, maxNodes);
        var index = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Count; i++) index[nodes[i]] = i;

        // Depth = the longest path to the output, so every arrow points right. Walking the nodes so that each
        // comes after all of its consumers makes one pass enough.
        var depth = new int[nodes.Count];
        foreach (var node in ConsumersFirst(output, index))
        {
            foreach (var parent in node.Parents)
            {
                if (index.TryGetValue(parent, out var p)) depth[p] = Math.Max(depth[p], depth[index[node]] + 1);
            }
        }
        var maxDepth = depth.DefaultIfEmpty(0).Max();
        var xs = new double[nodes.Count];
        var ys = new double[nodes.Count];
        foreach (var level in Enumerable.Range(0, nodes.Count).GroupBy(i => depth[i]))
        {
            var members = level.ToList();
            for (var k = 0; k < members.Count; k++)
            {
                xs[members[k]] = maxDepth - level.Key;
                ys[members[k]] = (members.Count - 1) / 2.0 - k;
            }
        }

        var labels = nodes.Select(NodeLabel).ToArray();
        var markers = CsChart.Point<double, double, string>(x: xs, y: ys, Name: "tensors", MultiText: labels,
            TextPosition: StyleParam.TextPosition.TopCenter, ShowLegend: false);
        var trace = GenericChart.getTraces(markers).Head;
        trace.SetProperty("mode", "markers+text");
        var marker = new DynamicObj.DynamicObj();
        marker.SetProperty("size", 18);
        marker.SetProperty("color", nodes.Select(n => n.Parents.Count > 0 ? ColorOf(0) : n.RequiresGrad ? ColorOf(1) : ColorOf(7)).ToArray());
        trace.SetProperty("marker", marker);

        var arrows = new List<Plotly.NET.LayoutObjects.Annotation>();
        foreach (var node in nodes)
        {
            foreach (var parent in node.Parents)
            {
                if (!index.TryGetValue(parent, out var from)) continue;
                var to = index[node];
                var arrow = new Plotly.NET.LayoutObjects.Annotation();
                arrow.SetProperty("x", xs[to]);
                arrow.SetProperty("y", ys[to]);
                arrow.SetProperty("ax", xs[from]);
                arrow.SetProperty("ay", ys[from]);
                arrow.SetProperty("xref", "x");
                arrow.SetProperty("yref", "y");
                arrow.SetProperty("axref", "x");
                arrow.SetProperty("ayref", "y");
                arrow.SetProperty("showarrow", true);
                arrow.SetProperty("arrowhead", 2);
                arrow.SetProperty("standoff", 10);
                arrow.SetProperty("startstandoff", 10);
                arrow.SetProperty("text", "");
                arrows.Add(arrow);
            }
        }
        var layout = GenericChart.getLayout(markers);
        layout.SetProperty("annotations", arrows);
        foreach (var axisName in new[] { "xaxis", "yaxis" })
        {
            var axis = new Plotly.NET.LayoutObjects.LinearAxis();
            axis.SetProperty("visible", false);
            // Room for the labels above the top node and beside the outer ones.
            axis.SetProperty("range", axisName == "xaxis"
                ? new[] { -0.6, maxDepth + 0.6 }
                : new[] { ys.DefaultIfEmpty(0).Min() - 0.6, ys.DefaultIfEmpty(0).Max() + 0.8 });
            layout.SetProperty(axisName, axis);
        }
        layout.SetProperty("plot_bgcolor", "white");
        var height = 100 + 140 * Math.Max(1, Enumerable.Range(0, nodes.Count).GroupBy(i => depth[i]).Max(g => g.Count()));
        var chart = markers.WithPixelSize(Math.Min(1100, 200 + 160 * (maxDepth + 1)), height);
        return Lean(title is null ? chart : chart.WithTitle(title));
    }

    // Breadth-first from the output, so a cut keeps what is nearest to the result.
    private static List<Tensor> GraphNodes(Tensor output, int maxNodes)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance) { output };
        var nodes = new List<Tensor>();
        var queue = new Queue<Tensor>([output]);
        while (queue.Count > 0 && nodes.Count < maxNodes)
        {
            var node = queue.Dequeue();
            nodes.Add(node);
            foreach (var parent in node.Parents)
            {
                if (seen.Add(parent)) queue.Enqueue(parent);
            }
        }
        return nodes;
    }

    // Reverse post-order of a depth-first walk: every node after all nodes that consume it.
    private static List<Tensor> ConsumersFirst(Tensor output, Dictionary<Tensor, int> included)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor Node, bool Expanded)>([(output, false)]);
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(node);
                continue;
            }
            if (!visited.Add(node)) continue;
            stack.Push((node, true));
            foreach (var parent in node.Parents)
            {
                if (included.ContainsKey(parent) && !visited.Contains(parent)) stack.Push((parent, false));
            }
        }
        order.Reverse();
        return order;
    }

    private static string NodeLabel(Tensor t)
    {
        // Plotly reads labels as a little HTML (for <br>), so a learner's name is escaped.
        var name = t.Name is { } given ? System.Net.WebUtility.HtmlEncode(given) : (t.Parents.Count > 0 ? t.Operation : t.RequiresGrad ? "parameter" : "constant");
        if (t.Name is not null && t.Parents.Count > 0) name += " (" + t.Operation + ")";
        var label = t.Size == 1
            ? name + " = " + NotebookCourse.Tensor.FormatValue(t.Data[0])
            : name + " " + NotebookCourse.Tensor.ShapeText(t.Shape);
        if (t.Grad is { } g) label += "<br>grad " + (g.Size == 1 ? NotebookCourse.Tensor.FormatValue(g.Data[0]) : NotebookCourse.Tensor.ShapeText(g.Shape));
        return label;
    }
}
