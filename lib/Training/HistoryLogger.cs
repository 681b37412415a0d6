using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookCourse.Data;

namespace NotebookCourse.Training;

/// <summary>
/// Writes the per-epoch loss and metrics to a file while training runs, so another program (or a
/// later notebook cell) can read and chart them: the course's stand-in for TensorBoard (Keras's
/// CSVLogger). The format follows the extension: <c>.csv</c> (a header, then one row per epoch) or
/// <c>.json</c> (an array with one object per epoch).
/// </summary>
/// <remarks>
/// After every epoch the whole file is written to a temporary file beside it and then renamed over
/// the old one, so a reader sees either the previous or the new complete file, never half a row.
/// Non-finite values are written as <c>NaN</c>/<c>Infinity</c> in CSV and as <c>null</c> in JSON.
/// </remarks>
public sealed class HistoryLogger : Callback
{
    private readonly List<Dictionary<string, double>> _rows = [];

    /// <summary>Logs to <paramref name="path"/>; with <paramref name="append"/> the rows already in the file are kept and numbering continues.</summary>
    public HistoryLogger(string path, bool append = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Format = FormatOf(path);
        Append = append;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>"csv" or "json", from the file's extension.</summary>
    public string Format { get; }

    /// <summary>Whether a new run continues the rows already in the file.</summary>
    public bool Append { get; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        _rows.Clear();
        if (Append && File.Exists(Path))
        {
            foreach (var row in ReadRows(Path)) _rows.Add(row);
        }
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        WriteAtomically();
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        var row = new Dictionary<string, double> { ["epoch"] = _rows.Count + 1 };
        foreach (var (key, value) in logs) row[key] = value;
        _rows.Add(row);
        WriteAtomically();
    }

    /// <summary>Reads a file written by a HistoryLogger back into a <see cref="History"/> (e.g. to chart it).</summary>
    /// <exception cref="FormatException">The file is not a history log; the message names the line or element.</exception>
    public static History Read(string path)
    {
        var history = new History();
        foreach (var row in ReadRows(path))
        {
            row.Remove("epoch");
            history.Add(row);
        }
        return history;
    }

    private static string FormatOf(string path)
    {
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => "csv",
            ".json" => "json",
            _ => throw new ArgumentException($"HistoryLogger: '{path}' should end in .csv or .json (that chooses the format); got '{extension}'.", nameof(path)),
        };
    }

    private void WriteAtomically() => AtomicFile.WriteAllText(Path, Format == "csv" ? ToCsv() : ToJson());

    private List<string> Columns()
    {
        var columns = new List<string> { "epoch" };
        foreach (var row in _rows)
        {
            foreach (var key in row.Keys)
            {
                if (!columns.Contains(key)) columns.Add(key);
            }
        }
        return columns;
    }

    private string ToCsv()
    {
        var columns = Columns();
        var text = new StringBuilder();
        text.Append(Csv.FormatLine(columns)).Append('\n');
        foreach (var row in _rows)
        {
            text.Append(Csv.FormatLine(columns.Select(c => row.TryGetValue(c, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""))).Append('\n');
        }
        return text.ToString();
    }

    private string ToJson()
    {
        var array = new JsonArray();
        foreach (var row in _rows)
        {
            var item = new JsonObject();
            foreach (var (key, value) in row)
            {
                item[key] = key == "epoch" ? JsonValue.Create((int)value) : double.IsFinite(value) ? JsonValue.Create(value) : null;
            }
            array.Add(item);
        }
        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static List<Dictionary<string, double>> ReadRows(string path)
    {
        if (FormatOf(path) == "json") return ParseJson(File.ReadAllText(path), path);
        var rows = new List<Dictionary<string, double>>();
        if (new FileInfo(path).Length == 0) return rows;
        // The library's CSV reader: quoted column names (a metric called "f1, macro") come back as written.
        var table = Csv.ReadTable(path);
        for (var r = 0; r < table.Rows.Length; r++)
        {
            var row = new Dictionary<string, double>();
            for (var c = 0; c < table.Header.Length; c++)
            {
                var cell = table.Rows[r][c];
                if (cell.Length == 0) continue; // a key this epoch did not log
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new FormatException($"{path}: line {table.LineNumbers[r]}, column {c + 1} ('{table.Header[c]}'): expected a number but found {DataFile.Shown(cell)}.");
                }
                row[table.Header[c]] = value;
            }
            rows.Add(row);
        }
        return rows;
    }

    private static List<Dictionary<string, double>> ParseJson(string text, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not valid JSON ({e.Message}).", e);
        }
        if (root is not JsonArray array) throw new FormatException($"{path}: expected a JSON array of epoch objects.");
        var rows = new List<Dictionary<string, double>>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item) throw new FormatException($"{path}: element {i} is not an object.");
            var row = new Dictionary<string, double>();
            foreach (var (key, value) in item)
            {
                row[key] = value is null ? double.NaN
                    : value is JsonValue v && v.TryGetValue<double>(out var d) ? d
                    : throw new FormatException($"{path}: element {i}, '{key}' is not a number.");
            }
            rows.Add(row);
        }
        return rows;
    }
}
