using System.Diagnostics;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>
/// Prints a cell's outputs in their text/plain form. In-place updates (progress displays) are
/// printed at most twice a second, and the final value once more when the cell ends.
/// </summary>
public sealed class ConsoleEcho(TextWriter stdout, TextWriter stderr) : IOutputEcho
{
    private static readonly TimeSpan UpdateInterval = TimeSpan.FromMilliseconds(500);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long PrintedAt, string? Pending)> _updates = [];

    /// <inheritdoc/>
    public void Stream(string name, string text)
    {
        lock (_gate)
        {
            WritePendingUpdates();
            (name == "stderr" ? stderr : stdout).Write(text);
        }
    }

    /// <inheritdoc/>
    public void Display(string? displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (_gate)
        {
            WritePendingUpdates();
            WriteLine(PlainText(data));
            if (displayId is not null)
            {
                _updates[displayId] = (Stopwatch.GetTimestamp(), null);
            }
        }
    }

    /// <inheritdoc/>
    public void Update(string displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (_gate)
        {
            var text = PlainText(data);
            var printedAt = _updates.TryGetValue(displayId, out var state) ? state.PrintedAt : 0;
            if (Stopwatch.GetElapsedTime(printedAt) >= UpdateInterval)
            {
                WriteLine(text);
                _updates[displayId] = (Stopwatch.GetTimestamp(), null);
            }
            else
            {
                _updates[displayId] = (printedAt, text);
            }
        }
    }

    /// <inheritdoc/>
    public void Error(ErrorOutput error)
    {
        lock (_gate)
        {
            WritePendingUpdates();
            stdout.Flush();
            foreach (var line in error.Traceback)
            {
                stderr.WriteLine(line);
            }
        }
    }

    /// <inheritdoc/>
    public void Flush()
    {
        lock (_gate)
        {
            WritePendingUpdates();
            _updates.Clear();
            stdout.Flush();
            stderr.Flush();
        }
    }

    private void WritePendingUpdates()
    {
        foreach (var (id, (_, pending)) in _updates)
        {
            if (pending is not null)
            {
                WriteLine(pending);
                _updates[id] = (Stopwatch.GetTimestamp(), null);
            }
        }
    }

    private void WriteLine(string text) => stdout.WriteLine(text.TrimEnd('\n'));

    private static string PlainText(IReadOnlyDictionary<string, string> data) => CellOutputs.PlainText(data);
}
