using System.Text.Json;
using Microsoft.Playwright;

namespace NotebookCourse.Testing;

/// <summary>
/// Opens exported course pages in Debian's Chromium (driven by Playwright) and reports what a student
/// would see: network requests attempted (all blocked), console and script errors, alerts, charts
/// drawn, math rendered, code highlighted; Hangul drawn with the site's bundled font; nothing wider
/// than the screen on a desktop or a phone, and charts that fit their column with no label cut; and,
/// printed (<see cref="PrintAsync"/>), charts and code blocks neither cut at the paper's edge nor split
/// across pages. Chromium runs without any Korean system font (<see cref="LaunchAsync"/>), as on a
/// student's machine that has none. Link this file (and its attributes) into any test project.
/// </summary>
public sealed partial class BrowserPageCheck : IAsyncDisposable
{
    /// <summary>The viewport widths pages are checked at: a desktop browser and a phone.</summary>
    public static readonly int[] Widths = [1280, 390];

    /// <summary>Debian's Chromium (<c>apt-get install -y chromium</c>); Playwright's own download does not exist here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Flags that let Chromium run headless as root in a container and keep it from calling home.</summary>
    public static readonly string[] LaunchArguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    // Runs in the page after load: counts what the checks need.
    private const string FactsScript = """
        () => {
          const charts = [...document.querySelectorAll('.output.chart')];
          // A library figure is drawn when plotly made its svg and kept every trace of its JSON visible
          // (plotly hides a trace whose data it cannot use).
          const figures = [...document.querySelectorAll('div.nc-figure')];
          const drawn = figures.filter(f => {
            const json = document.querySelector('script.nc-figure-json[data-figure="' + CSS.escape(f.id) + '"]');
            if (!json || !f.querySelector('svg.main-svg') || !f._fullData) return false;
            const traces = JSON.parse(json.textContent).data.length;
            return f._fullData.length === traces && f._fullData.every(t => t.visible === true);
          });
          const prose = document.body.cloneNode(true);
          prose.querySelectorAll('pre, code, script, style, .katex, .output.html, .output.chart').forEach(e => e.remove());
          const rawMath = prose.textContent.match(/\$\$[^$]+\$\$|\$[^$\s][^$]*\$|\\\(|\\\[/g) || [];
          return {
            charts: charts.length,
            chartsWithSvg: charts.filter(c => c.querySelector('svg.main-svg')).length,
            figures: figures.length,
            figuresDrawn: drawn.length,
            figureTexts: figures.filter(f => !drawn.includes(f)).map(f => f.textContent.slice(0, 200)),
            katex: document.querySelectorAll('.katex').length,
            unrenderedMath: document.querySelectorAll('.math:not(:has(.katex))').length,
            rawMath: rawMath.slice(0, 10),
            codeCells: document.querySelectorAll('pre.source').length,
            keywordSpans: document.querySelectorAll('pre.source .tok-keyword').length,
            failedFonts: [...document.fonts].filter(f => f.status === 'error').map(f => f.family),
            text: document.body.innerText,
          };
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _fontConfigFolder;

    private BrowserPageCheck(IPlaywright playwright, IBrowser browser, string fontConfigFolder)
    {
        _playwright = playwright;
        _browser = browser;
        _fontConfigFolder = fontConfigFolder;
    }

    /// <summary>True when Chromium is installed where the checks expect it.</summary>
    public static bool ChromiumInstalled => File.Exists(ChromiumPath);

    /// <summary>
    /// A fontconfig configuration that is the system's own less every font for Korean: fontconfig rejects each
    /// font whose coverage includes the Korean language (Nanum, Noto CJK, Unifont, ...), so Chromium draws
    /// Hangul either with a font the page brings or as empty boxes — whatever this machine has installed.
    /// </summary>
    public const string FontConfigWithoutKorean = """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig>
          <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
          <cachedir>CACHE</cachedir>
          <selectfont>
            <rejectfont>
              <pattern><patelt name="lang"><string>ko</string></patelt></pattern>
            </rejectfont>
          </selectfont>
        </fontconfig>
        """;

    /// <summary>
    /// Starts headless Chromium with <see cref="FontConfigWithoutKorean"/> (through FONTCONFIG_FILE); fails with
    /// install instructions when Chromium is missing.
    /// </summary>
    public static async Task<BrowserPageCheck> LaunchAsync()
    {
        if (!ChromiumInstalled)
        {
            throw new InvalidOperationException(
                $"Browser checks need Chromium at {ChromiumPath}: run `apt-get update && apt-get install -y chromium`.");
        }

        var fontConfig = Path.Combine(Path.GetTempPath(), "nbcourse-fontconfig-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(fontConfig);
        File.WriteAllText(Path.Combine(fontConfig, "fonts.conf"), FontConfigWithoutKorean.Replace("CACHE", Path.Combine(fontConfig, "cache"), StringComparison.Ordinal));
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? "");
        environment["FONTCONFIG_FILE"] = Path.Combine(fontConfig, "fonts.conf");

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Args = LaunchArguments,
                Headless = true,
                Env = environment,
            });
            return new BrowserPageCheck(playwright, browser, fontConfig);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(fontConfig, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Checks <paramref name="htmlFile"/> at each of <see cref="Widths"/>, keeping a full-page screenshot of each
    /// in <paramref name="screenshotFolder"/> as <c>NAME-WIDTH.png</c>.
    /// </summary>
    public async Task<IReadOnlyList<PageCheckResult>> CheckAtEveryWidthAsync(string htmlFile, string screenshotFolder, bool bundledKoreanFont = true)
    {
        var results = new List<PageCheckResult>();
        foreach (var width in Widths)
        {
            var screenshot = Path.Combine(screenshotFolder, $"{Path.GetFileNameWithoutExtension(htmlFile)}-{width}.png");
            results.Add(await CheckAsync(htmlFile, screenshot, viewportWidth: width, bundledKoreanFont: bundledKoreanFont));
        }

        return results;
    }

    /// <summary>
    /// Opens <paramref name="htmlFile"/> over file:// in a viewport <paramref name="viewportWidth"/> pixels wide,
    /// aborting and recording every http(s)/ws request, waits for charts and figures (up to
    /// <paramref name="chartTimeout"/>, default 15 s) and fonts, and saves a full-page screenshot to
    /// <paramref name="screenshotFile"/> if given. Requests for the addresses in <paramref name="servedFiles"/>
    /// are answered with the local file instead (a CDN stood in for offline) and recorded as served, not
    /// blocked. With <paramref name="bundledKoreanFont"/> (an exported page) every Hangul character must be
    /// drawn with the bundled "Noto Sans KR"; a notebook's own output (as VS Code shows it) has no such font.
    /// </summary>
    public async Task<PageCheckResult> CheckAsync(string htmlFile, string? screenshotFile = null, TimeSpan? chartTimeout = null,
        IReadOnlyDictionary<string, string>? servedFiles = null, int viewportWidth = 1280, bool bundledKoreanFont = true)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = viewportWidth, Height = viewportWidth < 600 ? 844 : 900 },
        });
        try
        {
            var page = await context.NewPageAsync();
            var blocked = new List<string>();
            var served = new List<string>();
            var consoleErrors = new List<string>();
            var pageErrors = new List<string>();
            var dialogs = new List<string>();
            var failedRequests = new List<string>();

            await page.RouteAsync(
                url => url.StartsWith("http", StringComparison.OrdinalIgnoreCase) || url.StartsWith("ws", StringComparison.OrdinalIgnoreCase),
                async route =>
                {
                    if (servedFiles is not null && servedFiles.TryGetValue(route.Request.Url, out var file))
                    {
                        lock (served)
                        {
                            served.Add(route.Request.Url);
                        }

                        await route.FulfillAsync(new RouteFulfillOptions { Path = file, ContentType = "text/javascript" });
                        return;
                    }

                    lock (blocked)
                    {
                        blocked.Add(route.Request.Url);
                    }

                    await route.AbortAsync();
                });
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (consoleErrors)
                    {
                        consoleErrors.Add(message.Text);
                    }
                }
            };
            page.PageError += (_, error) =>
            {
                lock (pageErrors)
                {
                    pageErrors.Add(error);
                }
            };
            page.Dialog += async (_, dialog) =>
            {
                lock (dialogs)
                {
                    dialogs.Add($"{dialog.Type}: {dialog.Message}");
                }

                await dialog.DismissAsync();
            };
            page.RequestFailed += (_, request) =>
            {
                lock (failedRequests)
                {
                    failedRequests.Add($"{request.Url} ({request.Failure})");
                }
            };

            await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            try
            {
                await page.WaitForFunctionAsync(
                    "() => [...document.querySelectorAll('.output.chart, div.nc-figure')].every(c => c.querySelector('svg.main-svg'))",
                    null, new PageWaitForFunctionOptions { Timeout = (float)(chartTimeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds });
            }
            catch (TimeoutException)
            {
                // Reported below as charts without an SVG.
            }

            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            var facts = await page.EvaluateAsync<JsonElement>(FactsScript);
            var layout = await page.EvaluateAsync<JsonElement>(LayoutScript, viewportWidth);
            if (screenshotFile is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshotFile))!);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshotFile, FullPage = true });
            }

            var korean = await KoreanFontsAsync(context, page, layout);

            return new PageCheckResult(
                Page: htmlFile,
                BlockedRequests: blocked,
                ServedRequests: served,
                ConsoleErrors: consoleErrors,
                PageErrors: pageErrors,
                Dialogs: dialogs,
                FailedRequests: failedRequests,
                ChartOutputs: facts.GetProperty("charts").GetInt32(),
                ChartsWithSvg: facts.GetProperty("chartsWithSvg").GetInt32(),
                Figures: facts.GetProperty("figures").GetInt32(),
                FiguresDrawn: facts.GetProperty("figuresDrawn").GetInt32(),
                UndrawnFigureTexts: facts.GetProperty("figureTexts").EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
                KatexElements: facts.GetProperty("katex").GetInt32(),
                UnrenderedMath: facts.GetProperty("unrenderedMath").GetInt32(),
                RawMathText: facts.GetProperty("rawMath").EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
                CodeCells: facts.GetProperty("codeCells").GetInt32(),
                KeywordSpans: facts.GetProperty("keywordSpans").GetInt32(),
                FailedFonts: facts.GetProperty("failedFonts").EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
                VisibleText: facts.GetProperty("text").GetString() ?? "",
                Screenshot: screenshotFile is null ? null : Path.GetFullPath(screenshotFile))
            {
                ViewportWidth = viewportWidth,
                PageWidth = layout.GetProperty("pageWidth").GetInt32(),
                WideElements = Strings(layout, "wide"),
                ScrollingBoxes = Strings(layout, "scrolling"),
                ChartProblems = Strings(layout, "charts"),
                ChartWidths = layout.GetProperty("chartWidths").EnumerateArray().Select(e => e.GetInt32()).ToList(),
                HangulElements = korean.Elements,
                HangulNotInBundledFont = bundledKoreanFont ? korean.NotBundled : [],
                BundledFontLoaded = bundledKoreanFont ? korean.FontsCheck : null,
            };
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Closes the browser and the Playwright driver.</summary>
    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
        Directory.Delete(_fontConfigFolder, recursive: true);
    }

    private static List<string> Strings(JsonElement facts, string name)
        => facts.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "").ToList();
}

/// <summary>What <see cref="BrowserPageCheck.CheckAsync"/> saw on one page.</summary>
/// <param name="Page">The HTML file opened.</param>
/// <param name="BlockedRequests">Network (http/https/ws) requests the page attempted and that were aborted.</param>
/// <param name="ServedRequests">Network requests answered with a local file (see <see cref="BrowserPageCheck.CheckAsync"/>).</param>
/// <param name="ConsoleErrors">Messages logged at console level "error".</param>
/// <param name="PageErrors">Uncaught script exceptions.</param>
/// <param name="Dialogs">alert/confirm/prompt dialogs opened (each dismissed).</param>
/// <param name="FailedRequests">Requests that failed, e.g. a missing local asset.</param>
/// <param name="ChartOutputs">Chart outputs (<c>.output.chart</c>) on the page.</param>
/// <param name="ChartsWithSvg">Chart outputs in which Plotly drew an <c>svg.main-svg</c>.</param>
/// <param name="Figures">The course library's figures (<c>div.nc-figure</c>) on the page.</param>
/// <param name="FiguresDrawn">Figures plotly drew with every trace of their JSON visible.</param>
/// <param name="UndrawnFigureTexts">What each figure that was not drawn shows instead (e.g. a loading error).</param>
/// <param name="KatexElements">Formulas rendered by KaTeX (<c>.katex</c>).</param>
/// <param name="UnrenderedMath">Math spans/divs without KaTeX output inside.</param>
/// <param name="RawMathText">Up to 10 pieces of prose that still look like TeX ($…$, \(, \[).</param>
/// <param name="CodeCells">Code cells (<c>pre.source</c>).</param>
/// <param name="KeywordSpans">Highlighted keywords inside code cells.</param>
/// <param name="FailedFonts">Font families whose files failed to load.</param>
/// <param name="VisibleText">The page's rendered text (<c>document.body.innerText</c>).</param>
/// <param name="Screenshot">Full path of the screenshot taken, if any.</param>
public sealed record PageCheckResult(
    string Page,
    IReadOnlyList<string> BlockedRequests,
    IReadOnlyList<string> ServedRequests,
    IReadOnlyList<string> ConsoleErrors,
    IReadOnlyList<string> PageErrors,
    IReadOnlyList<string> Dialogs,
    IReadOnlyList<string> FailedRequests,
    int ChartOutputs,
    int ChartsWithSvg,
    int Figures,
    int FiguresDrawn,
    IReadOnlyList<string> UndrawnFigureTexts,
    int KatexElements,
    int UnrenderedMath,
    IReadOnlyList<string> RawMathText,
    int CodeCells,
    int KeywordSpans,
    IReadOnlyList<string> FailedFonts,
    string VisibleText,
    string? Screenshot)
{
    /// <summary>The viewport's width in CSS pixels.</summary>
    public int ViewportWidth { get; init; } = 1280;

    /// <summary>The document's scroll width: more than <see cref="ViewportWidth"/> means the page scrolls sideways.</summary>
    public int PageWidth { get; init; }

    /// <summary>Elements reaching past the viewport outside any box that scrolls or clips them (the outermost of each such tree).</summary>
    public IReadOnlyList<string> WideElements { get; init; } = [];

    /// <summary>Boxes whose content is wider than they are and that scroll sideways inside themselves (long code lines, wide tables).</summary>
    public IReadOnlyList<string> ScrollingBoxes { get; init; } = [];

    /// <summary>Charts wider than their column, and chart texts (titles, ticks, legend entries) cut at the chart's edge or covered by the legend.</summary>
    public IReadOnlyList<string> ChartProblems { get; init; } = [];

    /// <summary>The drawn width of each plotly chart, in CSS pixels.</summary>
    public IReadOnlyList<int> ChartWidths { get; init; } = [];

    /// <summary>Visible elements with Hangul in their own text.</summary>
    public int HangulElements { get; init; }

    /// <summary>Elements whose Hangul Chromium drew with another font than the bundled "Noto Sans KR", with the fonts it used.</summary>
    public IReadOnlyList<string> HangulNotInBundledFont { get; init; } = [];

    /// <summary>
    /// <c>document.fonts.check</c> for the page's Hangul at the weights it is shown in, on a page that defines the
    /// bundled font; null when not checked (no Hangul, or a page that is not meant to bundle the font).
    /// </summary>
    public bool? BundledFontLoaded { get; init; }

    /// <summary>Everything that is wrong on any exported page, one line each; empty when the page is fine.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>();
            problems.AddRange(BlockedRequests.Select(url => $"network request attempted: {url}"));
            problems.AddRange(ConsoleErrors.Select(text => $"console error: {text}"));
            problems.AddRange(PageErrors.Select(text => $"script error: {text}"));
            problems.AddRange(Dialogs.Select(text => $"dialog opened: {text}"));
            problems.AddRange(FailedRequests.Select(text => $"request failed: {text}"));
            problems.AddRange(FailedFonts.Select(family => $"font failed to load: {family}"));
            if (ChartsWithSvg < ChartOutputs)
            {
                problems.Add($"{ChartOutputs - ChartsWithSvg} of {ChartOutputs} charts drew no svg.main-svg");
            }

            if (FiguresDrawn < Figures)
            {
                problems.Add($"{Figures - FiguresDrawn} of {Figures} figures not drawn with all their traces"
                    + string.Concat(UndrawnFigureTexts.Where(t => t.Length > 0).Select(t => $"; one shows: {t}")));
            }

            if (UnrenderedMath > 0)
            {
                problems.Add($"{UnrenderedMath} math elements not rendered by KaTeX");
            }

            problems.AddRange(RawMathText.Select(text => $"raw TeX left in the text: {text}"));
            if (CodeCells > 0 && KeywordSpans == 0)
            {
                problems.Add($"{CodeCells} code cells but no highlighted keyword");
            }

            if (PageWidth > ViewportWidth)
            {
                problems.Add($"at {ViewportWidth} px the page is {PageWidth} px wide: it scrolls sideways");
            }

            problems.AddRange(WideElements.Select(e => $"at {ViewportWidth} px wider than the screen: {e}"));
            problems.AddRange(ChartProblems.Select(c => $"at {ViewportWidth} px {c}"));
            problems.AddRange(HangulNotInBundledFont.Select(e => $"Hangul not drawn with the bundled Noto Sans KR: {e}"));
            if (BundledFontLoaded == false)
            {
                problems.Add("document.fonts.check('16px \"Noto Sans KR\"', <the page's Hangul>) is false: the bundled Korean font is missing or not loaded");
            }

            return problems;
        }
    }

    /// <summary>A one-line summary for test output.</summary>
    public override string ToString()
        => $"{Path.GetFileName(Page)} at {ViewportWidth} px: charts {ChartsWithSvg}/{ChartOutputs} ({string.Join(", ", ChartWidths)} px wide), figures {FiguresDrawn}/{Figures}, formulas {KatexElements}, code cells {CodeCells} ({KeywordSpans} keywords), Hangul in {HangulElements} elements, problems {Problems.Count}"
           + (Screenshot is null ? "" : $", screenshot {Screenshot}");
}
