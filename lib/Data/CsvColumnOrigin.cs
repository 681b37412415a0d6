using System.Runtime.CompilerServices;
using Microsoft.Data.Analysis;

namespace NotebookCourse.Data;

/// <summary>
/// Where a DataFrame column read by <see cref="Csv.ReadDataFrame"/> came from: the file, the column's
/// position, the line of each row and, for a text column, its first value that is not a number. It
/// lets <see cref="DataFrameExtensions.ToTensor"/> name the file and line of a bad value long after
/// reading. It is kept beside the column object (not inside it), so a column made later by a
/// DataFrame operation (a filter, a sort, a copy) has no origin and gets the plain message.
/// </summary>
/// <param name="Source">The CSV file.</param>
/// <param name="Column">The column's 1-based position in the file.</param>
/// <param name="LineNumbers">The file line of each row, shared by the frame's columns.</param>
/// <param name="FirstTextRow">For a text column: the first row whose value is not a number (or missing), else -1.</param>
/// <param name="NumberCount">For a text column: how many of its values are numbers.</param>
internal sealed record CsvColumnOrigin(string Source, int Column, int[] LineNumbers, int FirstTextRow, int NumberCount)
{
    private static readonly ConditionalWeakTable<DataFrameColumn, CsvColumnOrigin> s_origins = [];

    /// <summary>Remembers where <paramref name="column"/> came from.</summary>
    public static void Remember(DataFrameColumn column, CsvColumnOrigin origin) => s_origins.AddOrUpdate(column, origin);

    /// <summary>The origin of a column read from a CSV file, when it still has its rows as read.</summary>
    public static CsvColumnOrigin? Of(DataFrameColumn column) =>
        s_origins.TryGetValue(column, out var origin) && origin.LineNumbers.Length == column.Length ? origin : null;

    /// <summary>"file: line 7, column 2 ('b')": the place of one row's value, as CSV errors say it.</summary>
    public string Place(long row, string name) => $"{Source}: line {LineNumbers[row]}, column {Column} ('{name}')";
}
