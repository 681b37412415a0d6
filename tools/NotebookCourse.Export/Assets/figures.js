// Draws every figure of an exported page with the plotly.js the page loads: each figure is an empty
// div.nc-figure plus its plotly JSON in a script.nc-figure-json naming the div (data-figure).
// A figure that cannot be drawn says why in its place instead of leaving a blank.
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
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
