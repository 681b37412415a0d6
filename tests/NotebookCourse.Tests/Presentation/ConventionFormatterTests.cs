using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using NotebookCourse.Presentation;
using NotebookCourse.Training;

namespace NotebookCourse.Tests.Presentation;

/// <summary>
/// The library declares its own TypeFormatterSourceAttribute; these tests run the real .NET Interactive
/// formatter (the package Polyglot Notebooks uses) to prove the convention is met.
/// </summary>
public class ConventionFormatterTests
{
    [Fact]
    public void Dotnet_interactive_formats_a_tensor_as_html_through_the_library_source()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        var html = t.ToDisplayString("text/html");
        Assert.Contains("nc-tensor", html);
        Assert.Contains("shape [2, 2]", html);
        Assert.Contains(">4</td>", html);
    }

    [Fact]
    public void Dotnet_interactive_formats_a_tensor_as_plain_text_with_its_ToString()
    {
        var t = Tensor.FromArray(new float[] { 1, 2, 3 });
        Assert.Equal(t.ToString(), t.ToDisplayString("text/plain"));
    }

    [Fact]
    public void Attribute_on_tensor_names_the_formatter_source()
    {
        var attribute = typeof(Tensor).GetCustomAttributes(false).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        Assert.Equal(typeof(FormatterSource), sourceType);
    }

    [Fact]
    public void Every_formatter_has_the_shape_the_convention_reads_by_reflection()
    {
        var formatters = new FormatterSource().CreateTypeFormatters().ToList();
        Assert.NotEmpty(formatters);
        foreach (var f in formatters)
        {
            var type = f.GetType();
            Assert.IsType<string>(type.GetProperty("MimeType")!.GetValue(f));
            Assert.IsType<Type>(type.GetProperty("Type")!.GetValue(f), exactMatch: false);
            var format = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Single(m => m.Name == "Format");
            Assert.Equal(typeof(bool), format.ReturnType);
            Assert.Equal([typeof(object), typeof(TextWriter)], format.GetParameters().Select(p => p.ParameterType));
        }
    }

    [Fact]
    public void Formatter_declines_objects_of_another_type()
    {
        var tensorHtml = new FormatterSource().CreateTypeFormatters().Cast<ConventionFormatter>()
            .Single(f => f.Type == typeof(Tensor) && f.MimeType == "text/html");
        using var writer = new StringWriter();
        Assert.False(tensorHtml.Format("not a tensor", writer));
        Assert.Equal("", writer.ToString());
    }

    [Fact]
    public void Every_type_has_both_html_and_plain_text()
    {
        var formatters = new FormatterSource().CreateTypeFormatters().Cast<ConventionFormatter>().ToList();
        foreach (var group in formatters.GroupBy(f => f.Type))
        {
            Assert.Contains(group, f => f.MimeType == "text/html");
            Assert.Contains(group, f => f.MimeType == "text/plain");
        }
    }

    [Fact]
    public void History_formatter_writes_one_row_per_epoch()
    {
        var history = new History();
        history.Add(new Dictionary<string, double> { ["loss"] = 0.9, ["accuracy"] = 0.5 });
        history.Add(new Dictionary<string, double> { ["loss"] = 0.4, ["accuracy"] = 0.875 });
        var html = new FormatterSource().CreateTypeFormatters().Cast<ConventionFormatter>()
            .Single(f => f.Type == typeof(History) && f.MimeType == "text/html");
        using var writer = new StringWriter();
        Assert.True(html.Format(history, writer));
        var text = writer.ToString();
        Assert.Contains(">loss</th>", text);
        Assert.Contains(">0.8750</td>", text);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(text, "<tr>").Count);
    }

    [Fact]
    public void Plain_text_of_every_type_is_its_own_ToString()
    {
        var history = new History();
        history.Add(new Dictionary<string, double> { ["loss"] = 1.5 });
        var summary = new ModelSummary("sequential", [new SummaryRow("dense_1", "Dense", "(None, 10)", 7850)], 7850, 7850);
        var progress = new TrainingProgress(1, 2, 3, 4, new Dictionary<string, double> { ["loss"] = 0.5 }, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));
        var cm = NotebookCourse.Metrics.ConfusionMatrix.From([0, 1], [0, 0]);
        var formatters = new FormatterSource().CreateTypeFormatters().Cast<ConventionFormatter>().Where(f => f.MimeType == "text/plain").ToList();
        foreach (object value in new object[] { Tensor.Ones(2), history, summary, progress, cm })
        {
            var formatter = formatters.Single(f => f.Type == value.GetType());
            using var writer = new StringWriter();
            Assert.True(formatter.Format(value, writer));
            Assert.Equal(value.ToString(), writer.ToString());
        }
    }

    [Fact]
    public void Every_type_marked_for_display_has_html_and_text_formatters()
    {
        var marked = typeof(Tensor).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(false).Any(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
            .ToList();
        Assert.Contains(typeof(Tensor), marked);
        var formatters = new FormatterSource().CreateTypeFormatters().Cast<ConventionFormatter>().ToList();
        foreach (var type in marked)
        {
            Assert.Contains(formatters, f => f.Type == type && f.MimeType == "text/html");
            Assert.Contains(formatters, f => f.Type == type && f.MimeType == "text/plain");
        }
    }
}
