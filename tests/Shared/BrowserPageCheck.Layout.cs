using System.Text.Json;
using Microsoft.Playwright;

namespace NotebookCourse.Testing;

// What a page looks like at one viewport width: what reaches past the screen, whether each chart fits its
// column with every text readable, and which font drew each Hangul character.
public sealed partial class BrowserPageCheck
{
    // Runs in the page after load with the viewport's width. Describes elements as tag#id.class "text".
    private const string LayoutScript = """
        (width) => {
          const describe = e => {
            let d = e.tagName.toLowerCase();
            if (e.id) d += '#' + e.id;
            const cls = typeof e.className === 'string' ? e.className : (e.className && e.className.baseVal) || '';
            if (cls.trim()) d += '.' + cls.trim().split(/\s+/).slice(0, 3).join('.');
            const text = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
            return text ? d + ' "' + text + '"' : d;
          };
          // Inside a box that scrolls (or clips) sideways, a wide element is that box's business.
          const contained = e => {
            for (let a = e.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
              if (getComputedStyle(a).overflowX !== 'visible') return true;
            }
            return false;
          };
          // An element is too wide when its box reaches past the right edge or is cut by the left edge (the
          // outermost such element is named), or when content spills out of a block that does not scroll (a
          // long line in a <pre>, a formula in a paragraph: the innermost such block is named). Boxes wholly
          // off to the left are parked there on purpose (plotly's text-measuring svg); content that is not
          // rendered (a closed <details>) does not count.
          const wide = new Set();
          const spilling = new Set();
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if ((r.width === 0 && r.height === 0) || r.right <= 0 || !e.checkVisibility() || contained(e)) continue;
            const style = getComputedStyle(e);
            if (r.right > width + 1 || r.left < -1) wide.add(e);
            else if (!style.display.startsWith('inline') && style.overflowX === 'visible' && r.left + e.clientLeft + e.scrollWidth > width + 1) spilling.add(e);
          }
          // Boxes that scroll sideways because their content is wider (code, tables, formulas).
          const scrolling = [...document.body.querySelectorAll('*')].filter(e => {
            const o = getComputedStyle(e).overflowX;
            return (o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1;
          }).slice(0, 30).map(describe);
          const wideReport = [...wide].filter(e => !wide.has(e.parentElement)).map(e => {
            const r = e.getBoundingClientRect();
            return describe(e) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px';
          }).concat([...spilling].filter(e => ![...spilling].some(o => o !== e && e.contains(o)) && ![...wide].some(o => o.contains(e))).map(e => {
            const r = e.getBoundingClientRect();
            return describe(e) + ': its content reaches ' + Math.round(r.left + e.clientLeft + e.scrollWidth) + ' px';
          })).slice(0, 20);

          // Charts: as wide as their column at most; every text inside the drawing, no legend entry cut by the
          // legend's own box or lying over another text of the chart.
          const charts = [];
          const chartWidths = [];
          const visible = t => {
            const r = t.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && t.textContent.trim() !== '' && getComputedStyle(t).visibility === 'visible' ? r : null;
          };
          const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
          document.querySelectorAll('.js-plotly-plot').forEach((gd, i) => {
            const drawing = gd.querySelector('.svg-container');
            if (!drawing || !gd._fullLayout) return;
            const title = gd._fullLayout.title && gd._fullLayout.title.text;
            const name = 'chart ' + (i + 1) + (title ? ' "' + title + '"' : gd.id ? ' #' + gd.id : '');
            const box = drawing.getBoundingClientRect();
            chartWidths.push(Math.round(box.width));
            const column = gd.parentElement;
            const columnRight = column.getBoundingClientRect().left + column.clientLeft + column.clientWidth;
            if (box.right > columnRight + 1 || box.right > width + 1) {
              charts.push(name + ' is ' + Math.round(box.width) + ' px wide: it reaches ' + Math.round(box.right) + ' px, its column ends at ' + Math.round(columnRight) + ' px');
            }
            const texts = [...gd.querySelectorAll('svg.main-svg text')].map(t => [t, visible(t)]).filter(([, r]) => r);
            for (const [t, r] of texts) {
              if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
                charts.push(name + ': text "' + t.textContent.slice(0, 40) + '" is cut at the edge of the chart');
              }
            }
            gd.querySelectorAll('g.legend').forEach(legend => {
              const bg = legend.querySelector('rect.bg');
              const area = bg && bg.getBoundingClientRect();
              legend.querySelectorAll('text.legendtext').forEach(t => {
                const r = visible(t);
                if (!r) return;
                if (area && (r.left < area.left - 1 || r.right > area.right + 1 || r.top < area.top - 1 || r.bottom > area.bottom + 1)) {
                  charts.push(name + ': legend entry "' + t.textContent.slice(0, 40) + '" is cut by the legend box');
                }
                for (const [other, o] of texts) {
                  if (!legend.contains(other) && overlap(r, o)) {
                    charts.push(name + ': legend entry "' + t.textContent.slice(0, 40) + '" lies over "' + other.textContent.slice(0, 40) + '"');
                  }
                }
              });
            });
          });

          // Hangul: each visible element with Hangul in its own text is marked for the font query that follows,
          // with the Hangul it shows at normal and at bold weight.
          const hangul = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7FF]/g;
          const counts = new Map();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const found = n.data.match(hangul);
            const e = n.parentElement;
            if (!found || !e || e.closest('script, style, template, noscript, .katex-mathml')) continue;
            // Only what is drawn: not the inside of a closed <details>, nor hidden text.
            if (e.getClientRects().length === 0 || !e.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
            counts.set(e, (counts.get(e) || []).concat(found));
          }
          let normal = '', bold = '';
          const korean = [...counts].map(([e, found], i) => {
            e.setAttribute('data-nc-hangul', String(i));
            if (parseInt(getComputedStyle(e).fontWeight, 10) >= 600) bold += found.join(''); else normal += found.join('');
            return { element: describe(e), hangul: found.length };
          });
          const bundled = [...document.fonts].some(f => f.family.replace(/^["']|["']$/g, '') === 'Noto Sans KR');
          const fontsCheck = korean.length === 0 ? null
            : bundled && (!normal || document.fonts.check('16px "Noto Sans KR"', normal)) && (!bold || document.fonts.check('bold 16px "Noto Sans KR"', bold));
          return {
            pageWidth: document.documentElement.scrollWidth,
            wide: wideReport,
            scrolling,
            charts: [...new Set(charts)].slice(0, 30),
            chartWidths,
            korean,
            fontsCheck,
          };
        }
        """;

    // The elements the layout script marked, and for each the fonts Chromium actually drew its text with
    // (DevTools' CSS.getPlatformFontsForNode: per font, how many glyphs). Hangul belongs to the bundled font
    // when at least as many glyphs as the element has Hangul characters come from a web font called
    // "Noto Sans KR" (Chromium names each slice's family "Noto Sans KR ...").
    private static async Task<(int Elements, List<string> NotBundled, bool? FontsCheck)> KoreanFontsAsync(IBrowserContext context, IPage page, JsonElement layout)
    {
        var elements = layout.GetProperty("korean");
        var count = elements.GetArrayLength();
        bool? fontsCheck = layout.GetProperty("fontsCheck").ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        if (count == 0)
        {
            return (0, [], fontsCheck);
        }

        var session = await context.NewCDPSessionAsync(page);
        try
        {
            await session.SendAsync("DOM.enable");
            await session.SendAsync("CSS.enable");
            var document = await session.SendAsync("DOM.getDocument", new Dictionary<string, object> { ["depth"] = 0 });
            var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
            var nodes = await session.SendAsync("DOM.querySelectorAll", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = "[data-nc-hangul]" });
            var nodeIds = nodes!.Value.GetProperty("nodeIds").EnumerateArray().Select(n => n.GetInt32()).ToList();
            if (nodeIds.Count != count)
            {
                throw new InvalidOperationException($"DevTools found {nodeIds.Count} elements with Hangul where the page marked {count}");
            }

            var notBundled = new List<string>();
            var fallingShort = new List<(int Element, string Problem)>();
            for (var i = 0; i < nodeIds.Count; i++)
            {
                var expected = elements[i].GetProperty("hangul").GetInt32();
                var used = await session.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = nodeIds[i] });
                var fonts = used!.Value.GetProperty("fonts").EnumerateArray().Select(f => (
                    Family: f.GetProperty("familyName").GetString() ?? "",
                    Custom: f.GetProperty("isCustomFont").GetBoolean(),
                    Glyphs: f.GetProperty("glyphCount").GetInt32())).ToList();
                var bundledGlyphs = fonts.Where(f => f.Custom && f.Family.StartsWith("Noto Sans KR", StringComparison.Ordinal)).Sum(f => f.Glyphs);
                if (bundledGlyphs < expected)
                {
                    fallingShort.Add((i, $"{elements[i].GetProperty("element").GetString()}: {expected} Hangul, {bundledGlyphs} glyphs from Noto Sans KR; fonts used: "
                        + string.Join(", ", fonts.Select(f => $"{f.Family}{(f.Custom ? " (web font)" : "")} ×{f.Glyphs}"))));
                }
            }

            // Checked after the loop: querying the document again invalidates the node ids above.
            foreach (var (element, problem) in fallingShort)
            {
                if (!await EveryHangulCharacterBundledAsync(session, page, element))
                {
                    notBundled.Add(problem);
                }
            }

            return (count, notBundled, fontsCheck);
        }
        finally
        {
            await session.DetachAsync();
        }
    }

    // DevTools counts an element's glyphs by the text runs it was shaped in, and undercounts an element whose
    // text wraps onto another line (a bold term broken before its Korean gloss reports 3 glyphs for 4 Hangul).
    // Such an element is looked at character by character: each Hangul character of its own text goes into a
    // span of its own, and every span must be drawn with the bundled font. (After the screenshot: the spans do
    // not change what is drawn, but the page's DOM is no longer the exported one.)
    private static async Task<bool> EveryHangulCharacterBundledAsync(ICDPSession session, IPage page, int element)
    {
        var characters = await page.EvaluateAsync<int>("""
            (i) => {
              const e = document.querySelector('[data-nc-hangul="' + i + '"]');
              let n = 0;
              for (const t of [...e.childNodes].filter(c => c.nodeType === Node.TEXT_NODE)) {
                const parts = document.createDocumentFragment();
                for (const ch of t.data) {
                  if (/[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7FF]/.test(ch)) {
                    const s = document.createElement('span');
                    s.setAttribute('data-nc-hangul-char', i + '-' + n++);
                    s.textContent = ch;
                    parts.appendChild(s);
                  } else {
                    parts.appendChild(document.createTextNode(ch));
                  }
                }
                t.replaceWith(parts);
              }
              return n;
            }
            """, element);
        var document = await session.SendAsync("DOM.getDocument", new Dictionary<string, object> { ["depth"] = 0 });
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var nodes = await session.SendAsync("DOM.querySelectorAll", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = $"[data-nc-hangul-char^=\"{element}-\"]" });
        var nodeIds = nodes!.Value.GetProperty("nodeIds").EnumerateArray().Select(n => n.GetInt32()).ToList();
        if (characters == 0 || nodeIds.Count != characters)
        {
            return false;
        }

        foreach (var nodeId in nodeIds)
        {
            var used = await session.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = nodeId });
            var bundled = used!.Value.GetProperty("fonts").EnumerateArray().Any(f =>
                f.GetProperty("isCustomFont").GetBoolean() && (f.GetProperty("familyName").GetString() ?? "").StartsWith("Noto Sans KR", StringComparison.Ordinal));
            var others = used.Value.GetProperty("fonts").EnumerateArray().Any(f =>
                !(f.GetProperty("isCustomFont").GetBoolean() && (f.GetProperty("familyName").GetString() ?? "").StartsWith("Noto Sans KR", StringComparison.Ordinal)));
            if (!bundled || others)
            {
                return false;
            }
        }

        return true;
    }
}
