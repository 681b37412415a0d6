using System.Globalization;
using Microsoft.Data.Analysis;

namespace NotebookCourse.Data;

/// <summary>Turns DataFrame columns into tensors and arrays, the form a model trains on.</summary>
public static class DataFrameExtensions
{
    /// <summary>
    /// The named numeric columns (all columns when none are named) as a float tensor [rows, columns].
    /// Every value must be a finite float: a missing value (null), NaN or ±∞ is refused, because one
    /// such value would silently turn training into NaN. Handle missing values first with DataFrame's
    /// <c>DropNulls</c> or <c>FillNulls</c>. For a frame read by <see cref="Csv.ReadDataFrame"/> the
    /// errors name the file and line.
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or holds text only.</exception>
    /// <exception cref="FormatException">A value is missing or not finite, or a column of numbers holds a text value; the message names the row (the file and line for a frame read from CSV) and column.</exception>
    public static Tensor ToTensor(this DataFrame frame, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var selected = columns.Length == 0 ? frame.Columns.ToArray() : Array.ConvertAll(columns, name => Find(frame, name));
        var rows = checked((int)frame.Rows.Count);
        var data = new float[(long)rows * selected.Length];
        for (var j = 0; j < selected.Length; j++)
        {
            var column = selected[j];
            var origin = CsvColumnOrigin.Of(column);
            string Place(long row) => origin?.Place(row, column.Name) ?? $"Row {row}, column '{column.Name}'";
            if (!IsNumeric(column.DataType)) throw NotNumbers(column, origin);
            for (var r = 0; r < rows; r++)
            {
                var value = column[r] ?? throw new FormatException(
                    $"{Place(r)}: the value is missing; expected a number. Drop or fill missing values first, e.g. frame.DropNulls() or frame[\"{column.Name}\"].FillNulls(0f).");
                var number = Convert.ToSingle(value, CultureInfo.InvariantCulture);
                if (!float.IsFinite(number))
                {
                    var what = float.IsNaN(number) ? "NaN (not a number)" : $"{(number > 0 ? "+" : "-")}∞ (beyond the float32 range ±{float.MaxValue.ToString("G9", CultureInfo.InvariantCulture)})";
                    throw new FormatException($"{Place(r)}: the value is {what}; expected a finite number.");
                }
                data[(long)r * selected.Length + j] = number;
            }
        }
        return new Tensor(data, [rows, selected.Length]);
    }

    /// <summary>The error for a text column: for one read from CSV, the file and the line of its first value that is not a number.</summary>
    private static Exception NotNumbers(DataFrameColumn column, CsvColumnOrigin? origin)
    {
        if (origin is { FirstTextRow: >= 0 } && origin.NumberCount > 0)
        {
            var text = Convert.ToString(column[origin.FirstTextRow], CultureInfo.InvariantCulture) ?? "";
            return new FormatException(
                $"{origin.Place(origin.FirstTextRow, column.Name)}: expected a number but found {DataFile.Shown(text)}, " +
                $"so the whole column was read as text although {origin.NumberCount} of its values are numbers. Fix that line of the file.");
        }
        var example = origin is { FirstTextRow: >= 0 }
            ? $" (e.g. {DataFile.Shown(Convert.ToString(column[origin.FirstTextRow], CultureInfo.InvariantCulture) ?? "")} on line {origin.LineNumbers[origin.FirstTextRow]} of {origin.Source})"
            : "";
        return new ArgumentException(
            $"Column '{column.Name}' holds {column.DataType.Name} values{example}, not numbers; convert it first (e.g. LabelEncoder for class names).", "columns");
    }

    /// <summary>A column's values as text, e.g. class names for <see cref="LabelEncoder"/>.</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    public static string[] ToStringArray(this DataFrame frame, string column)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var c = Find(frame, column);
        var result = new string[c.Length];
        for (var r = 0; r < result.Length; r++)
        {
            result[r] = Convert.ToString(c[r], CultureInfo.InvariantCulture) ?? "";
        }
        return result;
    }

    private static DataFrameColumn Find(DataFrame frame, string name)
    {
        var index = frame.Columns.IndexOf(name);
        if (index < 0)
        {
            throw new ArgumentException($"The DataFrame has no column '{name}'. Its columns are: {string.Join(", ", frame.Columns.Select(c => c.Name))}.", nameof(name));
        }
        return frame.Columns[index];
    }

    private static bool IsNumeric(Type type) =>
        type == typeof(float) || type == typeof(double) || type == typeof(int) || type == typeof(long) ||
        type == typeof(short) || type == typeof(byte) || type == typeof(sbyte) || type == typeof(ushort) ||
        type == typeof(uint) || type == typeof(ulong) || type == typeof(decimal) || type == typeof(bool);
}
