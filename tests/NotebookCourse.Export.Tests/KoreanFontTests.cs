using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NotebookCourse.Plotting;

namespace NotebookCourse.Export.Tests;

/// <summary>
/// The bundled Korean font (Noto Sans KR from npm): which slices exist, which a page links or embeds, and that
/// figures ask for the same font as the pages they sit in.
/// </summary>
public sealed partial class KoreanFontTests
{
    private static Lazy<(ExportReport Report, string Folder)> Normal => CourseFixtures.NormalExport;
    private static Lazy<(ExportReport Report, string Folder)> SelfContained => CourseFixtures.SelfContainedExport;

    // A course without a word of Korean, in either kind of export.
    private static string ExportEnglishOnly(bool selfContained)
    {
        var name = selfContained ? "english-self-contained" : "english-normal";
        var notebooks = CourseFixtures.NewFolder(Path.Combine("notebooks", name));
        var english = Path.Combine(notebooks, "01-english.ipynb");
        Notebook.Create(english, [NotebookCell.NewMarkdown("# English only\n\nNo Korean on this page.")]).Save(english);
        var folder = CourseFixtures.NewFolder(Path.Combine("sites", name));
        SiteExporter.Export([english], folder, new ExportOptions(selfContained, "An English course"));
        return folder;
    }

    private static bool IsHangul(int c) => c is (>= 0x1100 and <= 0x11FF) or (>= 0x3130 and <= 0x318F) or (>= 0xAC00 and <= 0xD7A3);

    // The Hangul a page shows (its markup and figure JSON, not its style sheets).
    private static SortedSet<int> HangulOf(string html)
        => [.. StyleBlock().Replace(html, "").EnumerateRunes().Select(r => r.Value).Where(IsHangul)];

    [Fact]
    public void Bundled_font_has_every_Hangul_syllable_at_both_weights_and_serves_no_Latin()
    {
        foreach (var weight in new[] { 400, 700 })
        {
            var faces = KoreanFont.Faces.Where(f => f.Weight == weight).ToList();
            Assert.True(faces.Count > 100, $"{faces.Count} slices at weight {weight}");
            Assert.All(Enumerable.Range(0xAC00, 11172), syllable => Assert.Contains(faces, f => f.Covers(syllable)));
        }

        // Nothing below the first Hangul block (U+1100): Latin, Greek, Cyrillic and the rest keep the page's own fonts.
        Assert.All(KoreanFont.Faces, face => Assert.False(Enumerable.Range(0, 0x1100).Any(face.Covers), $"{face.FileName}: {face.UnicodeRange}"));
    }

    [Fact]
    public void Korean_is_found_written_out_as_a_character_reference_or_as_a_JSON_escape()
    {
        var found = KoreanFont.CharactersIn("<p>한 &#xAD6D; &#50612;</p><script>{\"title\":\"\\uBD84\\uB958\"} \\u0041</script> abc");

        Assert.Equal(new SortedSet<int>("한국어분류".EnumerateRunes().Select(r => r.Value)), found);
        Assert.Empty(KoreanFont.CharactersIn("no Korean here: é ü → ×"));
    }

    [Fact]
    public void Normal_export_writes_the_slices_its_pages_use_their_style_sheet_and_the_licence()
    {
        var (report, folder) = Normal.Value;
        var korean = Path.Combine(folder, "assets", KoreanFont.Folder);
        var css = File.ReadAllText(Path.Combine(korean, KoreanFont.StyleSheet));
        var link = $"<link rel=\"stylesheet\" href=\"assets/{KoreanFont.Folder}/{KoreanFont.StyleSheet}\">";

        var siteHangul = new SortedSet<int>();
        foreach (var page in report.Pages.Append(report.IndexPage))
        {
            var html = File.ReadAllText(page);
            var hangul = HangulOf(html);
            siteHangul.UnionWith(hangul);
            Assert.Equal(hangul.Count > 0, html.Contains(link, StringComparison.Ordinal));
        }

        var faces = FontFaces(css);
        Assert.All(faces, face => Assert.True(File.Exists(Path.Combine(korean, face.Url)), face.Url));
        Assert.Equal(faces.Select(f => f.Url).Order(), Directory.GetFiles(korean, "*.woff2").Select(Path.GetFileName).Order());
        AssertCoversExactly(faces, siteHangul);
        // A few dozen slices of the ~240, not the whole font.
        Assert.InRange(faces.Count, 2, 60);
        Assert.Contains("SIL Open Font License", File.ReadAllText(Path.Combine(korean, KoreanFont.LicenseFile)));
    }

    [Fact]
    public void Self_contained_pages_embed_only_the_slices_that_hold_their_own_Korean()
    {
        var (report, _) = SelfContained.Value;
        foreach (var page in report.Pages.Append(report.IndexPage))
        {
            var html = File.ReadAllText(page);
            var faces = FontFaces(html);
            var hangul = HangulOf(html);
            if (hangul.Count == 0)
            {
                Assert.Empty(faces);
                continue;
            }

            AssertCoversExactly(faces, hangul);
            Assert.All(faces, face =>
            {
                Assert.StartsWith("data:font/woff2;base64,", face.Url);
                Assert.Equal("wOF2"u8.ToArray(), Convert.FromBase64String(face.Url["data:font/woff2;base64,".Length..])[..4]);
            });
        }

    }

    [Fact]
    public void A_course_without_Korean_carries_no_Korean_font()
    {
        var normal = ExportEnglishOnly(selfContained: false);
        var selfContained = ExportEnglishOnly(selfContained: true);

        Assert.False(Directory.Exists(Path.Combine(normal, "assets", KoreanFont.Folder)));
        Assert.All(Directory.GetFiles(normal, "*.html").Concat(Directory.GetFiles(selfContained, "*.html")), page =>
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotContain(KoreanFont.StyleSheet, html);
            Assert.Empty(FontFaces(html));
        });
    }

    [Fact]
    public void Figures_ask_for_the_fonts_the_site_uses()
    {
        var css = File.ReadAllText(Path.Combine(Normal.Value.Folder, "assets", "site.css"));
        var body = BodyFont().Match(css);
        Assert.True(body.Success, "site.css has no body font-family");

        Assert.Equal(Figure.FontFamily, body.Groups[1].Value);
        Assert.StartsWith($"\"{KoreanFont.Family}\"", Figure.FontFamily);
        using var json = JsonDocument.Parse(new Figure().Line([1.0, 2.0]).XAxis("에포크").ToJson());
        Assert.Equal(Figure.FontFamily, json.RootElement.GetProperty("layout").GetProperty("font").GetProperty("family").GetString());
    }

    // Each weight's slices together hold every one of the characters, and each slice holds at least one of them.
    private static void AssertCoversExactly(IReadOnlyList<(int Weight, string Url, List<(int First, int Last)> Ranges)> faces, SortedSet<int> characters)
    {
        static bool Covers(List<(int First, int Last)> ranges, int c) => ranges.Any(r => c >= r.First && c <= r.Last);
        foreach (var weight in new[] { 400, 700 })
        {
            var ofWeight = faces.Where(f => f.Weight == weight).ToList();
            Assert.All(characters, c => Assert.True(ofWeight.Any(f => Covers(f.Ranges, c)), $"no slice of weight {weight} holds {char.ConvertFromUtf32(c)}"));
        }

        Assert.All(faces, face => Assert.True(characters.Any(c => Covers(face.Ranges, c)), $"slice {face.Url[..Math.Min(60, face.Url.Length)]} holds none of the page's Korean"));
    }

    private static List<(int Weight, string Url, List<(int First, int Last)> Ranges)> FontFaces(string css)
        => [.. KoreanFace().Matches(css).Select(m => (
            int.Parse(m.Groups["weight"].Value, CultureInfo.InvariantCulture),
            m.Groups["url"].Value,
            m.Groups["range"].Value.Split(',').Select(part =>
            {
                var bounds = part.Trim()["U+".Length..].Split('-');
                var first = int.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return (first, bounds.Length > 1 ? int.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : first);
            }).ToList()))];

    [GeneratedRegex("@font-face\\{font-family:\"Noto Sans KR\";[^}]*?font-weight:(?<weight>[0-9]+);[^}]*?src:url\\((?<url>[^)]+)\\) format\\(\"woff2\"\\);unicode-range:(?<range>[^}]+)\\}")]
    private static partial Regex KoreanFace();

    [GeneratedRegex("<style[^>]*>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();

    [GeneratedRegex("body \\{[^}]*?font-family: ([^;]+);", RegexOptions.Singleline)]
    private static partial Regex BodyFont();
}
