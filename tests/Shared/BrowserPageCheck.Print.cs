using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace NotebookCourse.Testing;

// A page printed to PDF as a teacher prints a handout, and where its charts and code blocks landed on paper.
public sealed partial class BrowserPageCheck
{
    /// <summary>The paper pages are printed on.</summary>
    public const string PrintPaper = "A4";

    /// <summary>Top and bottom margin of the printed page, in millimetres (the site's own @page margins).</summary>
    public const double PrintMarginTopBottomMm = 15;

    /// <summary>Left and right margin of the printed page, in millimetres (the site's own @page margins).</summary>
    public const double PrintMarginSidesMm = 14;

    // Before printing, each chart's drawing and each code block gets two tiny white marks, "ncmark<N>a" at its
    // top-left corner and "ncmark<N>z" at its bottom-right corner. Where they land in the PDF tells whether the
    // block was cut at the paper's edge (a mark missing or outside the printable area) or split across pages
    // (its two marks on different pages). A print media listener registered after the page's own (figures.js
    // resizes the charts there) records each block's box in the print layout and the width of the paper's
    // printable area.
    private const string MarkBlocksScript = """
        () => {
          const blocks = [];
          const mark = (holder, kind, name) => {
            const n = blocks.length;
            if (getComputedStyle(holder).position === 'static') holder.style.position = 'relative';
            for (const [end, place] of [['a', 'left:0;top:0'], ['z', 'left:100%;top:100%;transform:translate(-100%,-100%)']]) {
              const m = document.createElement('span');
              m.className = 'nc-print-mark';
              m.textContent = 'ncmark' + n + end;
              m.style.cssText = 'position:absolute;' + place + ';font:4px/1 monospace;color:#fff;white-space:nowrap;pointer-events:none;z-index:2147483647';
              holder.appendChild(m);
            }
            blocks.push({ kind, name, holder });
          };
          document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
            const drawing = gd.querySelector('.svg-container');
            const title = gd._fullLayout && gd._fullLayout.title && gd._fullLayout.title.text;
            if (drawing) mark(drawing, 'chart', (i + 1) + (title ? ' "' + title + '"' : ''));
          });
          document.querySelectorAll('pre.source').forEach((pre, i) => {
            mark(pre, 'code block', (i + 1) + ' "' + pre.textContent.trim().split('\n')[0].slice(0, 40) + '"');
          });
          window.ncPrintBoxes = null;
          matchMedia('print').addEventListener('change', e => {
            if (!e.matches) return;
            const column = document.documentElement.clientWidth;
            window.ncPrintBoxes = blocks.map(b => {
              const r = b.holder.getBoundingClientRect();
              return { width: r.width, height: r.height, right: r.right, column };
            });
          });
          return blocks.map(b => ({ kind: b.kind, name: b.name }));
        }
        """;

    private const string ChartWidthsScript = "() => [...document.querySelectorAll('.js-plotly-plot')].map(g => g._fullLayout ? Math.round(g._fullLayout.width) : 0)";

    /// <summary>
    /// Prints <paramref name="htmlFile"/> (opened at 1280 px, as on a teacher's desktop) to <paramref name="pdfFile"/> on
    /// <see cref="PrintPaper"/> with the site's margins, and reports for each chart and code block the pages it landed
    /// on and whether it fits: inside the printable width, and on one page when it is shorter than a page.
    /// Also checks that the charts come back to their screen width after printing.
    /// </summary>
    public async Task<PrintCheckResult> PrintAsync(string htmlFile, string pdfFile, TimeSpan? chartTimeout = null)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        try
        {
            var page = await context.NewPageAsync();
            var errors = new List<string>();
            page.PageError += (_, error) =>
            {
                lock (errors)
                {
                    errors.Add($"script error: {error}");
                }
            };
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    lock (errors)
                    {
                        errors.Add($"console error: {message.Text}");
                    }
                }
            };
            await page.RouteAsync(url => !url.StartsWith("file:", StringComparison.OrdinalIgnoreCase), route => route.AbortAsync());
            await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            try
            {
                await page.WaitForFunctionAsync(
                    "() => [...document.querySelectorAll('.output.chart, div.nc-figure')].every(c => c.querySelector('svg.main-svg'))",
                    null, new PageWaitForFunctionOptions { Timeout = (float)(chartTimeout ?? TimeSpan.FromSeconds(15)).TotalMilliseconds });
            }
            catch (TimeoutException)
            {
                errors.Add("not every chart was drawn before printing");
            }

            await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
            var blocks = await page.EvaluateAsync<JsonElement>(MarkBlocksScript);
            var screenWidths = await page.EvaluateAsync<int[]>(ChartWidthsScript);

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pdfFile))!);
            var margins = new Margin
            {
                Top = Mm(PrintMarginTopBottomMm),
                Bottom = Mm(PrintMarginTopBottomMm),
                Left = Mm(PrintMarginSidesMm),
                Right = Mm(PrintMarginSidesMm),
            };
            await page.PdfAsync(new PagePdfOptions { Path = pdfFile, Format = PrintPaper, Margin = margins, PrintBackground = true });

            var printBoxes = await page.EvaluateAsync<JsonElement>("() => window.ncPrintBoxes");
            var widthsAfter = await page.EvaluateAsync<int[]>(ChartWidthsScript);
            var placements = Placements(pdfFile, blocks, printBoxes);
            return new PrintCheckResult(Path.GetFullPath(htmlFile), Path.GetFullPath(pdfFile), PageCount(pdfFile), placements)
            {
                PrintErrors = errors,
                ChartsNotRestored = screenWidths.Zip(widthsAfter)
                    .Select((pair, i) => (pair, i))
                    .Where(x => Math.Abs(x.pair.First - x.pair.Second) > 1)
                    .Select(x => $"chart {x.i + 1} is {x.pair.Second} px wide after printing, {x.pair.First} px before")
                    .ToList(),
            };
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private static string Mm(double mm) => mm.ToString(CultureInfo.InvariantCulture) + "mm";

    private static int PageCount(string pdfFile)
    {
        using var pdf = PdfDocument.Open(pdfFile);
        return pdf.NumberOfPages;
    }

    // Finds every block's two marks in the PDF's text.
    private static List<PrintedBlock> Placements(string pdfFile, JsonElement blocks, JsonElement printBoxes)
    {
        var marks = new Dictionary<string, (int Page, double Left, double Right, double Top, double Bottom, double PageWidth, double PageHeight)>();
        using (var pdf = PdfDocument.Open(pdfFile))
        {
            foreach (var page in pdf.GetPages())
            {
                // The page's letters in drawing order, with the text they spell, to find "ncmark<N>a" / "ncmark<N>z".
                var letters = page.Letters;
                var text = new StringBuilder();
                var owner = new List<int>();
                for (var i = 0; i < letters.Count; i++)
                {
                    text.Append(letters[i].Value);
                    owner.AddRange(Enumerable.Repeat(i, letters[i].Value.Length));
                }

                foreach (Match match in MarkText().Matches(text.ToString()))
                {
                    var glyphs = Enumerable.Range(match.Index, match.Length).Select(i => letters[owner[i]].BoundingBox).ToList();
                    marks[match.Value] = (page.Number, glyphs.Min(g => g.Left), glyphs.Max(g => g.Right),
                        page.Height - glyphs.Max(g => g.Top), page.Height - glyphs.Min(g => g.Bottom), page.Width, page.Height);
                }
            }
        }

        var placed = new List<PrintedBlock>();
        var n = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            var box = printBoxes.ValueKind == JsonValueKind.Array && n < printBoxes.GetArrayLength() ? printBoxes[n] : (JsonElement?)null;
            double Box(string name) => box?.GetProperty(name).GetDouble() ?? double.NaN;
            marks.TryGetValue($"ncmark{n}a", out var start);
            marks.TryGetValue($"ncmark{n}z", out var end);
            placed.Add(new PrintedBlock(
                Kind: block.GetProperty("kind").GetString() ?? "",
                Name: block.GetProperty("name").GetString() ?? "",
                WidthPx: Box("width"),
                HeightPx: Box("height"),
                RightPx: Box("right"),
                ColumnPx: Box("column"),
                FirstPage: start.Page == 0 ? null : start.Page,
                LastPage: end.Page == 0 ? null : end.Page,
                LeftPt: start.Page == 0 ? double.NaN : start.Left,
                RightPt: end.Page == 0 ? double.NaN : end.Right,
                PageWidthPt: Math.Max(start.PageWidth, end.PageWidth),
                PageHeightPt: Math.Max(start.PageHeight, end.PageHeight)));
            n++;
        }

        return placed;
    }

    [GeneratedRegex("ncmark[0-9]+[az]")]
    private static partial Regex MarkText();
}

/// <summary>Where one chart or code block landed in a printed page.</summary>
/// <param name="Kind">"chart" or "code block".</param>
/// <param name="Name">Which one: its number among its kind, and a chart's title or a code block's first line, e.g. <c>2 "Confusion matrix"</c>.</param>
/// <param name="WidthPx">Its width in the print layout, in CSS pixels (NaN if the page never switched to print media).</param>
/// <param name="HeightPx">Its height in the print layout, in CSS pixels.</param>
/// <param name="RightPx">Its right edge in the print layout, in CSS pixels.</param>
/// <param name="ColumnPx">The width of the paper's printable area in the print layout, in CSS pixels.</param>
/// <param name="FirstPage">The page (from 1) its top-left corner is on; null when that corner is not in the PDF.</param>
/// <param name="LastPage">The page its bottom-right corner is on; null when that corner is not in the PDF.</param>
/// <param name="LeftPt">Its left edge, in points from the paper's left edge.</param>
/// <param name="RightPt">Its right edge, in points from the paper's left edge.</param>
/// <param name="PageWidthPt">The paper's width in points.</param>
/// <param name="PageHeightPt">The paper's height in points.</param>
public sealed record PrintedBlock(string Kind, string Name, double WidthPx, double HeightPx, double RightPx, double ColumnPx, int? FirstPage, int? LastPage,
    double LeftPt, double RightPt, double PageWidthPt, double PageHeightPt)
{
    private const double PointsPerMm = 72 / 25.4;

    // Half a millimetre either way for rounding of the marks' glyph boxes.
    private const double Slack = 1.5;

    /// <summary>The height of the printable area of a page, in CSS pixels (96 per inch).</summary>
    public double PrintableHeightPx => (PageHeightPt - 2 * BrowserPageCheck.PrintMarginTopBottomMm * PointsPerMm) * 96 / 72;

    /// <summary>What is wrong with the block on paper, one line each; empty when it printed whole, at its size, on one page.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            if (FirstPage is null || LastPage is null)
            {
                return [$"{Kind} {Name}: its {(FirstPage is null ? "top-left" : "bottom-right")} corner is not in the PDF: it is cut off"];
            }

            var problems = new List<string>();
            if (RightPx > ColumnPx + 1)
            {
                problems.Add($"{Kind} {Name}: {WidthPx:F0} px wide, reaching {RightPx:F0} px on paper {ColumnPx:F0} px wide: the browser cuts it or shrinks the whole page");
            }

            // Chromium shrinks the whole page when something is wider than the paper: the block then prints smaller
            // than its size in the print layout (96 px per inch, 72 points per inch).
            var scale = (RightPt - LeftPt) / (WidthPx * 0.75);
            if (scale < 0.97)
            {
                problems.Add($"{Kind} {Name}: printed at {scale:P0} of its size: the page was shrunk to fit something wider than the paper");
            }

            var left = BrowserPageCheck.PrintMarginSidesMm * PointsPerMm;
            var right = PageWidthPt - left;
            if (LeftPt < left - Slack || RightPt > right + Slack)
            {
                problems.Add($"{Kind} {Name}: printed from {LeftPt / PointsPerMm:F0} to {RightPt / PointsPerMm:F0} mm, outside the printable width ({left / PointsPerMm:F0} to {right / PointsPerMm:F0} mm): it is cut");
            }

            if (FirstPage != LastPage && HeightPx < PrintableHeightPx)
            {
                problems.Add($"{Kind} {Name}: split across pages {FirstPage} and {LastPage} although it is {HeightPx:F0} px tall and a page holds {PrintableHeightPx:F0} px");
            }

            return problems;
        }
    }
}

/// <summary>What <see cref="BrowserPageCheck.PrintAsync"/> found in one printed page.</summary>
/// <param name="Page">The HTML file printed.</param>
/// <param name="Pdf">The PDF written.</param>
/// <param name="PageCount">Pages in the PDF.</param>
/// <param name="Blocks">Each chart and code block and where it landed.</param>
public sealed record PrintCheckResult(string Page, string Pdf, int PageCount, IReadOnlyList<PrintedBlock> Blocks)
{
    /// <summary>Script and console errors while loading and printing.</summary>
    public IReadOnlyList<string> PrintErrors { get; init; } = [];

    /// <summary>Charts whose width after printing is not what it was before.</summary>
    public IReadOnlyList<string> ChartsNotRestored { get; init; } = [];

    /// <summary>Everything wrong with the printed page, one line each; empty when it prints cleanly.</summary>
    public IReadOnlyList<string> Problems
        => [.. PrintErrors, .. Blocks.SelectMany(b => b.Problems), .. ChartsNotRestored];

    /// <summary>A one-line summary for test output.</summary>
    public override string ToString()
        => $"{System.IO.Path.GetFileName(Page)} printed: {PageCount} pages, {Blocks.Count(b => b.Kind == "chart")} charts and {Blocks.Count(b => b.Kind != "chart")} code blocks placed, problems {Problems.Count}, {Pdf}";
}
