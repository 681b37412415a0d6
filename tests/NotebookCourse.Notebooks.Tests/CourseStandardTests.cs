using System.Text.RegularExpressions;

namespace NotebookCourse.Notebooks.Tests;

/// <summary>
/// Every course notebook follows notebooks/README.md (the course standard) in every way a program can
/// check without running it: the title block, the sections, short cells, headings that start their
/// cells, the first cell, the parameters cell, the exercises and the Korean terms.
/// </summary>
public sealed partial class CourseStandardTests
{
    public static TheoryData<string> Notebooks => new(CourseStandard.NotebookFileNames);

    private static CourseStandard Load(string fileName) => CourseStandard.LoadNotebook(fileName);

    [Fact]
    public void The_course_has_its_first_four_notebooks_and_the_standard()
    {
        Assert.Subset(CourseStandard.NotebookFileNames.ToHashSet(),
            new HashSet<string> { "00-getting-started.ipynb", "01-logistic-regression.ipynb", "02-softmax-and-cross-entropy.ipynb", "03-softmax-classifier-from-scratch.ipynb" });
        Assert.True(File.Exists(Path.Combine(CourseNotebook.NotebooksFolder, "README.md")), "notebooks/README.md (the course standard) is missing");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Title_block_has_the_number_the_goals_the_prerequisites_and_the_time(string fileName)
    {
        var notebook = Load(fileName);
        var first = notebook.Cells[0];
        Assert.False(first.IsCode, $"{fileName}: the first cell must be the markdown title block");
        Assert.StartsWith($"# {notebook.Number} · ", first.Source);
        Assert.Matches(@"\*\*What you will learn\*\*\s*\n(\s*\n)?- ", first.Source);
        Assert.Contains("**Prerequisites:**", first.Source);
        Assert.Matches(@"\*\*Estimated time:\*\* .*\d+ minutes", first.Source);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_ends_with_exercises_summary_common_mistakes_glossary_and_sources_in_that_order(string fileName)
    {
        var notebook = Load(fileName);
        int IndexOf(string heading)
        {
            var cell = notebook.Markdown.FirstOrDefault(c => c.Source.StartsWith(heading + "\n", StringComparison.Ordinal) || c.Source == heading);
            Assert.True(cell is not null, $"{fileName}: no markdown cell starts with '{heading}'");
            return cell.Number;
        }
        var order = new[] { IndexOf("## Exercises"), IndexOf("## Summary"), IndexOf("## Common mistakes"), IndexOf("## Glossary") };
        Assert.Equal(order.Order(), order);
        var last = notebook.Cells[^1];
        Assert.False(last.IsCode);
        Assert.StartsWith("**Sources:** ", last.Source);
        var mistakes = notebook.Markdown.Single(c => c.Source.StartsWith("## Common mistakes", StringComparison.Ordinal));
        Assert.InRange(mistakes.Lines.Count(l => l.StartsWith("- ", StringComparison.Ordinal)), 3, 6);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Headings_start_their_cells_and_code_cells_are_short(string fileName)
    {
        var notebook = Load(fileName);
        foreach (var cell in notebook.Markdown)
        {
            var inFence = false;
            foreach (var (line, index) in cell.Lines.Select((l, i) => (l, i)))
            {
                if (line.StartsWith("```", StringComparison.Ordinal)) inFence = !inFence;
                if (!inFence && index > 0 && Heading().IsMatch(line))
                {
                    Assert.Fail($"{fileName}, {cell}: the heading '{line}' is not at the start of its cell; start a new cell there");
                }
            }
        }
        foreach (var cell in notebook.Code)
        {
            Assert.True(cell.Lines.Count <= 25, $"{fileName}, {cell}: {cell.Lines.Count} lines; a code cell has at most 25");
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void First_code_cell_loads_the_library_and_no_chart_package(string fileName)
    {
        var notebook = Load(fileName);
        var first = notebook.Code.First().Source;
        Assert.Contains("#r \"../lib/bin/NotebookCourse.dll\"", first);
        foreach (var cell in notebook.Cells)
        {
            Assert.DoesNotContain("Plotly.NET", cell.Source);
        }
        var pinned = PinnedVersions();
        foreach (Match request in NugetDirective().Matches(first))
        {
            var name = request.Groups["name"].Value;
            Assert.True(pinned.TryGetValue(name, out var version), $"{fileName}: {name} is not pinned in Directory.Packages.props");
            Assert.Equal(version, request.Groups["version"].Value);
        }
        foreach (var line in first.Split('\n').Where(l => l.TrimStart().StartsWith("#r", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain("//", line); // comments go on their own line above a directive
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Parameters_cell_holds_only_literal_defaults(string fileName)
    {
        var notebook = Load(fileName);
        var parameters = notebook.Code.Where(c => c.Tags.Contains("parameters")).ToList();
        Assert.True(parameters.Count <= 1, $"{fileName}: more than one cell is tagged parameters");
        foreach (var line in parameters.SelectMany(c => c.Lines).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
        {
            Assert.Matches(ParameterLine(), line);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Exercises_have_an_experiment_a_null_answer_cell_and_a_one_call_check_each(string fileName)
    {
        var notebook = Load(fileName);
        var exercises = notebook.Exercises;
        Assert.InRange(exercises.Count, 2, 4);
        Assert.Contains(exercises, e => e.IsExperiment);
        Assert.Equal(exercises.Select((_, i) => $"{notebook.Number}.{i + 1}"), exercises.Select(e => e.Id));
        Assert.Equal(exercises.Select(e => e.Id), notebook.Checks.Select(c => c.Id));
        foreach (var (id, _, statement) in exercises)
        {
            var answer = notebook.Cells[statement.Number];   // the cell after the statement
            Assert.True(answer.IsCode && answer.Tags.Contains("answer"), $"{fileName}: the cell after exercise {id}'s statement must be a code cell tagged 'answer'");
            Assert.Matches(@"\?\s+\w+\s*=\s*null;", answer.Source);
            var check = notebook.Cells[statement.Number + 1];
            Assert.True(check.IsCode && notebook.Checks.Any(c => c.Id == id && c.Cell == check), $"{fileName}: the cell after exercise {id}'s answer must be its check");
            Assert.True(IsOneCheckCall(check.Source.Trim()), $"{fileName}, {check}: a check cell is one Exercise.Check call and nothing else");
        }
        var hashes = notebook.Checks.Select(c => Hash().Match(c.Cell.Source).Value).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Solution_differs_from_its_notebook_only_in_the_answer_cells(string fileName)
    {
        var path = CourseStandard.SolutionPath(fileName);
        Assert.True(File.Exists(path), $"{fileName}: no teacher solution at notebooks/solutions/{fileName}");
        var notebook = Load(fileName);
        var solution = CourseStandard.Load(path);
        Assert.Equal(notebook.Cells.Count, solution.Cells.Count);
        var changed = 0;
        foreach (var (mine, theirs) in notebook.Cells.Zip(solution.Cells))
        {
            Assert.Equal(mine.IsCode, theirs.IsCode);
            Assert.Equal(mine.Tags, theirs.Tags);
            var source = theirs.Source.Replace("#r \"../../lib/bin/NotebookCourse.dll\"", "#r \"../lib/bin/NotebookCourse.dll\"", StringComparison.Ordinal);
            if (mine.Tags.Contains("answer"))
            {
                if (source != mine.Source) changed++;
                Assert.DoesNotMatch(@"\?\s+exercise\d\s*=\s*null;", source);
            }
            else
            {
                Assert.True(source == mine.Source, $"{fileName}, {mine}: the solution differs outside the answer cells; copy the notebook again and re-fill its answers");
            }
        }
        Assert.Equal(notebook.AnswerCells.Count(), changed);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Korean_terms_in_the_text_and_the_glossary_agree(string fileName)
    {
        var notebook = Load(fileName);
        var glossary = notebook.Markdown.Single(c => c.Source.StartsWith("## Glossary", StringComparison.Ordinal));
        Assert.Contains("| English | 한국어 |", glossary.Source);
        var rows = glossary.Lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal) && Hangul().IsMatch(l) && !l.Contains("English", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count >= 8, $"{fileName}: the glossary has {rows.Count} Korean rows; list every key term of the notebook");
        var glossaryKorean = rows.SelectMany(r => Hangul().Matches(r.Split('|')[2]).Select(m => m.Value)).ToHashSet();
        // The text: every markdown cell but the glossary and the Sources line (which cites Korean titles).
        var prose = string.Join("\n", notebook.Markdown.Where(c => c != glossary && !c.Source.StartsWith("**Sources:**", StringComparison.Ordinal)).Select(c => c.Source));
        foreach (var term in glossaryKorean)
        {
            Assert.True(prose.Contains(term, StringComparison.Ordinal), $"{fileName}: the glossary lists '{term}' but the text never gives it beside its English term");
        }
        foreach (Match parenthesis in KoreanInParentheses().Matches(prose))
        {
            foreach (Match term in Hangul().Matches(parenthesis.Value))
            {
                Assert.True(glossaryKorean.Any(g => g.Contains(term.Value, StringComparison.Ordinal) || term.Value.Contains(g, StringComparison.Ordinal)),
                    $"{fileName}: the text introduces '{term.Value}' but the glossary does not list it");
            }
        }
    }

    // Exercise.Check( ... ); with the call's closing parenthesis (outside string literals) right before the final ';'.
    private static bool IsOneCheckCall(string source)
    {
        if (!source.StartsWith("Exercise.Check", StringComparison.Ordinal) || !source.EndsWith(");", StringComparison.Ordinal)) return false;
        var depth = 0;
        var inString = false;
        for (var i = source.IndexOf('(', StringComparison.Ordinal); i < source.Length; i++)
        {
            var c = source[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i == source.Length - 2;
        }
        return false;
    }

    private static Dictionary<string, string> PinnedVersions()
    {
        var props = Path.Combine(CourseNotebook.NotebooksFolder, "..", "Directory.Packages.props");
        return System.Xml.Linq.XDocument.Load(props).Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!);
    }

    [GeneratedRegex(@"^#{1,6} ")]
    private static partial Regex Heading();

    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"]+?)\s*,\s*(?<version>[^"]*?)\s*"\s*$""", RegexOptions.Multiline)]
    private static partial Regex NugetDirective();

    [GeneratedRegex("""^var [a-z][A-Za-z0-9]* = (-?[0-9][0-9_]*(\.[0-9]+)?f?|true|false|"[^"]*");\s*(//.*)?$""")]
    private static partial Regex ParameterLine();

    [GeneratedRegex("\"[0-9a-f]{16}\"")]
    private static partial Regex Hash();

    [GeneratedRegex(@"[\uAC00-\uD7A3]+( [\uAC00-\uD7A3]+)*")]
    private static partial Regex Hangul();

    [GeneratedRegex(@"\([^()]*[\uAC00-\uD7A3][^()]*\)")]
    private static partial Regex KoreanInParentheses();
}
