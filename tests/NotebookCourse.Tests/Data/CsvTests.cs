using Microsoft.Data.Analysis;
using NotebookCourse.Data;
using NotebookCourse.Testing;

namespace NotebookCourse.Tests.Data;

public sealed class CsvTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string text) => _temp.NewFile(text, ".csv");

    [Fact]
    public void A_written_line_reads_back_field_for_field()
    {
        string[] fields = ["plain", "a, b", "say \"hi\"", " padded ", "", "x;y"];
        var path = Write("h1,h2,h3,h4,h5,h6\n" + Csv.FormatLine(fields) + "\n");
        Assert.Equal(fields, Csv.ReadTable(path).Rows[0]);
        Assert.Throws<ArgumentException>(() => Csv.FormatLine(["two\nlines"]));
    }

    [Fact]
    public void Iris_csv_loads_into_a_DataFrame_with_numeric_and_text_columns()
    {
        var frame = Csv.ReadDataFrame(Path.Combine(TestPaths.DataDirectory, "iris.csv"));
        Assert.Equal(150, frame.Rows.Count);
        Assert.Equal(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], frame.Columns.Select(c => c.Name));
        Assert.Equal(typeof(float), frame.Columns["sepal_length"].DataType);
        Assert.Equal(typeof(string), frame.Columns["species"].DataType);
        // first line of data/iris.csv: 5.1,3.5,1.4,0.2,setosa
        Assert.Equal(5.1f, (float)frame.Columns["sepal_length"][0]!);
        Assert.Equal("setosa", frame.Columns["species"][0]);
    }

    [Fact]
    public void DataFrame_columns_become_a_tensor_in_the_order_asked()
    {
        var path = Write("a,b,name\n1,2,x\n3,4.5,y\n");
        var frame = Csv.ReadDataFrame(path);
        var t = frame.ToTensor("b", "a");
        Assert.Equal([2, 2], t.Shape);
        Assert.Equal([2f, 1f, 4.5f, 3f], t.Data);
        Assert.Equal(["x", "y"], frame.ToStringArray("name"));
    }

    [Fact]
    public void Text_column_cannot_become_a_tensor()
    {
        var frame = Csv.ReadDataFrame(Write("a,name\n1,x\n"));
        var e = Assert.Throws<ArgumentException>(() => frame.ToTensor("a", "name"));
        Assert.Contains("'name'", e.Message);
    }

    [Fact]
    public void Missing_value_is_reported_with_row_and_column()
    {
        var frame = new DataFrame(new PrimitiveDataFrameColumn<float>("a", [1f, null, 3f]));
        var e = Assert.Throws<FormatException>(() => frame.ToTensor());
        Assert.Contains("Row 1", e.Message);
        Assert.Contains("'a'", e.Message);
    }

    [Fact]
    public void Empty_field_in_a_number_column_is_a_missing_value_reported_by_ToTensor()
    {
        var path = Write("a,b\n1,2\n3,\n");
        var frame = Csv.ReadDataFrame(path);
        Assert.Equal(typeof(float), frame.Columns["b"].DataType);
        Assert.Null(frame.Columns["b"][1]);
        var e = Assert.Throws<FormatException>(() => frame.ToTensor());
        Assert.Contains($"{path}: line 3, column 2 ('b')", e.Message);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void Ragged_row_is_reported_with_file_line_and_column()
    {
        var path = Write("a,b,c\n1,2,3\n4,5\n");
        var e = Assert.Throws<FormatException>(() => Csv.ReadDataFrame(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.Contains("column 3", e.Message);
        Assert.Contains("expected 3 fields", e.Message);
    }

    [Fact]
    public void Non_number_is_reported_with_file_line_and_column()
    {
        var path = Write("a,b\n1,2\n3,oops\n");
        var e = Assert.Throws<FormatException>(() => Csv.ReadTensor(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3, column 2 ('b')", e.Message);
        Assert.Contains("'oops'", e.Message);
    }

    [Fact]
    public void Quoted_fields_keep_their_separators_and_quotes()
    {
        var table = Csv.ReadTable(Write("name,value\n\"a, b\",1\n\"say \"\"hi\"\"\",2\n"));
        Assert.Equal(["a, b", "say \"hi\""], table.Column("name"));
        Assert.Equal([1f, 2f], table.ToTensor("value").Data);
    }

    [Fact]
    public void Unclosed_quote_and_duplicate_header_are_reported()
    {
        var unclosed = Write("a,b\n1,\"2\n");
        Assert.Contains("line 2, column 2", Assert.Throws<FormatException>(() => Csv.ReadTable(unclosed)).Message);
        var duplicate = Write("a,b,a\n1,2,3\n");
        Assert.Contains("'a' is used twice", Assert.Throws<FormatException>(() => Csv.ReadTable(duplicate)).Message);
        Assert.Contains("empty", Assert.Throws<FormatException>(() => Csv.ReadTable(Write(""))).Message);
    }

    [Fact]
    public void Unknown_column_lists_the_columns_there_are()
    {
        var table = Csv.ReadTable(Write("a,b\n1,2\n"));
        var e = Assert.Throws<KeyNotFoundException>(() => table.ToTensor("c"));
        Assert.Contains("'c'", e.Message);
        Assert.Contains("a, b", e.Message);
    }
}
