using System.Text;
using System.Text.RegularExpressions;

namespace NotebookCourse.Export;

/// <summary>
/// The style sheets, fonts and scripts pages use: written once under <c>assets/</c> and linked
/// relatively, or inlined into every page (fonts as data: URIs) for a self-contained export.
/// Each file is read at most once per export. Of the Korean font, a page gets only the slices that
/// hold its own characters (<see cref="KoreanFont"/>).
/// </summary>
internal sealed partial class SiteAssets
{
    /// <summary>Folder (relative to the site) that holds shared assets in a normal export.</summary>
    public const string Folder = "assets";

    private readonly bool _selfContained;
    private readonly Lazy<string> _siteCss = new(() => EmbeddedAssets.ReadText("site.css"));
    private readonly Lazy<(string FileName, string Script)> _plotly = new(PlotlyFragment.ReadPlotlyJs);
    private readonly Lazy<string> _figuresJs = new(() => EmbeddedAssets.ReadText("figures.js"));
    private readonly Lazy<string> _katexCssLinked = new(() => KatexCss(file => "fonts/" + file));
    private readonly Lazy<string> _katexCssInline = new(() => KatexCss(file =>
        "data:font/woff2;base64," + Convert.ToBase64String(EmbeddedAssets.ReadBytes("katex/fonts/" + file))));
    private readonly Dictionary<string, string> _koreanDataUris = new(StringComparer.Ordinal);

    /// <summary>Creates the assets for a normal (<paramref name="selfContained"/> false) or self-contained export.</summary>
    public SiteAssets(bool selfContained)
    {
        _selfContained = selfContained;
    }

    /// <summary>
    /// The &lt;head&gt; elements a page needs: site style always, the Korean font's slices for the page's
    /// Korean characters (<paramref name="koreanFaces"/>, none for a page without Korean), KaTeX style for
    /// math, plotly.js and figures.js (which draws the library's figures) for charts.
    /// </summary>
    public string Head(bool math, bool chart, bool requireShim, IReadOnlyList<KoreanFontFace> koreanFaces)
    {
        var head = new StringBuilder();
        if (_selfContained)
        {
            head.Append("<style>\n").Append(_siteCss.Value).Append("</style>\n");
            if (koreanFaces.Count > 0)
            {
                head.Append("<style>\n").Append(KoreanFont.Css(koreanFaces, KoreanDataUri)).Append("</style>\n");
            }

            if (math)
            {
                head.Append("<style>\n").Append(_katexCssInline.Value).Append("\n</style>\n");
            }

            if (chart)
            {
                head.Append("<script>").Append(ScriptSafe(_plotly.Value.Script)).Append("</script>\n");
                head.Append("<script>").Append(ScriptSafe(_figuresJs.Value)).Append("</script>\n");
            }
        }
        else
        {
            head.Append("<link rel=\"stylesheet\" href=\"").Append(Folder).Append("/site.css\">\n");
            if (koreanFaces.Count > 0)
            {
                head.Append("<link rel=\"stylesheet\" href=\"").Append(Folder).Append('/').Append(KoreanFont.Folder)
                    .Append('/').Append(KoreanFont.StyleSheet).Append("\">\n");
            }

            if (math)
            {
                head.Append("<link rel=\"stylesheet\" href=\"").Append(Folder).Append("/katex/katex.min.css\">\n");
            }

            if (chart)
            {
                head.Append("<script src=\"").Append(Folder).Append('/').Append(_plotly.Value.FileName).Append("\"></script>\n");
                head.Append("<script src=\"").Append(Folder).Append("/figures.js\"></script>\n");
            }
        }

        if (chart && requireShim)
        {
            head.Append("<script>").Append(PlotlyFragment.RequireShim).Append("</script>\n");
        }

        return head.ToString();
    }

    /// <summary>
    /// In a normal export, writes the shared files the pages link to under <c>assets/</c>: of the Korean font,
    /// the slices some page uses (<paramref name="koreanFaces"/>), their style sheet and the font's licence.
    /// </summary>
    public void WriteLinkedFiles(string outputDirectory, bool math, bool chart, IReadOnlyList<KoreanFontFace> koreanFaces)
    {
        if (_selfContained)
        {
            return;
        }

        var folder = Path.Combine(outputDirectory, Folder);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "site.css"), _siteCss.Value);
        if (math)
        {
            var katex = Path.Combine(folder, "katex");
            Directory.CreateDirectory(Path.Combine(katex, "fonts"));
            File.WriteAllText(Path.Combine(katex, "katex.min.css"), _katexCssLinked.Value);
            foreach (var (fileName, resource) in EmbeddedAssets.KatexFonts)
            {
                File.WriteAllBytes(Path.Combine(katex, "fonts", fileName), EmbeddedAssets.ReadBytes(resource));
            }
        }

        if (koreanFaces.Count > 0)
        {
            var korean = Path.Combine(folder, KoreanFont.Folder);
            Directory.CreateDirectory(korean);
            File.WriteAllText(Path.Combine(korean, KoreanFont.StyleSheet), KoreanFont.Css(koreanFaces, face => face.FileName));
            File.WriteAllText(Path.Combine(korean, KoreanFont.LicenseFile), KoreanFont.License);
            foreach (var face in koreanFaces)
            {
                File.WriteAllBytes(Path.Combine(korean, face.FileName), KoreanFont.ReadFile(face));
            }
        }

        if (chart)
        {
            File.WriteAllText(Path.Combine(folder, _plotly.Value.FileName), _plotly.Value.Script);
            File.WriteAllText(Path.Combine(folder, "figures.js"), _figuresJs.Value);
        }
    }

    // A slice as a data: URI, encoded once per export however many pages embed it.
    private string KoreanDataUri(KoreanFontFace face)
    {
        if (!_koreanDataUris.TryGetValue(face.FileName, out var uri))
        {
            uri = "data:font/woff2;base64," + Convert.ToBase64String(KoreanFont.ReadFile(face));
            _koreanDataUris[face.FileName] = uri;
        }

        return uri;
    }

    /// <summary>KaTeX's style sheet with each font reduced to its woff2 file, at the URL <paramref name="fontUrl"/> gives.</summary>
    private static string KatexCss(Func<string, string> fontUrl)
    {
        var css = EmbeddedAssets.ReadText("katex/katex.min.css");
        if (FontSources().Count(css) == 0)
        {
            throw new InvalidOperationException(
                "KaTeX's style sheet has no woff2 @font-face sources the exporter understands (another KaTeX version?)");
        }

        var rewritten = FontSources().Replace(css, match =>
            $"src:url({fontUrl(match.Groups[1].Value + ".woff2")}) format(\"woff2\")");
        return rewritten;
    }

    /// <summary>Inline scripts must not contain "&lt;/script" (it would end the element early).</summary>
    private static string ScriptSafe(string script) => script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("src:url\\(fonts/([^)]+?)\\.woff2\\) format\\(\"woff2\"\\)(?:,url\\([^)]*\\) format\\(\"[^\"]*\"\\))*")]
    private static partial Regex FontSources();
}
