using System.Text.RegularExpressions;

namespace NotebookCourse.Export;

/// <summary>
/// What the site's index says about the course and each notebook, read from the sources that the
/// course standard (notebooks/README.md) fixes, so the index never drifts from them: the README's
/// "## About the course" section, and each notebook's title block (its first markdown cell, with
/// "**What you will learn**", "**Prerequisites:**" and "**Estimated time:**").
/// </summary>
public static partial class CourseOverview
{
    /// <summary>The heading of the README section that introduces the course.</summary>
    public const string AboutHeading = "## About the course";

    /// <summary>
    /// The body of the "## About the course" section of a course README (Markdown, without the heading,
    /// up to the next <c>#</c> or <c>##</c> heading), or null when the README has no such section.
    /// </summary>
    public static string? Introduction(string readmeMarkdown)
    {
        ArgumentNullException.ThrowIfNull(readmeMarkdown);
        var lines = readmeMarkdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == AboutHeading);
        if (start < 0)
        {
            return null;
        }
        var body = new List<string>();
        var inFence = false;
        foreach (var line in lines.Skip(start + 1))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
            if (!inFence && SectionEnd().IsMatch(line)) break;
            body.Add(line);
        }
        var text = string.Join("\n", body).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Reads a notebook's title block (its first markdown cell); null when the cell lacks the labels of
    /// the standard, so the index can fall back to the title alone.
    /// </summary>
    public static NotebookOverview? FromTitleBlock(string firstMarkdownCell)
    {
        ArgumentNullException.ThrowIfNull(firstMarkdownCell);
        var text = firstMarkdownCell.Replace("\r\n", "\n", StringComparison.Ordinal);
        var title = TitleLine().Match(text);
        var goals = Goals().Match(text);
        if (!title.Success || !goals.Success)
        {
            return null;
        }
        return new NotebookOverview(
            title.Groups["title"].Value.Trim(),
            goals.Groups["list"].Value.TrimEnd(),
            Label(text, "Prerequisites"),
            Label(text, "Estimated time"));
    }

    // The text after "**Label:**" up to the next blank line (it may wrap over several lines).
    private static string? Label(string text, string label)
    {
        var match = Regex.Match(text, @"^\*\*" + Regex.Escape(label) + @":\*\*[ \t]*(?<value>(?:.+\n?)+?)(?:\n\s*\n|\s*$)", RegexOptions.Multiline);
        if (!match.Success)
        {
            return null;
        }
        var value = string.Join(" ", match.Groups["value"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return value.Length == 0 ? null : value;
    }

    [GeneratedRegex(@"^#{1,2} ")]
    private static partial Regex SectionEnd();

    [GeneratedRegex(@"^# (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();

    // The bullet list (with its wrapped continuation lines) right after "**What you will learn**".
    [GeneratedRegex(@"^\*\*What you will learn\*\*[ \t]*\n(\s*\n)*(?<list>(?:(?:- |  ).*(?:\n|$))+)", RegexOptions.Multiline)]
    private static partial Regex Goals();
}

/// <summary>A notebook as the course index presents it.</summary>
/// <param name="Title">The title (the <c>#</c> heading's text, Markdown).</param>
/// <param name="GoalsMarkdown">The "What you will learn" bullet list, as Markdown.</param>
/// <param name="Prerequisites">The "Prerequisites:" text (Markdown, one line), if given.</param>
/// <param name="EstimatedTime">The "Estimated time:" text (Markdown, one line), if given.</param>
public sealed record NotebookOverview(string Title, string GoalsMarkdown, string? Prerequisites, string? EstimatedTime);
