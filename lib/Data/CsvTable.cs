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
            var shown = Header.Length <= 50 ? string.Join(", ", Header) : string.Join(", ", Header.Take(50)) + $", ... ({Header.Length} in all)";
            throw new KeyNotFoundException($"{Source}: no column named '{name}'. The columns are: {shown}.");
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
    /// The given columns (all when none are named) as a float tensor [rows, columns]. Every field must
    /// be a finite number: an empty field, NaN, Infinity or a number beyond the float range (1e400) is
    /// refused with its line and column, because one such value would silently turn training into NaN.
    /// </summary>
    /// <exception cref="FormatException">A field is not a finite number; the message names the file, line and column.</exception>
    public Tensor ToTensor(params string[] columns) => ToTensor(columns, missingAsNaN: false);

    /// <summary>
    /// The given columns (all when none are named) as a float tensor [rows, columns]. With
    /// <paramref name="missingAsNaN"/>, missing values (an empty field, <c>NaN</c>, <c>NA</c> or <c>N/A</c>,
    /// any case) become <see cref="float.NaN"/> for you to fill in before training; Infinity and numbers
    /// beyond the float range are refused either way.
    /// </summary>
    /// <exception cref="FormatException">A field is not a finite number (or a missing value, when allowed); the message names the file, line and column.</exception>
    public Tensor ToTensor(string[] columns, bool missingAsNaN)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var indices = columns.Length == 0 ? Enumerable.Range(0, Header.Length).ToArray() : Array.ConvertAll(columns, ColumnIndex);
        var data = new float[(long)Rows.Length * indices.Length];
        for (var r = 0; r < Rows.Length; r++)
        {
            for (var j = 0; j < indices.Length; j++)
            {
                var c = indices[j];
                data[(long)r * indices.Length + j] = missingAsNaN && IsMissing(Rows[r][c]) ? float.NaN : Number(r, c);
            }
        }
        return new Tensor(data, [Rows.Length, indices.Length]);
    }

    /// <summary>The finite number in row <paramref name="row"/>, column <paramref name="column"/>, or an error naming its place.</summary>
    /// <exception cref="FormatException">The field is not a finite float: text, empty, NaN, Infinity or beyond ±3.4e38.</exception>
    public float Number(int row, int column)
    {
        var text = Rows[row][column];
        if (TryParseNumber(text, out var value) && float.IsFinite(value)) return value;
        throw new FormatException($"{Source}: line {LineNumbers[row]}, column {column + 1} ('{Header[column]}'): {WhyNotANumber(text)}");
    }

    /// <summary>
    /// Whether a field stands for a missing value: empty (or spaces), or <c>NaN</c>, <c>NA</c>, <c>N/A</c>
    /// in any case. Only <see cref="ToTensor(string[], bool)"/> with <c>missingAsNaN: true</c> and
    /// <see cref="Csv.ReadDataFrame"/> (as nulls) accept them.
    /// </summary>
    public static bool IsMissing(string text)
    {
        var t = text.AsSpan().Trim();
        return t.IsEmpty || t.Equals("NaN", StringComparison.OrdinalIgnoreCase) || t.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || t.Equals("N/A", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What is wrong with a field that is not a finite float, said for a learner.</summary>
    internal static string WhyNotANumber(string text)
    {
        if (IsMissing(text))
        {
            return $"the value is missing ({(text.Trim().Length == 0 ? "an empty field" : DataFile.Shown(text))}); expected a number. " +
                "Fix the file, or read missing values as NaN explicitly with ToTensor(columns, missingAsNaN: true) and fill them in before training.";
        }
        if (!TryParseNumber(text, out var value)) return $"expected a number but found {DataFile.Shown(text)}.";
        return float.IsNaN(value)
            ? $"expected a finite number but found {DataFile.Shown(text)} (not a number)."
            : $"expected a finite number but found {DataFile.Shown(text)}, which is {(value > 0 ? "+" : "-")}∞ as a float " +
              $"(float32 holds at most ±{float.MaxValue.ToString("G9", CultureInfo.InvariantCulture)}).";
    }

    internal static bool TryParseNumber(string text, out float value) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
