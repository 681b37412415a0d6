using NotebookCourse.Ipynb;

namespace NotebookCourse.Runner;

/// <summary>Receives a running cell's outputs as they happen, e.g. to print them to a terminal.</summary>
public interface IOutputEcho
{
    /// <summary>Console text written by the cell.</summary>
    void Stream(string name, string text);

    /// <summary>A new displayed value (<paramref name="displayId"/> null for the trailing value).</summary>
    void Display(string? displayId, IReadOnlyDictionary<string, string> data);

    /// <summary>A displayed value replaced in place.</summary>
    void Update(string displayId, IReadOnlyDictionary<string, string> data);

    /// <summary>The cell failed.</summary>
    void Error(ErrorOutput error);

    /// <summary>The cell ended: show anything held back.</summary>
    void Flush();
}
