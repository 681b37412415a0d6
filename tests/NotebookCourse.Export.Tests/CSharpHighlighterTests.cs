using System.Net;
using System.Text.RegularExpressions;

namespace NotebookCourse.Export.Tests;

/// <summary>Roslyn-based highlighting: token classes, and the code text itself left intact.</summary>
public sealed partial class CSharpHighlighterTests
{
    private static List<string> Tokens(string html, string cssClass)
        => Span().Matches(html).Where(m => m.Groups[1].Value == cssClass)
            .Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();

    [Theory]
    [InlineData("var x = 1;\nConsole.WriteLine($\"x = {x} < 2 & \\\"ok\\\"\");")]
    [InlineData("#r \"nuget: MathNet.Numerics, 5.0.0\"\n#!time\nusing System;\n/* block */ // line\nclass A<T> { }")]
    [InlineData("string s = \"\"\"\n  raw <b>\n  \"\"\";\nchar c = '<';")]
    [InlineData("int broken = ;; // a syntax error still shows\n}")]
    public void Highlighting_keeps_the_code_text_exactly(string code)
    {
        var html = CSharpHighlighter.ToHtml(code);

        Assert.Equal(code, WebUtility.HtmlDecode(Tag().Replace(html, "")));
        Assert.DoesNotContain("<b>", html);
    }

    [Fact]
    public void Every_line_is_a_whole_line_span_that_knows_its_indentation()
    {
        // A block comment over three lines is closed at each line's end and opened again on the next.
        const string code = "var x = 1; /* one\n  two\n\tthree */\n    x++;\n";
        var html = CSharpHighlighter.ToHtml(code);

        var lines = LineSpan().Matches(html);
        Assert.Equal(5, lines.Count);
        Assert.Equal(["", "2", "4", "4", ""], lines.Select(l => l.Groups[1].Value));
        Assert.Equal(code.Split('\n').Select((l, i) => i < 4 ? l + "\n" : l), lines.Select(l => WebUtility.HtmlDecode(Tag().Replace(l.Groups[2].Value, ""))));
        Assert.Equal(["/* one\n", "  two\n", "\tthree */"], Tokens(html, CSharpHighlighter.Comment));
        foreach (Match line in lines)
        {
            Assert.Equal(Regex.Count(line.Groups[2].Value, "<span"), Regex.Count(line.Groups[2].Value, "</span>"));
        }
    }

    [Fact]
    public void Keywords_including_contextual_var_get_the_keyword_class()
    {
        var html = CSharpHighlighter.ToHtml("var total = 0;\nfor (int i = 0; i < 3; i++) { total += i; }\nreturn nameof(total);");

        Assert.Equal(["var", "for", "int", "return", "nameof"], Tokens(html, CSharpHighlighter.Keyword));
    }

    [Fact]
    public void Literals_and_comments_get_their_classes()
    {
        var html = CSharpHighlighter.ToHtml("double rate = 0.01; // learning rate\nvar name = $\"epoch {rate}\"; /* end */");

        Assert.Equal(["0.01"], Tokens(html, CSharpHighlighter.Number));
        Assert.Equal(["// learning rate", "/* end */"], Tokens(html, CSharpHighlighter.Comment));
        Assert.Equal(["$\"", "epoch ", "\""], Tokens(html, CSharpHighlighter.String));
    }

    [Fact]
    public void Reference_and_magic_directives_get_the_preprocessor_class()
    {
        var html = CSharpHighlighter.ToHtml("#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"../lib/bin/NotebookCourse.dll\"\nusing MathNet.Numerics;");

        Assert.Equal(["#r \"nuget: MathNet.Numerics, 5.0.0\"", "#r \"../lib/bin/NotebookCourse.dll\""], Tokens(html, CSharpHighlighter.Preprocessor));
        Assert.Equal(["using"], Tokens(html, CSharpHighlighter.Keyword));
    }

    [Fact]
    public void Type_names_in_type_positions_and_called_methods_are_marked()
    {
        var html = CSharpHighlighter.ToHtml("List<Tensor> batch = new List<Tensor>();\nrecord Point(double X);\nbatch.Add(Tensor.Zeros(3));");

        Assert.Equal(["List", "Tensor", "List", "Tensor", "Point"], Tokens(html, CSharpHighlighter.Type));
        Assert.Equal(["Add", "Zeros"], Tokens(html, CSharpHighlighter.Method));
    }

    [GeneratedRegex("<span class=\"(tok-[a-z-]+)\">(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex Span();

    [GeneratedRegex("<span class=\"line\"(?: style=\"--indent:([0-9]+)\")?>(.*?)</span>(?=<span class=\"line\"|$)", RegexOptions.Singleline)]
    private static partial Regex LineSpan();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
