using System.Text;
using Microsoft.Data.Analysis;
using NotebookCourse.Data;
using NotebookCourse.Testing;

namespace NotebookCourse.Tests.Data;

/// <summary>
/// CSV files as learners produce them by mistake: values that are not finite numbers, text in a column of
/// numbers. Each is refused with the file, the line and the column, on the tensor and the DataFrame paths.
/// </summary>
public sealed class CsvMalformedTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string text) => _temp.NewFile(text, ".csv");

    [Theory]
    [InlineData("1e400", "+∞")]
    [InlineData("-1e400", "-∞")]
    [InlineData("Infinity", "+∞")]
    [InlineData("-Infinity", "-∞")]
    [InlineData("NaN", "missing")]
    [InlineData("nan", "missing")]
    [InlineData("-nan", "not a number")]
    [InlineData("", "missing")]
    [InlineData("∞", "expected a number but found '∞'")]
    public void A_value_that_is_not_a_finite_number_is_refused_with_file_line_and_column(string value, string reason)
    {
        var path = Write($"a,b\n1,2\n3,{value}\n5,6\n");
        var error = Assert.Throws<FormatException>(() => Csv.ReadTensor(path));
        Assert.Contains($"{path}: line 3, column 2 ('b')", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_number_a_million_digits_long_is_refused_and_shown_shortened()
    {
        var huge = "1" + new string('0', 1_000_000);
        var path = Write($"a,b\n1,2\n{huge},4\n");
        var error = Assert.Throws<FormatException>(() => Csv.ReadTensor(path));
        Assert.Contains($"{path}: line 3, column 1 ('a')", error.Message);
        Assert.Contains("+∞", error.Message);
        Assert.Contains("1,000,001 characters", error.Message);
        Assert.True(error.Message.Length < 1000, "the message quotes the whole number");
    }

    [Fact]
    public void Missing_values_become_NaN_only_when_asked_for()
    {
        var path = Write("a,b\n1,\n NaN ,NA\nn/a,4\n");
        Assert.Throws<FormatException>(() => Csv.ReadTensor(path));
        var t = Csv.ReadTensor(path, [], missingAsNaN: true);
        Assert.Equal([3, 2], t.Shape);
        Assert.Equal(1f, t[0, 0]);
        Assert.True(float.IsNaN(t[0, 1]) && float.IsNaN(t[1, 0]) && float.IsNaN(t[1, 1]) && float.IsNaN(t[2, 0]));
        Assert.Equal(4f, t[2, 1]);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("Infinity")]
    [InlineData("oops")]
    public void Asking_for_missing_values_still_refuses_infinities_and_text(string value)
    {
        var path = Write($"a\n1\n{value}\n");
        var error = Assert.Throws<FormatException>(() => Csv.ReadTensor(path, [], missingAsNaN: true));
        Assert.Contains($"{path}: line 3, column 1 ('a')", error.Message);
    }

    [Fact]
    public void DataFrame_text_in_a_column_of_numbers_is_reported_with_file_and_line()
    {
        var path = Write("a,b\n1,2\n3,oops\n5,6\n");
        var frame = Csv.ReadDataFrame(path);
        Assert.Equal(typeof(string), frame.Columns["b"].DataType); // the frame shows the file as it is
        var error = Assert.Throws<FormatException>(() => frame.ToTensor());
        Assert.Contains($"{path}: line 3, column 2 ('b')", error.Message);
        Assert.Contains("'oops'", error.Message);
        Assert.Contains("2 of its values are numbers", error.Message);
        Assert.Equal([1f, 3f, 5f], frame.ToTensor("a").Data); // the good column still converts
    }

    [Fact]
    public void DataFrame_text_column_names_the_file_and_a_line_with_text()
    {
        var path = Write("a,name\n1,x\n2,y\n");
        var error = Assert.Throws<ArgumentException>(() => Csv.ReadDataFrame(path).ToTensor("name"));
        Assert.Contains("'name'", error.Message);
        Assert.Contains($"'x' on line 2 of {path}", error.Message);
        Assert.Contains("LabelEncoder", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("NA")]
    public void DataFrame_missing_values_are_nulls_that_ToTensor_refuses_by_line(string value)
    {
        var path = Write($"a,b\n1,2\n3,{value}\n");
        var frame = Csv.ReadDataFrame(path);
        Assert.Equal(typeof(float), frame.Columns["b"].DataType);
        Assert.Null(frame.Columns["b"][1]);
        var error = Assert.Throws<FormatException>(() => frame.ToTensor());
        Assert.Contains($"{path}: line 3, column 2 ('b')", error.Message);
        Assert.Contains("missing", error.Message);
        Assert.Equal([1f, 2f], frame.DropNulls().ToTensor().Data); // the explicit choice
    }

    [Fact]
    public void DataFrame_numbers_beyond_the_float_range_are_refused_by_line()
    {
        var path = Write("a,b\n1,2\n3,-1e400\n");
        var frame = Csv.ReadDataFrame(path);
        var error = Assert.Throws<FormatException>(() => frame.ToTensor());
        Assert.Contains($"{path}: line 3, column 2 ('b')", error.Message);
        Assert.Contains("-∞", error.Message);
    }

    [Fact]
    public void DataFrame_line_numbers_count_blank_lines_and_quoted_fields()
    {
        var path = Write("a,b\n\"1\",2\n\n");
        // the blank line 3 is at the end, so ignored; rows keep their own line numbers
        Assert.Equal([1f, 2f], Csv.ReadDataFrame(path).ToTensor().Data);
        var middle = Write("a\n1\n\n \nNaN\n");
        var error = Assert.Throws<FormatException>(() => Csv.ReadDataFrame(middle).ToTensor());
        Assert.Contains($"{middle}: line 3, column 1 ('a')", error.Message); // the first blank line is a missing value
    }

    [Fact]
    public void A_DataFrame_built_in_code_names_row_and_column_of_a_non_finite_value()
    {
        var frame = new DataFrame(new DoubleDataFrameColumn("x", [1.0, 1e300, 2.0]), new SingleDataFrameColumn("y", [1f, 2f, float.NaN]));
        Assert.Contains("Row 1, column 'x': the value is +∞", Assert.Throws<FormatException>(() => frame.ToTensor()).Message);
        Assert.Contains("Row 2, column 'y': the value is NaN", Assert.Throws<FormatException>(() => frame.ToTensor("y")).Message);
    }

    [Fact]
    public void A_folder_given_as_the_path_is_named_as_a_folder()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Csv.ReadTable(_temp.Path));
        Assert.Contains($"{_temp.Path} is a folder, not a CSV file", error.Message);
    }

    [Fact]
    public void A_duplicate_name_among_many_columns_is_found_at_once()
    {
        var header = string.Join(",", Enumerable.Range(0, 330_000).Select(i => $"c{i}")) + ",c17";
        var path = Write(header + "\n");
        var error = Assert.Throws<FormatException>(() => Csv.ReadTable(path));
        Assert.Contains("line 1, column 330001: the column name 'c17' is used twice (also column 18)", error.Message);
    }

    [Fact]
    public void Ragged_row_among_many_columns_names_its_line_and_column()
    {
        var path = Write(string.Join(",", Enumerable.Range(0, 1000).Select(i => $"c{i}")) + "\n" + string.Join(",", Enumerable.Repeat("1", 999)) + "\n");
        Assert.Contains("line 2, column 1000: expected 1000 fields like the header but found 999", Assert.Throws<FormatException>(() => Csv.ReadTable(path)).Message);
    }

    [Fact]
    public void Stray_quotes_are_characters_of_an_unquoted_field_and_text_after_a_closing_quote_is_kept()
    {
        var table = Csv.ReadTable(Write("a,b\nx\"y\"z,\"q\"r\n"));
        Assert.Equal(["x\"y\"z"], table.Column("a"));
        Assert.Equal(["qr"], table.Column("b"));
    }

    /// <summary>A line with a 5 MB field full of stray quotes, and a 5 MB quoted field never closed.</summary>
    internal static string StrayQuotes(int bytes, bool opening)
    {
        var text = new StringBuilder(bytes + 16);
        text.Append("a,b\n1,");
        if (opening) text.Append('"');
        while (text.Length < bytes) text.Append("x\"");
        return text.Append('\n').ToString();
    }

    internal static string ManyColumns(int columns)
    {
        var text = new StringBuilder(columns * 10);
        text.AppendJoin(',', Enumerable.Range(0, columns).Select(i => $"c{i}")).Append('\n');
        text.AppendJoin(',', Enumerable.Repeat("0.5", columns)).Append('\n');
        return text.ToString();
    }

    internal static string ManyRows(int rows)
    {
        var text = new StringBuilder(rows * 24);
        text.Append("a,b,c,d,label\n");
        for (var i = 0; i < rows; i++) text.Append("5.1,3.5,1.4,0.2,setosa\n");
        return text.ToString();
    }
}
