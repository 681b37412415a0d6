using System.Globalization;
using System.Text;
using Microsoft.Data.Analysis;

namespace NotebookCourse.Data;

/// <summary>
/// Reads CSV files with a header row: into a Microsoft.Data.Analysis <see cref="DataFrame"/>, into a
/// <see cref="CsvTable"/> of text, or straight into a tensor. Every malformed file gets an error
/// that names the file, the line and the column.
/// </summary>
public static class Csv
{
    /// <summary>
    /// Reads a CSV file (first line = column names) into a DataFrame. Columns whose every value is
    /// a number become float columns; others become string columns. The file is checked first, so
    /// a row with too few or too many fields is reported with its line number.
    /// </summary>
    /// <exception cref="FormatException">The file is malformed; the message names file, line and column.</exception>
    public static DataFrame ReadDataFrame(string path, char separator = ',')
    {
        var table = ReadTable(path, separator);
        var types = new Type[table.Header.Length];
        for (var c = 0; c < types.Length; c++) types[c] = table.IsNumeric(c) ? typeof(float) : typeof(string);
        return DataFrame.LoadCsv(path, separator, header: true, dataTypes: types, cultureInfo: CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the named columns of a CSV file (all when none are named) into a float tensor [rows, columns].</summary>
    /// <exception cref="FormatException">A row is ragged or a field is not a number; the message names file, line and column.</exception>
    public static Tensor ReadTensor(string path, params string[] columns) => ReadTable(path).ToTensor(columns);

    /// <summary>
    /// Reads a CSV file as text, checking that every row has as many fields as the header.
    /// Fields may be quoted with <c>"</c> (a doubled <c>""</c> inside is one quote); a quoted field
    /// cannot span lines. Blank lines at the end are ignored.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">The file is malformed; the message names file, line and column.</exception>
    public static CsvTable ReadTable(string path, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file not found: {path}", path);
        var lines = File.ReadAllLines(path);
        var count = lines.Length;
        while (count > 0 && lines[count - 1].Trim().Length == 0) count--;
        if (count == 0) throw new FormatException($"{path}: the file is empty; expected a header line with column names.");

        var header = SplitLine(lines[0], separator, path, 1);
        for (var c = 0; c < header.Length; c++)
        {
            header[c] = header[c].Trim();
            if (header[c].Length == 0) throw new FormatException($"{path}: line 1, column {c + 1}: the header has an empty column name.");
            var first = Array.IndexOf(header, header[c]);
            if (first < c) throw new FormatException($"{path}: line 1, column {c + 1}: the column name '{header[c]}' is used twice (also column {first + 1}).");
        }

        var rows = new string[count - 1][];
        var lineNumbers = new int[count - 1];
        for (var i = 1; i < count; i++)
        {
            var fields = SplitLine(lines[i], separator, path, i + 1);
            if (fields.Length != header.Length)
            {
                var column = Math.Min(fields.Length, header.Length) + 1;
                throw new FormatException(
                    $"{path}: line {i + 1}, column {column}: expected {header.Length} fields like the header but found {fields.Length}.");
            }
            rows[i - 1] = fields;
            lineNumbers[i - 1] = i + 1;
        }
        return new CsvTable(path, header, rows, lineNumbers);
    }

    /// <summary>Splits one line into fields, honouring quotes.</summary>
    internal static string[] SplitLine(string line, char separator, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var quoteStart = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.ToString().Trim().Length == 0)
            {
                inQuotes = true;
                quoteStart = fields.Count + 1;
                field.Clear();
            }
            else if (ch == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }
        if (inQuotes)
        {
            throw new FormatException($"{source}: line {lineNumber}, column {quoteStart}: a quoted field is not closed before the end of the line.");
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
