namespace NotebookCourse.Runner;

/// <summary>
/// Gathers the outputs of the cell that is running, in the order they happen: console text, displayed
/// values (replaced in place by <see cref="DisplayedValue.Update"/>), the trailing value and errors.
/// </summary>
public sealed class CellOutputCollector
{
    private readonly List<CellOutput> _outputs = [];
    private readonly Lock _gate = new();
    private readonly IOutputEcho? _echo;
    private int _nextDisplayId;
    private bool _closed;
    private bool _ended;

    /// <summary>Creates a collector that also shows every output on <paramref name="echo"/> (null: silent).</summary>
    public CellOutputCollector(IOutputEcho? echo) => _echo = echo;

    /// <summary>A snapshot of the outputs so far, adjacent console writes to the same stream merged.</summary>
    public IReadOnlyList<CellOutput> Outputs
    {
        get
        {
            lock (_gate)
            {
                return [.. _outputs];
            }
        }
    }

    /// <summary>Stops accepting outputs (a timed-out cell may keep running in the background).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
        _echo?.Flush();
    }

    /// <summary>
    /// The cell has finished: no new outputs, but a <see cref="DisplayedValue"/> kept in a variable may still
    /// update its output from a later cell, as in .NET Interactive.
    /// </summary>
    public void End()
    {
        lock (_gate)
        {
            _ended = true;
        }
        _echo?.Flush();
    }

    /// <summary>Appends console text to the stream <paramref name="name"/> ("stdout" or "stderr").</summary>
    public void WriteStream(string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        lock (_gate)
        {
            if (_closed || _ended)
            {
                return;
            }
            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == name)
            {
                _outputs[^1] = last with { Text = last.Text + text };
            }
            else
            {
                _outputs.Add(new StreamOutput(name, text));
            }
        }
        _echo?.Stream(name, text);
    }

    /// <summary>Adds a displayed value and returns its display id.</summary>
    public string Display(IReadOnlyDictionary<string, string> data)
    {
        string id;
        lock (_gate)
        {
            id = $"display-{++_nextDisplayId}";
            if (_closed || _ended)
            {
                return id;
            }
            _outputs.Add(new DisplayOutput(data, null, id));
        }
        _echo?.Display(id, data);
        return id;
    }

    /// <summary>Replaces the displayed value with id <paramref name="displayId"/>, keeping its position.</summary>
    public void Update(string displayId, IReadOnlyDictionary<string, string> data)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            var index = _outputs.FindIndex(o => o is DisplayOutput d && d.DisplayId == displayId);
            if (index < 0)
            {
                return;
            }
            _outputs[index] = new DisplayOutput(data, null, displayId);
        }
        _echo?.Update(displayId, data);
    }

    /// <summary>Adds the trailing expression's value (<c>execute_result</c>).</summary>
    public void Result(IReadOnlyDictionary<string, string> data, int executionCount)
    {
        lock (_gate)
        {
            _outputs.Add(new DisplayOutput(data, executionCount, null));
        }
        _echo?.Display(null, data);
    }

    /// <summary>Adds an error output.</summary>
    public void Error(ErrorOutput error)
    {
        lock (_gate)
        {
            _outputs.Add(error);
        }
        _echo?.Error(error);
    }
}
