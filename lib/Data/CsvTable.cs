using System.Globalization;

namespace NotebookCourse.Data;

/// <summary>
/// A CSV file read as text: the header names and every row's fields, each row knowing its line
/// number, so that later errors can point at the exact place in the file.
/// </summary>
/// <param name="Source">The file the table came from.</param>
/// <param name="Header">The column names from the first line.</param>
/// <param name="Rows">The fields of each data row (same count as the header).</param>
/// <param name="LineNumbers">The 1-based line number of each row in the file.</param>
public sealed record CsvTable(string Source, string[] Header, string[][] Rows, int[] LineNumbers)
{
    /// <summary>The position of a column by name.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns there are.</exception>
    public int ColumnIndex(string name)
    {
        var index = Array.IndexOf(Header, name);
        if (index < 0)
        {
            throw new KeyNotFoundException($"{Source}: no column named '{name}'. The columns are: {string.Join(", ", Header)}.");
        }
        return index;
    }

    /// <summary>The text of one column, row by row.</summary>
    public string[] Column(string name)
    {
        var c = ColumnIndex(name);
        return Array.ConvertAll(Rows, r => r[c]);
    }

    /// <summary>
    /// Whether a column holds numbers: every non-empty field parses (invariant culture, '.' as
    /// decimal point) and at least one field is not empty. Empty fields count as missing values.
    /// </summary>
    public bool IsNumeric(int column) =>
        Rows.Any(r => r[column].Trim().Length > 0) &&
        Rows.All(r => r[column].Trim().Length == 0 || TryParseNumber(r[column], out _));

    /// <summary>
    /// The given columns (all when none are named) as a float tensor [rows, columns].
    /// </summary>
    /// <exception cref="FormatException">A field is not a number; the message names the file, line and column.</exception>
    public Tensor ToTensor(params string[] columns)
    {
        var indices = columns.Length == 0 ? Enumerable.Range(0, Header.Length).ToArray() : Array.ConvertAll(columns, ColumnIndex);
        var data = new float[Rows.Length * indices.Length];
        for (var r = 0; r < Rows.Length; r++)
        {
            for (var j = 0; j < indices.Length; j++)
            {
                data[r * indices.Length + j] = Number(r, indices[j]);
            }
        }
        return new Tensor(data, [Rows.Length, indices.Length]);
    }

    /// <summary>The number in row <paramref name="row"/>, column <paramref name="column"/>, or a precise error.</summary>
    /// <exception cref="FormatException">The field is not a number.</exception>
    public float Number(int row, int column)
    {
        var text = Rows[row][column];
        if (!TryParseNumber(text, out var value))
        {
            throw new FormatException(
                $"{Source}: line {LineNumbers[row]}, column {column + 1} ('{Header[column]}'): expected a number but found '{text}'.");
        }
        return value;
    }

    internal static bool TryParseNumber(string text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
