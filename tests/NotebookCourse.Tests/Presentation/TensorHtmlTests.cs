using System.Text.RegularExpressions;
using NotebookCourse.Presentation;

namespace NotebookCourse.Tests.Presentation;

public class TensorHtmlTests
{
    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Fact]
    public void Small_matrix_becomes_a_table_with_every_value_and_a_shape_caption()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var html = (t).ToHtml();
        Assert.Contains("<table", html);
        // 2 data rows plus the header row of column indices.
        Assert.Equal(3, Count(html, "<tr>"));
        foreach (var v in new[] { 1, 2, 3, 4, 5, 6 }) Assert.Contains($">{v}</td>", html);
        Assert.Contains("shape [2, 3]", html);
        Assert.Contains("float32", html);
    }

    [Fact]
    public void Vector_is_one_row_with_one_cell_per_value()
    {
        var html = (Tensor.FromArray(new float[] { 0.5f, -1.25f, 3 })).ToHtml();
        Assert.Equal(1, Count(html, "<tr>"));
        Assert.Equal(3, Count(html, "<td"));
        Assert.Contains(">-1.25</td>", html);
    }

    [Fact]
    public void Large_matrix_is_shortened_to_its_edges_with_an_ellipsis()
    {
        // Value = row * 1000 + column, so each cell says where it came from.
        var data = new float[100 * 50];
        for (var i = 0; i < 100; i++) for (var j = 0; j < 50; j++) data[i * 50 + j] = i * 1000 + j;
        var html = (new Tensor(data, [100, 50])).ToHtml();

        // 5 first + gap + 5 last rows, plus the header row.
        Assert.Equal(2 * Html.EdgeItems + 1 + 1, Count(html, "<tr>"));
        // Each body row: 5 + gap + 5 cells.
        Assert.Equal((2 * Html.EdgeItems + 1) * (2 * Html.EdgeItems + 1), Count(html, "<td"));
        Assert.Contains("…", html);
        Assert.Contains(">0</td>", html);            // first row, first column
        Assert.Contains(">99049</td>", html);        // last row, last column
        Assert.DoesNotContain(">50000</td>", html);  // a middle row is left out
        Assert.DoesNotContain(">25</td>", html);     // a middle column is left out
        Assert.Contains("shape [100, 50]", html);
    }

    [Fact]
    public void Higher_rank_tensor_shows_nested_text_in_a_pre_block()
    {
        var html = (Tensor.Zeros(2, 2, 2)).ToHtml();
        Assert.Contains("<pre", html);
        Assert.Contains("shape [2, 2, 2]", html);
        Assert.DoesNotContain("<table", html);
    }

    [Fact]
    public void Scalar_shows_its_value()
    {
        var html = (Tensor.Scalar(2.5f)).ToHtml();
        Assert.Contains("<code>2.5</code>", html);
        Assert.Contains("shape []", html);
    }

    [Fact]
    public void Name_is_html_escaped()
    {
        var t = Tensor.Zeros(2);
        t.Name = "<script>alert('x')</script> & co";
        var html = (t).ToHtml();
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("&amp; co", html);
    }

    [Fact]
    public void Caption_marks_parameters_results_and_stored_gradients()
    {
        var w = new Tensor([1f, 2f], [2], requiresGrad: true);
        Assert.Contains("requires grad", w.Caption());
        Assert.DoesNotContain("has .Grad", w.Caption());

        var loss = (w * w).Sum();
        Assert.Contains("grad from", loss.Caption());

        loss.Backward();
        Assert.Contains("has .Grad", w.Caption());

        Assert.DoesNotContain("grad", Tensor.Zeros(2).Caption());
    }
}
