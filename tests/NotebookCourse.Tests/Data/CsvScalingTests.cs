using NotebookCourse.Data;
using NotebookCourse.Testing;
using NotebookCourse.Tests.Support;
using Xunit.Abstractions;

namespace NotebookCourse.Tests.Data;

/// <summary>
/// Reading a CSV file takes time and memory in proportion to its size, whatever its shape: ten times
/// the input costs about ten times as much (a quadratic reader would cost a hundred times).
/// </summary>
[Collection(Scaling.Collection)]
public sealed class CsvScalingTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private (long, Action) File(string text, Action<string> read)
    {
        var path = _temp.NewFile(text, ".csv");
        return (new FileInfo(path).Length, () => read(path));
    }

    [Fact]
    public void A_line_of_stray_quotes_reads_in_linear_time_and_memory()
    {
        var result = Scaling.Measure("5 MB line of stray quotes", bytes => File(CsvMalformedTests.StrayQuotes(bytes, opening: false), path =>
        {
            var table = Csv.ReadTable(path);
            Assert.Throws<FormatException>(() => table.ToTensor());
        }), smallSize: 500_000);
        Scaling.AssertLinear(result, output, maxBytesPerInputByte: 12);
    }

    [Fact]
    public void A_quoted_field_of_stray_quotes_reads_in_linear_time_and_memory()
    {
        var result = Scaling.Measure("5 MB quoted field of doubled and stray quotes", bytes => File(CsvMalformedTests.StrayQuotes(bytes, opening: true), path =>
            Csv.ReadTable(path)), smallSize: 500_000);
        Scaling.AssertLinear(result, output, maxBytesPerInputByte: 16);
    }

    [Fact]
    public void An_unclosed_quote_on_a_long_line_is_found_in_linear_time()
    {
        var result = Scaling.Measure("5 MB unclosed quoted field", bytes => File("a,b\n1,\"" + new string('x', bytes) + "\n", path =>
            Assert.Contains("line 2, column 2: a quoted field is not closed", Assert.Throws<FormatException>(() => Csv.ReadTable(path)).Message)),
            smallSize: 500_000);
        Scaling.AssertLinear(result, output, maxBytesPerInputByte: 12);
    }

    [Fact]
    public void Hundreds_of_thousands_of_columns_read_in_linear_time_and_memory()
    {
        var result = Scaling.Measure("330,000 columns to a tensor", columns => File(CsvMalformedTests.ManyColumns(columns), path =>
            Assert.Equal(columns, Csv.ReadTensor(path).Shape[1])), smallSize: 33_000);
        Scaling.AssertLinear(result, output, maxBytesPerInputByte: 40);
    }

    [Fact]
    public void Hundreds_of_thousands_of_columns_read_into_a_DataFrame_in_linear_time_and_memory()
    {
        var result = Scaling.Measure("50,000 columns to a DataFrame", columns => File(CsvMalformedTests.ManyColumns(columns), path =>
            Assert.Equal(columns, Csv.ReadDataFrame(path).Columns.Count)), smallSize: 5_000);
        Scaling.AssertLinear(result, output, maxBytesPerInputByte: 200);
    }

    [Fact]
    public void Many_rows_read_into_a_tensor_and_a_DataFrame_in_linear_time_and_memory()
    {
        var tensor = Scaling.Measure("rows to a tensor", rows => File(CsvMalformedTests.ManyRows(rows), path =>
            Assert.Equal(rows, Csv.ReadTensor(path, "a", "b", "c", "d").Shape[0])), smallSize: 10_000);
        Scaling.AssertLinear(tensor, output, maxBytesPerInputByte: 30);
        var frame = Scaling.Measure("rows to a DataFrame", rows => File(CsvMalformedTests.ManyRows(rows), path =>
            Assert.Equal(rows, Csv.ReadDataFrame(path).Rows.Count)), smallSize: 10_000);
        Scaling.AssertLinear(frame, output, maxBytesPerInputByte: 40);
    }
}
