using System.Globalization;
using System.Text;
using NotebookCourse.Presentation;

namespace NotebookCourse.Training;

/// <summary>
/// What training measured, one value per epoch for each key ("loss", "accuracy", "val_loss",
/// "val_accuracy", ...), like the History object Keras's fit returns.
/// </summary>
[TypeFormatterSource(typeof(FormatterSource))]
public sealed class History : IHtmlDisplayable
{
    private readonly Dictionary<string, List<double>> _values = [];
    private readonly List<string> _notes = [];

    /// <summary>The recorded keys in the order they first appeared.</summary>
    public IReadOnlyList<string> Keys => [.. _values.Keys];

    /// <summary>The number of epochs recorded.</summary>
    public int Epochs => _values.Count == 0 ? 0 : _values.Values.Max(v => v.Count);

    /// <summary>The per-epoch values of one key, e.g. <c>history["val_accuracy"]</c>.</summary>
    public IReadOnlyList<double> this[string key] => _values.TryGetValue(key, out var v)
        ? v
        : throw new KeyNotFoundException($"History has no '{key}'; it has: {string.Join(", ", _values.Keys)}.");

    /// <summary>True when the key was recorded.</summary>
    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>Appends one epoch's values.</summary>
    public void Add(IReadOnlyDictionary<string, double> epochLogs)
    {
        foreach (var (key, value) in epochLogs)
        {
            if (!_values.TryGetValue(key, out var list)) _values[key] = list = [];
            list.Add(value);
        }
    }

    /// <summary>The value of <paramref name="key"/> after the last epoch, e.g. <c>history.Last("val_accuracy")</c>.</summary>
    public double Last(string key)
    {
        var values = this[key];
        return values.Count > 0 ? values[^1] : throw new InvalidOperationException($"History has no values for '{key}' yet.");
    }

    /// <summary>
    /// What happened besides the numbers, in order: a loss that became NaN, an early stop and why.
    /// Empty for an ordinary run.
    /// </summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Adds a note (used by training and callbacks).</summary>
    public void AddNote(string note) => _notes.Add(note);

    /// <summary>One row per epoch (numbered from 1) and one column per key, values to 4 decimals, then the notes.</summary>
    public override string ToString()
    {
        if (Epochs == 0) return "History: no epochs recorded" + NotesText();
        string[] columns = ["epoch", .. _values.Keys];
        var cells = Rows();
        var widths = columns.Select((name, i) => Math.Max(name.Length, cells.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendJoin("  ", columns.Select((name, i) => name.PadLeft(widths[i]))).Append('\n');
        foreach (var row in cells) text.AppendJoin("  ", row.Select((cell, i) => cell.PadLeft(widths[i]))).Append('\n');
        return text.ToString().TrimEnd('\n') + NotesText();
    }

    private string NotesText() => _notes.Count == 0 ? "" : "\n" + string.Join("\n", _notes);

    /// <summary>The history as a notebook table: one row per epoch, one column per recorded key, then its notes.</summary>
    public string ToHtml()
    {
        var caption = Epochs == 1 ? "History: 1 epoch" : $"History: {Epochs} epochs";
        if (_notes.Count > 0) caption += " · " + string.Join(" · ", _notes);
        return Html.Table(["epoch", .. _values.Keys], Rows(), caption);
    }

    /// <summary>One row per epoch: its number from 1, then each recorded value as training logs write it ("" where a key has none).</summary>
    private List<string[]> Rows()
    {
        var rows = new List<string[]>();
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            string[] row = [(epoch + 1).ToString(CultureInfo.InvariantCulture), .. _values.Values.Select(values => epoch < values.Count ? NumberText.Logged(values[epoch]) : "")];
            rows.Add(row);
        }
        return rows;
    }
}
