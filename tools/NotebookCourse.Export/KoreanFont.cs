using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NotebookCourse.Export;

/// <summary>
/// The bundled Korean webfont: Noto Sans KR from the npm package <c>@fontsource/noto-sans-kr</c>, weights 400
/// and 700, each cut by Google into about 120 woff2 slices with the <c>unicode-range</c> each one covers.
/// The site uses it for Korean only: every slice's range is narrowed to the Hangul and CJK blocks
/// (<see cref="KoreanBlocks"/>), so Latin text keeps the reader's system font, and a page loads — or, self-contained,
/// embeds — only the slices that hold its own Korean characters. A machine without any Korean font still
/// shows every Hangul syllable instead of empty boxes.
/// </summary>
internal static partial class KoreanFont
{
    /// <summary>The CSS family name pages and figures ask for.</summary>
    public const string Family = "Noto Sans KR";

    /// <summary>Folder under the site's assets holding the style sheet and the slices a normal export uses.</summary>
    public const string Folder = "noto-sans-kr";

    /// <summary>The style sheet with one @font-face per slice, inside <see cref="Folder"/>.</summary>
    public const string StyleSheet = "noto-sans-kr.css";

    /// <summary>The font's licence (SIL Open Font License), written beside the slices.</summary>
    public const string LicenseFile = "LICENSE";

    /// <summary>
    /// The Unicode blocks the bundled font serves: Hangul Jamo, the CJK blocks from radicals to unified
    /// ideographs (with CJK punctuation, kana, compatibility Jamo and enclosed or squared CJK), Hangul Jamo
    /// Extended-A, Hangul syllables and Jamo Extended-B, CJK compatibility ideographs and forms, and the
    /// half- and full-width forms.
    /// </summary>
    public static readonly IReadOnlyList<(int First, int Last)> KoreanBlocks =
        [(0x1100, 0x11FF), (0x2E80, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF)];

    private static readonly Lazy<IReadOnlyList<KoreanFontFace>> AllFaces = new(ReadFaces);

    /// <summary>Every slice of both weights, its range narrowed to <see cref="KoreanBlocks"/> (slices left empty are dropped).</summary>
    public static IReadOnlyList<KoreanFontFace> Faces => AllFaces.Value;

    /// <summary>Whether <paramref name="codePoint"/> is one the bundled font serves.</summary>
    public static bool IsKorean(int codePoint) => KoreanBlocks.Any(block => codePoint >= block.First && codePoint <= block.Last);

    /// <summary>
    /// The Korean characters of <paramref name="html"/>: written as they are, as character references
    /// (<c>&amp;#xAC00;</c>) or as JSON escapes (<c>\uAC00</c>, as other tools write figure titles).
    /// </summary>
    public static SortedSet<int> CharactersIn(string html)
    {
        var found = new SortedSet<int>();
        foreach (var rune in html.EnumerateRunes())
        {
            if (IsKorean(rune.Value))
            {
                found.Add(rune.Value);
            }
        }

        foreach (Match escape in Escaped().Matches(html))
        {
            var hex = escape.Groups["hex"].Success;
            var digits = hex ? escape.Groups["hex"].Value : escape.Groups["dec"].Success ? escape.Groups["dec"].Value : escape.Groups["json"].Value;
            var style = hex || escape.Groups["json"].Success ? NumberStyles.HexNumber : NumberStyles.None;
            if (int.TryParse(digits, style, CultureInfo.InvariantCulture, out var value) && IsKorean(value))
            {
                found.Add(value);
            }
        }

        return found;
    }

    /// <summary>The slices, of both weights, that hold at least one of <paramref name="characters"/>.</summary>
    public static IReadOnlyList<KoreanFontFace> FacesFor(IReadOnlySet<int> characters)
        => characters.Count == 0 ? [] : Faces.Where(face => characters.Any(face.Covers)).ToList();

    /// <summary>One @font-face rule per slice, its woff2 file at the URL <paramref name="url"/> gives.</summary>
    public static string Css(IEnumerable<KoreanFontFace> faces, Func<KoreanFontFace, string> url)
    {
        var css = new StringBuilder();
        css.Append("/* Noto Sans KR (SIL Open Font License 1.1, npm @fontsource/noto-sans-kr), for Korean characters only. */\n");
        foreach (var face in faces)
        {
            css.Append("@font-face{font-family:\"").Append(Family).Append("\";font-style:normal;font-weight:")
                .Append(face.Weight.ToString(CultureInfo.InvariantCulture))
                .Append(";font-display:swap;src:url(").Append(url(face)).Append(") format(\"woff2\");unicode-range:")
                .Append(face.UnicodeRange).Append("}\n");
        }

        return css.ToString();
    }

    /// <summary>The woff2 file of a slice, as embedded at build time.</summary>
    public static byte[] ReadFile(KoreanFontFace face) => EmbeddedAssets.ReadBytes(Folder + "/files/" + face.FileName);

    /// <summary>The font's licence text.</summary>
    public static string License => EmbeddedAssets.ReadText(Folder + "/" + LicenseFile);

    private static IReadOnlyList<KoreanFontFace> ReadFaces()
    {
        var faces = new List<KoreanFontFace>();
        foreach (var weight in new[] { 400, 700 })
        {
            var sheet = $"{Folder}/{weight.ToString(CultureInfo.InvariantCulture)}.css";
            var css = EmbeddedAssets.ReadText(sheet);
            var rules = FontFaceRule().Matches(css);
            if (rules.Count == 0)
            {
                throw new InvalidOperationException($"{sheet} from @fontsource/noto-sans-kr has no @font-face rule the exporter understands (another version of the package?)");
            }

            foreach (Match rule in rules)
            {
                var ranges = ParseRanges(rule.Groups["range"].Value, sheet);
                var korean = Narrow(ranges);
                if (korean.Count > 0)
                {
                    faces.Add(new KoreanFontFace(int.Parse(rule.Groups["weight"].Value, CultureInfo.InvariantCulture), rule.Groups["file"].Value, korean));
                }
            }
        }

        if (!faces.Any(face => face.Covers('한') && face.Weight == 400) || !faces.Any(face => face.Covers('한') && face.Weight == 700))
        {
            throw new InvalidOperationException("The Noto Sans KR style sheets cover no Hangul syllable at weight 400 or 700 (another version of @fontsource/noto-sans-kr?)");
        }

        return faces;
    }

    // "U+ac00-ac0f,U+ac11" -> [(0xAC00, 0xAC0F), (0xAC11, 0xAC11)]
    private static List<(int First, int Last)> ParseRanges(string text, string sheet)
    {
        var ranges = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var match = UnicodeRange().Match(part);
            if (!match.Success)
            {
                throw new InvalidOperationException($"{sheet}: unicode-range part '{part}' is not U+XXXX or U+XXXX-YYYY");
            }

            var first = int.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var last = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : first;
            ranges.Add((first, last));
        }

        return ranges;
    }

    // The parts of the ranges inside the Korean blocks.
    private static List<(int First, int Last)> Narrow(List<(int First, int Last)> ranges)
    {
        var narrowed = new List<(int, int)>();
        foreach (var (first, last) in ranges)
        {
            foreach (var block in KoreanBlocks)
            {
                var start = Math.Max(first, block.First);
                var end = Math.Min(last, block.Last);
                if (start <= end)
                {
                    narrowed.Add((start, end));
                }
            }
        }

        return narrowed;
    }

    [GeneratedRegex(@"@font-face\s*\{[^}]*?font-weight:\s*(?<weight>[0-9]+);[^}]*?src:\s*url\(\./files/(?<file>[a-z0-9-]+\.woff2)\)[^}]*?unicode-range:\s*(?<range>[^;}]+);?[^}]*\}")]
    private static partial Regex FontFaceRule();

    [GeneratedRegex("^U\\+([0-9a-fA-F]{1,6})(?:-([0-9a-fA-F]{1,6}))?$")]
    private static partial Regex UnicodeRange();

    [GeneratedRegex(@"&#[xX](?<hex>[0-9a-fA-F]{1,6});|&#(?<dec>[0-9]{1,7});|\\u(?<json>[0-9a-fA-F]{4})")]
    private static partial Regex Escaped();
}

/// <summary>One woff2 slice of the bundled Korean font.</summary>
/// <param name="Weight">400 or 700.</param>
/// <param name="FileName">The woff2 file, e.g. <c>noto-sans-kr-119-400-normal.woff2</c>.</param>
/// <param name="Ranges">The code points it serves on the site (inside <see cref="KoreanFont.KoreanBlocks"/>).</param>
internal sealed record KoreanFontFace(int Weight, string FileName, IReadOnlyList<(int First, int Last)> Ranges)
{
    /// <summary>Whether the slice holds <paramref name="codePoint"/>.</summary>
    public bool Covers(int codePoint) => Ranges.Any(range => codePoint >= range.First && codePoint <= range.Last);

    /// <summary>The ranges as a CSS <c>unicode-range</c> value, e.g. <c>U+AC00-AC0F,U+AC11</c>.</summary>
    public string UnicodeRange => string.Join(",", Ranges.Select(range => range.First == range.Last
        ? $"U+{range.First:X}"
        : $"U+{range.First:X}-{range.Last:X}"));
}
