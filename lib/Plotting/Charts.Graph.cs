using NotebookCourse.Presentation;

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
    public static Figure ComputationGraph(Tensor output, int maxNodes = 60, string? title = "Computation graph")
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
        var levels = Enumerable.Range(0, nodes.Count).GroupBy(i => depth[i]).ToList();
        foreach (var level in levels)
        {
            var members = level.ToList();
            for (var k = 0; k < members.Count; k++)
            {
                xs[members[k]] = maxDepth - level.Key;
                ys[members[k]] = (members.Count - 1) / 2.0 - k;
            }
        }

        // One trace per kind of node, so the legend says what the colours mean.
        var figure = new Figure();
        (string Kind, Func<Tensor, bool> Is, int Color)[] kinds =
        [
            ("operation", t => t.Parents.Count > 0, 0),
            ("parameter (requires grad)", t => t.Parents.Count == 0 && t.RequiresGrad, 1),
            ("constant", t => t.Parents.Count == 0 && !t.RequiresGrad, 7),
        ];
        foreach (var (kind, isKind, color) in kinds)
        {
            var members = Enumerable.Range(0, nodes.Count).Where(i => isKind(nodes[i])).ToList();
            if (members.Count == 0) continue;
            figure.Add(new ScatterTrace
            {
                Name = kind,
                Mode = "markers+text",
                X = [.. members.Select(i => xs[i])],
                Y = [.. members.Select(i => ys[i])],
                Text = [.. members.Select(i => NodeLabel(nodes[i]))],
                TextPosition = "top center",
                HoverInfo = "text",
                Marker = new MarkerStyle { Color = ColorOf(color), Size = 18 },
            });
        }

        foreach (var node in nodes)
        {
            foreach (var parent in node.Parents)
            {
                if (!index.TryGetValue(parent, out var from)) continue;
                var to = index[node];
                (figure.Layout.Annotations ??= []).Add(new Note
                {
                    X = xs[to],
                    Y = ys[to],
                    AX = xs[from],
                    AY = ys[from],
                    XRef = "x",
                    YRef = "y",
                    AXRef = "x",
                    AYRef = "y",
                    ShowArrow = true,
                    ArrowHead = 2,
                    Standoff = 10,
                    StartStandoff = 10,
                });
            }
        }
        foreach (var name in new[] { "xaxis", "yaxis" }) figure.Layout.AxisNamed(name).Visible = false;
        // Room for the labels above the top node and beside the outer ones.
        figure.Layout.AxisNamed("xaxis").Range = [-0.9, maxDepth + 0.9];
        figure.Layout.AxisNamed("yaxis").Range = [ys.DefaultIfEmpty(0).Min() - 0.4, ys.DefaultIfEmpty(0).Max() + 1.0];
        figure.Layout.PlotBackground = "white";
        // About 100 px per unit of height: a node and its label of up to three lines above it.
        var span = ys.DefaultIfEmpty(0).Max() - ys.DefaultIfEmpty(0).Min() + 1.4;
        return figure.Title(title).Height((int)Math.Max(300, 160 + 100 * span));
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
        var name = t.Name is { } given ? Html.Escape(given) : (t.Parents.Count > 0 ? t.Operation : t.RequiresGrad ? "parameter" : "constant");
        if (t.Name is not null && t.Parents.Count > 0) name += " (" + t.Operation + ")";
        // A single number stays beside its name; a shape goes on a line of its own, so labels stay narrow.
        var label = t.Size == 1
            ? name + " = " + NumberText.Short(t.Data[0])
            : name + "<br>" + Tensor.ShapeText(t.Shape);
        if (t.Grad is { } g) label += "<br>grad " + (g.Size == 1 ? NumberText.Short(g.Data[0]) : Tensor.ShapeText(g.Shape));
        return label;
    }
}
