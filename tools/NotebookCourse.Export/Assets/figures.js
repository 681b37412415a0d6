// Draws every figure of an exported page with the plotly.js the page loads: each figure is an empty
// div.nc-figure plus its plotly JSON in a script.nc-figure-json naming the div (data-figure).
// A figure that cannot be drawn says why in its place instead of leaving a blank.
// Charts take the column's width on screen (plotly's responsive mode) and the printed column's width on
// paper (see fitForPrint below).
(function () {
  'use strict';

  // plotly measures its text when it draws: a Korean axis title measured before the bundled font has
  // arrived would be laid out for the fallback glyphs. So the slices of "Noto Sans KR" holding the figure's
  // characters are loaded first (none for a figure without Korean, and none on a page that bundles no
  // Korean font).
  function loadFonts(text) {
    if (!document.fonts || typeof document.fonts.load !== 'function') return Promise.resolve();
    return document.fonts.load('16px "Noto Sans KR"', text).catch(function () { /* drawn with the fallback font */ });
  }

  function draw(json, div) {
    try {
      var figure = JSON.parse(json.textContent);
      return loadFonts(JSON.stringify(figure)).then(function () {
        return window.Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false });
      }).catch(function (error) {
        div.textContent = 'This figure could not be drawn: ' + error;
        console.error(error);
      });
    } catch (error) {
      div.textContent = 'This figure could not be drawn: ' + error;
      console.error(error);
    }
  }

  function drawAll() {
    document.querySelectorAll('script.nc-figure-json').forEach(function (json) {
      var div = document.getElementById(json.getAttribute('data-figure'));
      if (div) draw(json, div);
    });
  }

  // Every plotly chart on the page: the library's figures and other libraries' charts.
  function charts() {
    return Array.prototype.filter.call(document.querySelectorAll('.js-plotly-plot'), function (gd) { return gd._fullLayout; });
  }

  // Relayout is synchronous for these charts, so a chart resized here is printed at its new size. The
  // width it had (none for a chart that follows its container) comes back after printing.
  function resize(gd, width) {
    width = Math.floor(width);
    if (!(width > 0) || Math.abs(gd._fullLayout.width - width) < 1) return;
    if (!('ncScreenWidth' in gd)) gd.ncScreenWidth = gd.layout.width === undefined ? null : gd.layout.width;
    window.Plotly.relayout(gd, { width: width });
  }

  // 180 mm: the printed column on A4 and on Letter paper with the site's 14 mm side margins.
  var PRINT_WIDTH = 180 * 96 / 25.4;

  // Before printing. Chrome and Safari lay the page out for paper before they tell 'print' media
  // listeners, so a chart reads the printed column's width there. Browsers that only send beforeprint
  // still show the screen layout then: wide charts shrink to a width that fits the paper.
  function fitForPrint(printLayout) {
    charts().forEach(function (gd) {
      resize(gd, printLayout ? gd.clientWidth : Math.min(gd.clientWidth, PRINT_WIDTH));
    });
  }

  function fitToScreen() {
    charts().forEach(function (gd) {
      if (!('ncScreenWidth' in gd)) return;
      var width = gd.ncScreenWidth;
      delete gd.ncScreenWidth;
      window.Plotly.relayout(gd, { width: width });
    });
  }

  window.addEventListener('beforeprint', function () { fitForPrint(false); });
  window.addEventListener('afterprint', fitToScreen);
  if (window.matchMedia) {
    var print = window.matchMedia('print');
    var onChange = function (event) { if (event.matches) fitForPrint(true); else fitToScreen(); };
    if (typeof print.addEventListener === 'function') print.addEventListener('change', onChange);
    else if (typeof print.addListener === 'function') print.addListener(onChange);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
