using System.Text.Json;
using NotebookCourse.Plotting;

namespace NotebookCourse.Tests.Plotting;

public class FigureTests
{
    [Fact]
    public void Line_and_markers_become_scatter_traces_with_their_names_and_points()
    {
        double[] w = [-2, 0, 2];
        var figure = new Figure()
            .Line(w, w.Select(v => v * v), name: "J(w) = w²")
            .Markers([-2.0, 2.0], [4.0, 4.0], name: "visited");
        var traces = ChartJson.Traces(figure);
        Assert.Equal(["scatter", "scatter"], traces.Select(t => t.GetProperty("type").GetString()));
        Assert.Equal(["lines", "markers"], traces.Select(t => t.GetProperty("mode").GetString()));
        Assert.Equal(["J(w) = w²", "visited"], traces.Select(t => t.Name()));
        Assert.Equal([-2.0, 0, 2], traces[0].GetProperty("x").Doubles());
        Assert.Equal([4.0, 0, 4], traces[0].GetProperty("y").Doubles());
        Assert.Contains("\"J(w) = w²\"", figure.ToJson());
    }

    [Fact]
    public void Every_trace_without_a_colour_takes_the_next_unused_palette_colour()
    {
        var figure = new Figure();
        for (var i = 0; i < 10; i++) figure.Line([0.0, 1.0], [i, i + 1.0], name: $"run {i}");
        var colours = ChartJson.Traces(figure).Select(t => t.Color()).ToList();
        Assert.Equal(Figure.Palette, colours);
        Assert.Equal(10, colours.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_colour_given_by_hand_is_kept_and_not_reused_for_the_next_trace()
    {
        var figure = new Figure()
            .Line([0.0, 1.0], [0.0, 1.0], name: "mine", color: Figure.Palette[0])
            .Line([0.0, 1.0], [1.0, 0.0], name: "next");
        var traces = ChartJson.Traces(figure);
        Assert.Equal(Figure.Palette[0], traces[0].Color());
        Assert.Equal(Figure.Palette[1], traces[1].Color());
    }

    [Fact]
    public void Line_style_and_marker_options_reach_the_json()
    {
        var figure = new Figure()
            .Line([0.0, 1.0], [0.0, 1.0], name: "hardmax", dash: "dot", color: "gray", width: 3)
            .Markers([1, 2], [3, 4], name: "points", size: 9, symbol: "diamond", text: ["a", "b"])
            .LinesAndMarkers([1, 2], [5, 6], name: "both", dash: "dash");
        var traces = ChartJson.Traces(figure);
        var line = traces[0].GetProperty("line");
        Assert.Equal("dot", line.GetProperty("dash").GetString());
        Assert.Equal("gray", line.GetProperty("color").GetString());
        Assert.Equal(3, line.GetProperty("width").GetDouble());
        var marker = traces[1].GetProperty("marker");
        Assert.Equal(9, marker.GetProperty("size").GetDouble());
        Assert.Equal("diamond", marker.GetProperty("symbol").GetString());
        Assert.Equal(["a", "b"], traces[1].GetProperty("text").Strings());
        Assert.Equal("lines+markers", traces[2].GetProperty("mode").GetString());
        Assert.Equal(traces[2].GetProperty("line").GetProperty("color").GetString(), traces[2].GetProperty("marker").GetProperty("color").GetString());
    }

    [Fact]
    public void Numbers_may_be_floats_or_ints_and_floats_keep_their_printed_digits()
    {
        List<float> losses = [0.1f, 0.25f, 1e-3f];
        var trace = Assert.Single(ChartJson.Traces(new Figure().Line(Enumerable.Range(0, 3), losses)));
        Assert.Equal([0.0, 1, 2], trace.GetProperty("x").Doubles());
        Assert.Equal([0.1, 0.25, 0.001], trace.GetProperty("y").Doubles());
        Assert.Contains("[0.1,0.25,0.001]", new Figure().Line(losses).ToJson());
    }

    [Fact]
    public void Line_of_values_alone_puts_them_at_x_0_1_2()
    {
        var trace = Assert.Single(ChartJson.Traces(new Figure().Line([0.9, 0.5, 0.2], name: "loss")));
        Assert.Equal([0.0, 1, 2], trace.GetProperty("x").Doubles());
        Assert.Equal("loss", trace.Name());
    }

    [Fact]
    public void NaN_and_infinite_values_are_written_as_null_gaps()
    {
        var json = new Figure().Line([1.0, 2, 3], [1.0, double.NaN, double.PositiveInfinity]).ToJson();
        var trace = ChartJson.Traces(new Figure().Line([1.0, 2, 3], [1.0, double.NaN, double.PositiveInfinity]))[0];
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("y")[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("y")[2].ValueKind);
        Assert.Contains("[1,null,null]", json);
    }

    [Fact]
    public void Lengths_that_differ_are_refused_with_the_trace_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new Figure().Line([1.0, 2.0], [1.0], name: "loss"));
        Assert.Contains("'loss'", e.Message);
        Assert.Contains("2 x values but 1 y values", e.Message);
        Assert.Throws<ArgumentException>(() => new Figure().Markers([1.0, 2.0], [1.0, 2.0], text: ["only one"]));
        Assert.Throws<ArgumentException>(() => new Figure().Bar(["a", "b"], [1.0]));
    }

    [Fact]
    public void Title_and_axis_titles_are_written_where_plotly_reads_them()
    {
        var layout = ChartJson.Layout(new Figure().Line([0.0, 1.0], [0.0, 1.0]).Title("Gradient descent").XAxis("w").YAxis("cost J(w)"));
        Assert.Equal("Gradient descent", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("w", layout.AxisTitle("xaxis"));
        Assert.Equal("cost J(w)", layout.AxisTitle("yaxis"));
    }

    [Fact]
    public void Axis_call_without_a_title_keeps_the_title_it_had()
    {
        var layout = ChartJson.Layout(new Figure().Line([1.0, 2.0], [1.0, 10.0]).YAxis("loss").YAxis(log: true));
        Assert.Equal("loss", layout.AxisTitle("yaxis"));
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Log_axis_over_several_powers_of_ten_labels_each_power_as_a_plain_number()
    {
        var layout = ChartJson.Layout(new Figure().Line([0.0, 1, 2], [1.2, 0.1, 0.004]).YAxis("loss", log: true));
        var y = layout.GetProperty("yaxis");
        Assert.Equal("log", y.GetProperty("type").GetString());
        Assert.Equal(1, y.GetProperty("dtick").GetDouble());
        Assert.Equal("none", y.GetProperty("exponentformat").GetString());
    }

    [Fact]
    public void Log_axis_reaching_tiny_values_writes_powers_of_ten()
    {
        var y = ChartJson.Layout(new Figure().Bar(["d1", "d2"], [3e-7, 0.05]).YAxis("gradient norm", log: true)).GetProperty("yaxis");
        Assert.Equal(1, y.GetProperty("dtick").GetDouble());
        Assert.Equal("power", y.GetProperty("exponentformat").GetString());
    }

    [Fact]
    public void Log_axis_with_a_chosen_tick_step_writes_powers_of_ten_not_SI_prefixes()
    {
        var y = ChartJson.Layout(new Figure().Line([0.0, 1, 2], [1.0, 1e-3, 1e-5]).YAxis("loss", log: true, dtick: 1)).GetProperty("yaxis");
        Assert.Equal(1, y.GetProperty("dtick").GetDouble());
        Assert.Equal("power", y.GetProperty("exponentformat").GetString());
    }

    [Fact]
    public void Log_axis_over_twenty_powers_of_ten_labels_every_third()
    {
        var y = ChartJson.Layout(new Figure().Line([0.0, 1], [1e-20, 1]).YAxis(log: true)).GetProperty("yaxis");
        Assert.Equal(3, y.GetProperty("dtick").GetDouble());
    }

    [Fact]
    public void Log_axis_passing_only_two_powers_of_ten_keeps_plotlys_finer_ticks_with_full_labels()
    {
        // 1 and 0.1 alone would be two labels for the whole axis; 0.02, 0.05, 0.1, 0.2, 0.5, 1 say more.
        var y = ChartJson.Layout(new Figure().Line([1f, 0.5f, 0.1f, 0.02f]).YAxis(log: true)).GetProperty("yaxis");
        Assert.False(y.TryGetProperty("dtick", out _));
        Assert.Equal("~g", y.GetProperty("tickformat").GetString());
        Assert.Equal([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2], y.GetProperty("tickvals").Doubles());
        Assert.Contains("\"tickvals\":[0.01,0.02,0.05,0.1,0.2,0.5,1,2]", new Figure().Line([1f, 0.5f, 0.1f, 0.02f]).YAxis(log: true).ToJson());
    }

    [Fact]
    public void Log_axis_within_one_power_of_ten_ticks_every_digit()
    {
        var y = ChartJson.Layout(new Figure().Line([0.0, 1, 2], [0.7, 0.5, 0.3]).YAxis(log: true)).GetProperty("yaxis");
        Assert.Equal([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], y.GetProperty("tickvals").Doubles());
    }

    [Fact]
    public void Log_axis_within_one_digit_keeps_plotlys_ticks_with_full_labels()
    {
        var y = ChartJson.Layout(new Figure().Line([0.0, 1, 2], [0.52, 0.5, 0.51]).YAxis(log: true)).GetProperty("yaxis");
        Assert.False(y.TryGetProperty("tickvals", out _));
        Assert.False(y.TryGetProperty("dtick", out _));
        Assert.Equal("~g", y.GetProperty("tickformat").GetString());
    }

    [Fact]
    public void Log_axis_keeps_a_dtick_given_by_hand_and_takes_its_range_in_data_units()
    {
        var x = ChartJson.Layout(new Figure().Line([1.0, 1000], [0.0, 1]).XAxis("lr", log: true, range: (0.01, 100), dtick: 2)).GetProperty("xaxis");
        Assert.Equal(2, x.GetProperty("dtick").GetDouble());
        Assert.Equal([-2.0, 2.0], x.GetProperty("range").Doubles());
    }

    [Fact]
    public void Axis_ranges_must_not_be_empty_nor_reach_zero_on_a_log_axis()
    {
        Assert.Throws<ArgumentException>(() => new Figure().XAxis(range: (1, 1)));
        var e = Assert.Throws<ArgumentException>(() => new Figure().YAxis(log: true, range: (0, 1)));
        Assert.Contains("positive", e.Message);
    }

    [Fact]
    public void Every_axis_may_grow_the_margin_so_no_label_is_cut()
    {
        var layout = ChartJson.Layout(new Figure().Bar(["a very long category name"], [1.0]));
        Assert.True(layout.GetProperty("xaxis").GetProperty("automargin").GetBoolean());
        Assert.True(layout.GetProperty("yaxis").GetProperty("automargin").GetBoolean());
    }

    [Fact]
    public void Width_follows_the_container_and_height_defaults_to_420()
    {
        var layout = ChartJson.Layout(new Figure().Line([0.0, 1.0], [0.0, 1.0]));
        Assert.False(layout.TryGetProperty("width", out _));
        Assert.True(layout.GetProperty("autosize").GetBoolean());
        Assert.Equal(420, layout.GetProperty("height").GetInt32());
        Assert.Equal(300, ChartJson.Layout(new Figure().Height(300)).GetProperty("height").GetInt32());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Figure().Height(10));
    }

    [Fact]
    public void Legend_stands_under_the_plot_with_entries_side_by_side_so_it_wraps_instead_of_being_cut()
    {
        var legend = ChartJson.Layout(new Figure().Line([0.0, 1], [0.0, 1], name: "a").Line([0.0, 1], [1.0, 0], name: "b")).GetProperty("legend");
        Assert.Equal("h", legend.GetProperty("orientation").GetString());
        Assert.Equal("container", legend.GetProperty("yref").GetString());
        Assert.Equal(0, legend.GetProperty("y").GetDouble());
        Assert.Equal("bottom", legend.GetProperty("yanchor").GetString());
    }

    [Fact]
    public void Legend_can_be_hidden()
    {
        Assert.False(ChartJson.Layout(new Figure().Legend(false)).GetProperty("showlegend").GetBoolean());
    }

    [Fact]
    public void Reference_lines_span_the_plot_and_notes_point_at_data()
    {
        var layout = ChartJson.Layout(new Figure().Line([-1.0, 1.0], [0.2, 0.8])
            .HorizontalLine(0.5).VerticalLine(0, dash: "dash").Annotation(1, 0.8, "end"));
        var shapes = layout.GetProperty("shapes").EnumerateArray().ToList();
        var horizontal = shapes[0];
        Assert.Equal("x domain", horizontal.GetProperty("xref").GetString());
        Assert.Equal([0.0, 1.0, 0.5, 0.5], new[] { "x0", "x1", "y0", "y1" }.Select(p => horizontal.GetProperty(p).GetDouble()));
        Assert.Equal("dot", horizontal.GetProperty("line").GetProperty("dash").GetString());
        var vertical = shapes[1];
        Assert.Equal("y domain", vertical.GetProperty("yref").GetString());
        Assert.Equal("dash", vertical.GetProperty("line").GetProperty("dash").GetString());
        var note = Assert.Single(layout.GetProperty("annotations").EnumerateArray());
        Assert.Equal("end", note.GetProperty("text").GetString());
        Assert.True(note.GetProperty("showarrow").GetBoolean());
        Assert.Equal(0.8, note.GetProperty("y").GetDouble());
    }

    [Fact]
    public void Bars_are_grouped_by_category_one_colour_per_trace()
    {
        var figure = new Figure().Bar(["a", "b"], [1, 2], name: "first").Bar(["a", "b"], [3f, 4f], name: "second");
        var traces = ChartJson.Traces(figure);
        Assert.All(traces, t => Assert.Equal("bar", t.GetProperty("type").GetString()));
        Assert.Equal(["a", "b"], traces[1].GetProperty("x").Strings());
        Assert.Equal([3.0, 4.0], traces[1].GetProperty("y").Doubles());
        Assert.NotEqual(traces[0].Color(), traces[1].Color());
    }

    [Fact]
    public void Heatmap_draws_row_0_at_the_top_with_labels_as_categories()
    {
        var figure = new Figure().Heatmap(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, ["a", "b", "c"], ["first", "second"]);
        var trace = Assert.Single(ChartJson.Traces(figure));
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal([[1.0, 2, 3], [4.0, 5, 6]], trace.GetProperty("z").Matrix());
        Assert.Equal(["a", "b", "c"], trace.GetProperty("x").Strings());
        Assert.True(trace.GetProperty("showscale").GetBoolean());
        var layout = ChartJson.Layout(figure);
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("category", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Empty(layout.NoteTexts());
    }

    [Fact]
    public void Heatmap_with_values_writes_each_in_its_cell_readable_on_dark_and_pale_cells()
    {
        var figure = new Figure().Heatmap(new double[,] { { 0, 0.25 }, { 0.5, 1 } }, showValues: true);
        var layout = ChartJson.Layout(figure);
        var notes = layout.GetProperty("annotations").EnumerateArray()
            .ToDictionary(n => (n.GetProperty("y").GetInt32(), n.GetProperty("x").GetInt32()));
        Assert.Equal("0.25", notes[(0, 1)].GetProperty("text").GetString());
        Assert.Equal("black", notes[(0, 0)].GetProperty("font").GetProperty("color").GetString());
        Assert.Equal("white", notes[(1, 1)].GetProperty("font").GetProperty("color").GetString());
        Assert.False(ChartJson.Traces(figure)[0].GetProperty("showscale").GetBoolean());
    }

    [Fact]
    public void Heatmap_colour_scales_run_from_white_to_dark()
    {
        var scale = ChartJson.Traces(new Figure().Heatmap(new double[,] { { 1 } }))[0].GetProperty("colorscale");
        Assert.Equal("#f7fbff", scale[0][1].GetString());
        Assert.Equal(1, scale[scale.GetArrayLength() - 1][0].GetDouble());
        Assert.Equal("Viridis", ChartJson.Traces(new Figure().Heatmap(new double[,] { { 1 } }, colorScale: "Viridis"))[0].GetProperty("colorscale").GetString());
        Assert.Throws<ArgumentException>(() => new Figure().Heatmap(new double[2, 2], xLabels: ["one"]));
    }

    [Fact]
    public void Image_is_a_grey_heatmap_upright_with_square_pixels_and_no_ticks()
    {
        var pixels = Tensor.FromArray(new float[,] { { 0, 1, 0 }, { 1, 0.5f, 1 } });
        var figure = new Figure().Image(pixels);
        var trace = Assert.Single(ChartJson.Traces(figure));
        Assert.Equal([[0.0, 1, 0], [1.0, 0.5, 1]], trace.GetProperty("z").Matrix());
        var scale = trace.GetProperty("colorscale");
        Assert.Equal("#ffffff", scale[0][1].GetString());
        var y = ChartJson.Layout(figure).GetProperty("yaxis");
        Assert.Equal("reversed", y.GetProperty("autorange").GetString());
        Assert.Equal("x", y.GetProperty("scaleanchor").GetString());
        Assert.False(y.GetProperty("showticklabels").GetBoolean());
        Assert.Equal(3, ChartJson.Traces(new Figure().Image(Tensor.Zeros(9)))[0].GetProperty("z").Matrix().Length);
        var e = Assert.Throws<ArgumentException>(() => new Figure().Image(Tensor.Zeros(10)));
        Assert.Contains("[10]", e.Message);
    }

    [Fact]
    public void Grid_puts_each_figure_on_its_own_axes_with_its_titles()
    {
        var loss = new Figure().Line([1.0, 2], [0.9, 0.4], name: "loss").Title("loss").XAxis("epoch").YAxis("loss", log: true);
        var accuracy = new Figure().Line([1.0, 2], [0.5, 0.8], name: "accuracy").Title("accuracy").XAxis("epoch").YAxis("accuracy");
        var grid = Figure.Grid(1, 2, loss, accuracy);
        var traces = ChartJson.Traces(grid);
        Assert.False(traces[0].TryGetProperty("xaxis", out _));
        Assert.Equal("x2", traces[1].GetProperty("xaxis").GetString());
        Assert.Equal("y2", traces[1].GetProperty("yaxis").GetString());
        var layout = ChartJson.Layout(grid);
        Assert.Equal("loss", layout.AxisTitle("yaxis"));
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("accuracy", layout.AxisTitle("yaxis2"));
        Assert.Equal("epoch", layout.AxisTitle("xaxis2"));
        Assert.Equal("y2", layout.GetProperty("xaxis2").GetProperty("anchor").GetString());
        var left = layout.GetProperty("xaxis").GetProperty("domain").Doubles();
        var right = layout.GetProperty("xaxis2").GetProperty("domain").Doubles();
        Assert.True(left[1] < right[0], "the cells do not overlap");
        Assert.Equal(["loss", "accuracy"], layout.NoteTexts());
        Assert.NotEqual(traces[0].Color(), traces[1].Color());
        Assert.Equal("Figure: 2 traces (line 'loss', line 'accuracy'); 2 subplots", grid.ToString());
    }

    [Fact]
    public void Grid_rows_stack_top_down_and_titles_can_be_given()
    {
        var cells = Enumerable.Range(0, 3).Select(i => new Figure().Line([0.0, 1], [i, i]).VerticalLine(0.5)).ToList();
        var grid = Figure.Grid(2, 2, cells, ["a", "b", "c"]);
        var layout = ChartJson.Layout(grid);
        Assert.Equal(["a", "b", "c"], layout.NoteTexts());
        var firstRow = layout.GetProperty("yaxis").GetProperty("domain").Doubles();
        var secondRow = layout.GetProperty("yaxis3").GetProperty("domain").Doubles();
        Assert.True(secondRow[1] < firstRow[0], "row 2 is below row 1");
        Assert.Equal(["y domain", "y2 domain", "y3 domain"], layout.GetProperty("shapes").EnumerateArray().Select(s => s.GetProperty("yref").GetString()));
        Assert.Equal(["x", "x2", "x3"], layout.GetProperty("shapes").EnumerateArray().Select(s => s.GetProperty("xref").GetString()));
        Assert.Equal(600, layout.GetProperty("height").GetInt32());
    }

    [Fact]
    public void Grid_leaves_the_figures_it_was_made_of_unchanged()
    {
        var cell = new Figure().Line([0.0, 1], [0.0, 1], name: "a");
        var before = cell.ToJson();
        Figure.Grid(1, 2, new Figure().Line([0.0, 1], [1.0, 0], name: "b"), cell);
        Assert.Equal(before, cell.ToJson());
    }

    [Fact]
    public void Grid_refuses_more_figures_than_cells_and_grids_inside_grids()
    {
        var one = new Figure().Line([0.0, 1], [0.0, 1]);
        var e = Assert.Throws<ArgumentException>(() => Figure.Grid(1, 1, one, one));
        Assert.Contains("room for 1", e.Message);
        Assert.Throws<ArgumentException>(() => Figure.Grid(1, 2, Figure.Grid(1, 2, one, one)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Figure.Grid(0, 2, one));
    }

    [Fact]
    public void ToString_summarises_traces_and_title_in_one_line()
    {
        var figure = new Figure().Line([1.0, 2], [1.0, 0.5], name: "loss").Line([1.0, 2], [1.1, 0.7], name: "val_loss").Title("History");
        Assert.Equal("Figure: 2 traces (line 'loss', line 'val_loss'); title 'History'", figure.ToString());
        var many = new Figure();
        for (var i = 0; i < 12; i++) many.Heatmap(new double[,] { { i } });
        Assert.Equal("Figure: 12 traces (12 heatmap)", many.ToString());
    }

    [Fact]
    public void Collection_expressions_of_doubles_ints_and_floats_all_build_lines()
    {
        var figure = new Figure().Line([1.0, 2.0], [3.0, 4.0]).Line([1, 2], [3, 4]).Line([1f, 2f], [3f, 4f]);
        Assert.All(ChartJson.Traces(figure), t => Assert.Equal([1.0, 2.0], t.GetProperty("x").Doubles()));
    }
}
