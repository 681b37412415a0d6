using NotebookCourse.Plotting;

namespace NotebookCourse.Tests.Plotting;

public class ComputationGraphTests
{
    // The handout's graph: f = g + b, g = w·x with w = -2, x = 5, b = 3; by the chain rule
    // df/dw = x = 5, df/dx = w = -2, df/db = 1, df/dg = 1.
    private static Tensor HandoutGraph()
    {
        var w = new Tensor([-2f], [1], requiresGrad: true) { Name = "w" };
        var x = new Tensor([5f], [1], requiresGrad: true) { Name = "x" };
        var b = new Tensor([3f], [1], requiresGrad: true) { Name = "b" };
        var g = w * x;
        g.Name = "g";
        var f = g + b;
        f.Name = "f";
        return f;
    }

    // Every node of the graph by the first word of its label, from all the traces (one per kind of node).
    private static Dictionary<string, (double X, double Y, string Text, string Kind)> Nodes(Tensor output, int maxNodes = 60)
    {
        var nodes = new Dictionary<string, (double, double, string, string)>();
        foreach (var trace in ChartJson.Traces(Charts.ComputationGraph(output, maxNodes)))
        {
            var xs = trace.GetProperty("x").Doubles();
            var ys = trace.GetProperty("y").Doubles();
            var texts = trace.GetProperty("text").Strings();
            for (var i = 0; i < xs.Length; i++) nodes[texts[i].Split(' ')[0]] = (xs[i], ys[i], texts[i], trace.Name());
        }
        return nodes;
    }

    [Fact]
    public void Graph_has_a_node_per_tensor_and_an_arrow_per_input()
    {
        var f = HandoutGraph();
        var chart = Charts.ComputationGraph(f);
        Assert.Equal(5, Nodes(f).Count);
        var arrows = ChartJson.Layout(chart).GetProperty("annotations").EnumerateArray().ToList();
        Assert.Equal(4, arrows.Count);
        Assert.All(arrows, a => Assert.True(a.GetProperty("showarrow").GetBoolean()));
        Assert.Equal("Computation graph", ChartJson.Layout(chart).GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Colours_and_legend_tell_operations_from_parameters_and_constants()
    {
        var w = new Tensor([2f], [1], requiresGrad: true) { Name = "w" };
        var y = w * new Tensor([3f], [1]);
        var nodes = Nodes(y);
        Assert.Equal("parameter (requires grad)", nodes["w"].Kind);
        Assert.Equal("operation", nodes["multiply"].Kind);
        Assert.Equal("constant", nodes["constant"].Kind);
        var traces = ChartJson.Traces(Charts.ComputationGraph(y));
        Assert.Equal(3, traces.Select(t => t.Color()).Distinct().Count());
    }

    [Fact]
    public void Names_are_escaped_because_plotly_reads_labels_as_html()
    {
        var t = new Tensor([1f], [1], requiresGrad: true) { Name = "<b>x</b>" };
        var label = Assert.Single(Nodes(t * 2f).Values, n => n.Kind == "parameter (requires grad)").Text;
        Assert.StartsWith("&lt;b&gt;x&lt;/b&gt;", label);
    }

    [Fact]
    public void Inputs_sit_left_of_the_operations_that_use_them()
    {
        var nodes = Nodes(HandoutGraph());
        Assert.True(nodes["w"].X < nodes["g"].X);
        Assert.True(nodes["x"].X < nodes["g"].X);
        Assert.True(nodes["g"].X < nodes["f"].X);
        Assert.True(nodes["b"].X < nodes["f"].X);
        Assert.Equal(nodes["w"].X, nodes["x"].X);
    }

    [Fact]
    public void Labels_show_values_and_after_backward_the_chain_rule_gradients()
    {
        var f = HandoutGraph();
        var before = Nodes(f);
        Assert.Equal("w = -2", before["w"].Text);
        Assert.Equal("g (multiply) = -10", before["g"].Text);
        Assert.Equal("f (add) = -7", before["f"].Text);

        f.Sum().Backward();
        var after = Nodes(f);
        Assert.EndsWith("grad 5", after["w"].Text);
        Assert.EndsWith("grad -2", after["x"].Text);
        Assert.EndsWith("grad 1", after["b"].Text);
    }

    [Fact]
    public void A_tensor_label_puts_its_shape_and_gradient_on_lines_of_their_own_so_long_graphs_stay_readable()
    {
        // Notebook 08's graph has eleven columns: one-line labels such as "parameter [2, 2]" ran into their neighbours.
        var w = Tensor.FromArray(new float[,] { { 1, 2 } }, requiresGrad: true);
        var y = (w * 2f).Sum();
        y.Backward();
        var labels = Nodes(y).Values.Select(n => n.Text).ToList();
        Assert.Contains("parameter<br>[1, 2]<br>grad [1, 2]", labels);
        Assert.Contains("multiply<br>[1, 2]<br>grad [1, 2]", labels);
        Assert.Contains("sum = 6<br>grad 1", labels);
    }

    [Fact]
    public void Large_graphs_are_cut_to_the_nodes_nearest_the_output()
    {
        var t = new Tensor([1f], [1], requiresGrad: true);
        var y = t;
        for (var i = 0; i < 100; i++) y = y * 1.01f;
        var traces = ChartJson.Traces(Charts.ComputationGraph(y, maxNodes: 10));
        Assert.Equal(10, traces.Sum(t => t.GetProperty("x").GetArrayLength()));
    }
}
