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
    /// Reads a CSV file (first line = column names) into a DataFrame. Columns whose values are all
    /// numbers or missing become float columns; others become string columns. Missing values (an empty field,
    /// <c>NaN</c>, <c>NA</c> or <c>N/A</c>) become nulls in a float column: handle them with DataFrame's
    /// <c>DropNulls</c> or <c>FillNulls</c>, since <see cref="DataFrameExtensions.ToTensor"/> refuses them.
    /// The frame remembers the file and the line of each row, so <c>ToTensor</c> can name the line of a
    /// text value in a column of numbers, of a missing value, or of a number beyond the float range.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist, or the path is a folder.</exception>
    /// <exception cref="FormatException">The file is malformed; the message names file, line and column.</exception>
    public static DataFrame ReadDataFrame(string path, char separator = ',')
    {
        var table = ReadTable(path, separator);
        var rows = table.Rows;
        var columns = new DataFrameColumn[table.Header.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var name = table.Header[c];
            // One pass parses every field; the column is numbers unless a field is text (missing ones are null).
            var values = new float?[rows.Length];
            var firstText = -1;
            var numbers = 0;
            for (var r = 0; r < rows.Length; r++)
            {
                if (CsvTable.IsMissing(rows[r][c])) continue;
                if (CsvTable.TryParseNumber(rows[r][c], out var value))
                {
                    values[r] = value;
                    numbers++;
                }
                else if (firstText < 0)
                {
                    firstText = r;
                }
            }
            if (firstText < 0)
            {
                columns[c] = new SingleDataFrameColumn(name, values);
            }
            else
            {
                columns[c] = new StringDataFrameColumn(name, rows.Select(r => r[c]));
            }
            CsvColumnOrigin.Remember(columns[c], new CsvColumnOrigin(path, c + 1, table.LineNumbers, firstText, numbers));
        }
        return new DataFrame(columns);
    }

    /// <summary>Reads the named columns of a CSV file (all when none are named) into a float tensor [rows, columns].</summary>
    /// <exception cref="FormatException">A row is ragged, or a field is not a finite number; the message names file, line and column.</exception>
    public static Tensor ReadTensor(string path, params string[] columns) => ReadTable(path).ToTensor(columns);

    /// <summary>
    /// Reads the named columns of a CSV file (all when none are named) into a float tensor, with missing
    /// values (empty, <c>NaN</c>, <c>NA</c>, <c>N/A</c>) read as <see cref="float.NaN"/> when
    /// <paramref name="missingAsNaN"/> is true. See <see cref="CsvTable.ToTensor(string[], bool)"/>.
    /// </summary>
    /// <exception cref="FormatException">A row is ragged, or a field is not a number; the message names file, line and column.</exception>
    public static Tensor ReadTensor(string path, string[] columns, bool missingAsNaN) => ReadTable(path).ToTensor(columns, missingAsNaN);

    /// <summary>
    /// Reads a CSV file as text, checking that every row has as many fields as the header.
    /// Fields may be quoted with <c>"</c> (a doubled <c>""</c> inside is one quote); a quoted field
    /// cannot span lines, and a quote inside an unquoted field is kept as a character. Blank lines at
    /// the end are ignored. Reading takes time and memory in proportion to the file's size, whatever
    /// its shape (one very long line, hundreds of thousands of columns, stray quotes).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist, or the path is a folder.</exception>
    /// <exception cref="FormatException">The file is malformed; the message names file, line and column.</exception>
    public static CsvTable ReadTable(string path, char separator = ',')
    {
        DataFile.EnsureExists(path, "a", "CSV");
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var headerLine = reader.ReadLine();
        string[]? header = null;
        var rows = new List<string[]>();
        var lineNumbers = new List<int>();
        // Blank lines are held back until a later line shows they are not the blank lines at the end.
        var blanks = new List<(int Number, string Text)>();
        var number = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                blanks.Add((number, line));
                continue;
            }
            header ??= ReadHeader(headerLine!, separator, path);
            foreach (var (blankNumber, blank) in blanks) AddRow(blank, blankNumber);
            blanks.Clear();
            AddRow(line, number);
        }
        if (header is null)
        {
            if (string.IsNullOrWhiteSpace(headerLine)) throw new FormatException($"{path}: the file is empty; expected a header line with column names.");
            header = ReadHeader(headerLine, separator, path);
        }
        return new CsvTable(path, header, [.. rows], [.. lineNumbers]);

        void AddRow(string line, int lineNumber)
        {
            var fields = SplitLine(line, separator, path, lineNumber, header.Length);
            if (fields.Length != header.Length)
            {
                var column = Math.Min(fields.Length, header.Length) + 1;
                throw new FormatException(
                    $"{path}: line {lineNumber}, column {column}: expected {header.Length} fields like the header but found {fields.Length}.");
            }
            rows.Add(fields);
            lineNumbers.Add(lineNumber);
        }
    }

    /// <summary>The column names of line 1: none empty, none twice.</summary>
    private static string[] ReadHeader(string line, char separator, string path)
    {
        var header = SplitLine(line, separator, path, 1, expectedCount: 0);
        var seen = new Dictionary<string, int>(header.Length, StringComparer.Ordinal);
        for (var c = 0; c < header.Length; c++)
        {
            header[c] = header[c].Trim();
            if (header[c].Length == 0) throw new FormatException($"{path}: line 1, column {c + 1}: the header has an empty column name.");
            if (!seen.TryAdd(header[c], c))
            {
                throw new FormatException($"{path}: line 1, column {c + 1}: the column name {DataFile.Shown(header[c])} is used twice (also column {seen[header[c]] + 1}).");
            }
        }
        return header;
    }

    /// <summary>
    /// Splits one line into fields, honouring quotes, in one pass over the line: each character is
    /// looked at once, and each field's text is copied once.
    /// </summary>
    internal static string[] SplitLine(string line, char separator, string source, int lineNumber, int expectedCount)
    {
        var fields = new List<string>(expectedCount > 0 ? expectedCount : 8);
        var i = 0;
        while (true)
        {
            var start = i;
            // Spaces before an opening quote are dropped: ` "a, b"` is the field `a, b`.
            while (i < line.Length && line[i] != separator && char.IsWhiteSpace(line[i])) i++;
            int end;
            if (i < line.Length && line[i] == '"')
            {
                var column = fields.Count + 1;
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    var quote = line.IndexOf('"', i);
                    if (quote < 0)
                    {
                        throw new FormatException($"{source}: line {lineNumber}, column {column}: a quoted field is not closed before the end of the line.");
                    }
                    text.Append(line, i, quote - i);
                    i = quote + 1;
                    if (i < line.Length && line[i] == '"')
                    {
                        text.Append('"'); // "" inside quotes is one quote
                        i++;
                        continue;
                    }
                    break;
                }
                end = line.IndexOf(separator, i);
                if (end < 0) end = line.Length;
                text.Append(line, i, end - i); // text after the closing quote is kept, as most readers do
                fields.Add(text.ToString());
            }
            else
            {
                end = line.IndexOf(separator, start);
                if (end < 0) end = line.Length;
                fields.Add(line[start..end]);
            }
            if (end >= line.Length) return [.. fields];
            i = end + 1;
        }
    }

    /// <summary>
    /// One line of a CSV file, the writing side of <see cref="SplitLine"/>: the fields joined by
    /// <paramref name="separator"/>, each quoted when it holds the separator, a quote (doubled inside)
    /// or spaces at either end, so that <see cref="ReadTable"/> reads every field back unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">A field holds a line break, which no line of a CSV file read here can.</exception>
    internal static string FormatLine(IEnumerable<string> fields, char separator = ',')
    {
        var line = new StringBuilder();
        foreach (var field in fields)
        {
            if (field.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new ArgumentException($"The CSV field {DataFile.Shown(field)} holds a line break; a field must fit on its line.", nameof(fields));
            }
            var quoted = field.Contains(separator) || field.Contains('"') || field.Length > 0 && (char.IsWhiteSpace(field[0]) || char.IsWhiteSpace(field[^1]));
            line.Append(quoted ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field).Append(separator);
        }
        if (line.Length > 0) line.Length--; // the last separator
        return line.ToString();
    }
}
