using System.Globalization;

namespace NotebookCourse.Presentation;

/// <summary>
/// How the library writes a number for people, in one place: tensors, tables, captions and fits show
/// up to four decimals (<see cref="Short"/>); training logs show exactly four, as Keras prints them
/// (<see cref="Logged"/>). Both use the invariant culture (a point, never a comma) and write NaN and
/// ±Infinity by name.
/// </summary>
internal static class NumberText
{
    /// <summary>Up to four decimals without trailing zeros: <c>0.25</c>, <c>-1.5</c>, <c>3</c>; a value that rounds to zero is <c>0</c>, never <c>-0</c>.</summary>
    public static string Short(double value)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        var text = value.ToString("0.####", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    /// <summary>Exactly four decimals, as Keras logs a loss or a metric: <c>loss: 0.2500</c>.</summary>
    public static string Logged(double value) => double.IsFinite(value)
        ? value.ToString("0.0000", CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);
}
