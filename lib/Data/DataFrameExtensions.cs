using Microsoft.Data.Analysis;

namespace NotebookCourse.Data;

/// <summary>Turns DataFrame columns into tensors and arrays, the form a model trains on.</summary>
public static class DataFrameExtensions
{
    /// <summary>
    /// The named numeric columns (all columns when none are named) as a float tensor [rows, columns].
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or holds text.</exception>
    /// <exception cref="FormatException">A value is missing (null); the message names the row and column.</exception>
    public static Tensor ToTensor(this DataFrame frame, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var selected = columns.Length == 0 ? frame.Columns.ToArray() : Array.ConvertAll(columns, name => Find(frame, name));
        var rows = checked((int)frame.Rows.Count);
        var data = new float[rows * selected.Length];
        for (var j = 0; j < selected.Length; j++)
        {
            var column = selected[j];
            if (!IsNumeric(column.DataType))
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' holds {column.DataType.Name} values, not numbers; convert it first (e.g. LabelEncoder for class names).", nameof(columns));
            }
            for (var r = 0; r < rows; r++)
            {
                var value = column[r] ?? throw new FormatException(
                    $"Row {r} (line {r + 2} of a CSV file with a header), column '{column.Name}': the value is missing; expected a number.");
                data[r * selected.Length + j] = Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return new Tensor(data, [rows, selected.Length]);
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
            result[r] = Convert.ToString(c[r], System.Globalization.CultureInfo.InvariantCulture) ?? "";
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
