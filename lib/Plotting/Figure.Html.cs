namespace NotebookCourse.Plotting;

public sealed partial class Figure
{
    /// <summary>
    /// The plotly.js version figures are drawn with: VS Code loads it from the npm package
    /// <c>plotly.js-dist-min</c> through a CDN, the exported site carries the same package.
    /// </summary>
    public const string PlotlyJsVersion = "4.1.2";

    /// <summary>Where a notebook loads plotly.js from (require.js wants the address without ".js").</summary>
    public const string PlotlyJsCdn = "https://cdn.jsdelivr.net/npm/plotly.js-dist-min@" + PlotlyJsVersion + "/plotly.min";

    /// <summary>Where a notebook loads require.js from when the page has none (the one Plotly.NET.Interactive uses).</summary>
    public const string RequireJsCdn = "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js";

    /// <summary>
    /// The figure as notebook HTML: an empty <c>div.nc-figure</c> the width of the notebook, the figure's JSON
    /// in a <c>script.nc-figure-json</c>, and a loader that draws it with <c>Plotly.newPlot</c> — with the page's
    /// plotly.js when there is one, else loaded once per page through require.js from the CDN, as
    /// Plotly.NET.Interactive does. Every '&lt;' in the JSON is written \u003c, so no text in a figure (a title
    /// holding "&lt;/script&gt;") can end the script early. Each call makes a new element id.
    /// </summary>
    public string ToHtml()
    {
        var id = "nc-fig-" + Guid.NewGuid().ToString("N")[..16];
        var json = ToJson().Replace("<", "\\u003c", StringComparison.Ordinal);
        return $"<div class=\"nc-figure\" id=\"{id}\" style=\"width:100%;height:{Layout.Height}px\"></div>\n"
            + $"<script type=\"application/json\" class=\"nc-figure-json\" data-figure=\"{id}\">{json}</script>\n"
            + $"<script class=\"nc-figure-loader\">{Loader(id)}</script>\n";
    }

    // Draws the figure whose JSON names `id`. window.ncPlotly is one promise of plotly.js per page, shared by
    // every figure on it; a page that cannot reach the CDN gets a message in place of the figure.
    private static string Loader(string id) => $$$"""
        (function () {
          var id = '{{{id}}}';
          function draw(Plotly) {
            var div = document.getElementById(id);
            var json = document.querySelector('script.nc-figure-json[data-figure="' + id + '"]');
            if (!div || !json) return;
            var figure = JSON.parse(json.textContent);
            Plotly.newPlot(div, figure.data, figure.layout, {responsive: true, displaylogo: false});
          }
          function fail(error) {
            var div = document.getElementById(id);
            if (div) div.textContent = 'This figure needs plotly.js, which could not be loaded (' + error + ').';
          }
          if (window.Plotly) { draw(window.Plotly); return; }
          window.ncPlotly = window.ncPlotly || new Promise(function (resolve, reject) {
            function load() {
              // plotly.js 4 defines no AMD module: it sets window.Plotly, which the shim hands over.
              var shim = {plotly: {exports: 'Plotly'}};
              var requirePlotly = window.requirejs.config({context: 'nc-plotly', paths: {plotly: '{{{PlotlyJsCdn}}}'}, shim: shim});
              requirePlotly(['plotly'], function (Plotly) { resolve(Plotly || window.Plotly); }, reject);
            }
            if (typeof window.requirejs === 'function' && typeof window.requirejs.config === 'function') { load(); return; }
            var script = document.createElement('script');
            script.src = '{{{RequireJsCdn}}}';
            script.onload = load;
            script.onerror = function () { reject('require.js did not load'); };
            document.head.appendChild(script);
          });
          window.ncPlotly.then(draw, fail);
        })();
        """;
}
