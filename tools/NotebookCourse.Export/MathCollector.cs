using System.Text.RegularExpressions;

namespace NotebookCourse.Export;

/// <summary>
/// Collects the TeX formulas of a whole export so that KaTeX renders them in one batch: while pages
/// are built each formula is replaced by a placeholder comment, filled in afterwards by <see cref="Fill"/>.
/// </summary>
internal sealed partial class MathCollector
{
    private readonly List<MathFormula> _formulas = [];
    private readonly string _nonce = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Every formula collected so far, in placeholder order.</summary>
    public IReadOnlyList<MathFormula> Formulas => _formulas;

    /// <summary>Where new formulas come from (e.g. "01-intro.ipynb: cell 3"), used in warnings.</summary>
    public string Location { get; set; } = "";

    /// <summary>Records a formula and returns the placeholder to write in its place.</summary>
    public string Add(string tex, bool display)
    {
        _formulas.Add(new MathFormula(tex, display, Location));
        return $"<!--math-{_nonce}-{_formulas.Count - 1}-->";
    }

    /// <summary>Replaces the placeholders in <paramref name="html"/> with the rendered formulas.</summary>
    public string Fill(string html, IReadOnlyList<string> rendered)
        => Placeholder().Replace(html, match => match.Groups[1].Value == _nonce
            ? rendered[int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)]
            : match.Value);

    /// <summary>Whether <paramref name="html"/> contains at least one formula placeholder of this export.</summary>
    public bool HasMath(string html) => html.Contains($"<!--math-{_nonce}-", StringComparison.Ordinal);

    [GeneratedRegex("<!--math-([0-9a-f]{12})-([0-9]+)-->")]
    private static partial Regex Placeholder();
}

/// <summary>One formula to render.</summary>
/// <param name="Tex">The TeX source without delimiters.</param>
/// <param name="Display">True for a display ($$…$$) formula, false for inline ($…$).</param>
/// <param name="Location">The notebook and cell it came from.</param>
internal sealed record MathFormula(string Tex, bool Display, string Location);
