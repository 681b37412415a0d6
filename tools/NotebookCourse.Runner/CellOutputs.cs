using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>
/// The displays of one notebook run by id, so that an update, even from a later cell, replaces the output
/// it names in place, as VS Code does: one output per display id, holding its final content.
/// </summary>
internal sealed class DisplayRegistry
{
    private readonly Dictionary<string, (CellOutputs Cell, int Index)> _displays = [];

    public void Register(string id, CellOutputs cell, int index) => _displays[id] = (cell, index);

    public bool TryGet(string id, out CellOutputs cell, out int index)
    {
        var found = _displays.TryGetValue(id, out var place);
        (cell, index) = place;
        return found;
    }

    /// <summary>Handles an event that arrived outside any cell: only display updates have a place to go.</summary>
    public void OnEventBetweenCells(KernelEvent e, IOutputEcho? echo)
    {
        if (e.Type == "DisplayedValueUpdated" && CellOutputs.ValueId(e.Event) is { } id && TryGet(id, out var cell, out var index))
        {
            cell.Replace(index, id, CellOutputs.Data(e.Event), echo);
        }
    }
}

/// <summary>
/// Gathers one cell's outputs from the kernel's events, in order: console text merged per stream in
/// linear time (the kernel sends one event per WriteLine), displayed values replaced by their updates,
/// the trailing value and, last, an error.
/// </summary>
internal sealed partial class CellOutputs(int executionCount, DisplayRegistry displays, IOutputEcho? echo)
{
    private readonly List<object> _items = []; // CellOutput, or (stream name, StringBuilder)
    private readonly Lock _gate = new();

    /// <summary>Called for each event of this cell's submission (on the kernel's reader thread).</summary>
    public void OnEvent(KernelEvent e)
    {
        lock (_gate)
        {
            Handle(e);
        }
    }

    private void Handle(KernelEvent e)
    {
        switch (e.Type)
        {
            case "StandardOutputValueProduced":
                AppendStream("stdout", Text(e.Event));
                break;
            case "StandardErrorValueProduced":
                AppendStream("stderr", Text(e.Event));
                break;
            case "ReturnValueProduced":
                Add(new DisplayOutput(Data(e.Event), executionCount), null);
                break;
            case "DisplayedValueProduced":
                var data = Data(e.Event);
                if (ValueId(e.Event) is { } id)
                {
                    if (displays.TryGet(id, out var cell, out var index))
                    {
                        cell.Replace(index, id, data, echo);
                    }
                    else
                    {
                        displays.Register(id, this, Add(new DisplayOutput(data), id));
                    }
                }
                else
                {
                    Add(new DisplayOutput(data), null);
                }
                break;
            case "DisplayedValueUpdated":
                // An id never produced has no output to replace (VS Code ignores it too).
                if (ValueId(e.Event) is { } updated && displays.TryGet(updated, out var owner, out var at))
                {
                    owner.Replace(at, updated, Data(e.Event), echo);
                }
                break;
            case "ErrorProduced":
                if (e.Event.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                {
                    AppendStream("stderr", text.EndsWith('\n') ? text : text + "\n");
                }
                break;
        }
    }

    /// <summary>Adds the cell's error output (last).</summary>
    public void AddError(ErrorOutput error)
    {
        lock (_gate)
        {
            _items.Add(error);
        }
        echo?.Error(error);
    }

    /// <summary>The outputs now, streams materialized.</summary>
    public IReadOnlyList<CellOutput> ToOutputs()
    {
        lock (_gate)
        {
            return [.. _items.Select(item => item is (string name, StringBuilder text) ? new StreamOutput(name, text.ToString()) : (CellOutput)item)];
        }
    }

    /// <summary>Replaces the display at <paramref name="index"/> with new content (its position stays).</summary>
    public void Replace(int index, string id, IReadOnlyDictionary<string, string> data, IOutputEcho? echoTo)
    {
        lock (_gate)
        {
            _items[index] = new DisplayOutput(data);
        }
        echoTo?.Update(id, data);
    }

    private int Add(CellOutput output, string? displayId)
    {
        _items.Add(output);
        if (output is DisplayOutput display)
        {
            echo?.Display(displayId, display.Data);
        }
        return _items.Count - 1;
    }

    private void AppendStream(string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (_items.Count > 0 && _items[^1] is (string last, StringBuilder builder) && last == name)
        {
            builder.Append(text);
        }
        else
        {
            _items.Add((name, new StringBuilder(text)));
        }
        echo?.Stream(name, text);
    }

    /// <summary>The event's display id, or null.</summary>
    public static string? ValueId(JsonElement e)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("valueId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    /// <summary>The event's formatted values as a MIME bundle (line ends made \n, as in a notebook file).</summary>
    public static Dictionary<string, string> Data(JsonElement e)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("formattedValues", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in values.EnumerateArray())
            {
                if (value.TryGetProperty("mimeType", out var mime) && mime.GetString() is { } mimeType
                    && value.TryGetProperty("value", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    data[mimeType] = content.GetString()!.ReplaceLineEndings("\n");
                }
            }
        }
        return data;
    }

    private static string Text(JsonElement e)
    {
        var data = Data(e);
        return data.TryGetValue("text/plain", out var text) ? text : data.Values.FirstOrDefault() ?? "";
    }

    /// <summary>The text a console shows for a MIME bundle: text/plain, else the text of the HTML (styles and tags dropped).</summary>
    public static string PlainText(IReadOnlyDictionary<string, string> data)
    {
        if (data.TryGetValue("text/plain", out var text))
        {
            return text;
        }
        if (data.TryGetValue("text/html", out var html))
        {
            var stripped = Tags().Replace(StyleOrScript().Replace(html, ""), "");
            return WebUtility.HtmlDecode(stripped).Trim();
        }
        return data.Count > 0 ? $"[{string.Join(", ", data.Keys)} output]" : "";
    }

    [GeneratedRegex(@"<(style|script)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrScript();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();
}
