// Draws every figure of an exported page with the plotly.js the page loads: each figure is an empty
// div.nc-figure plus its plotly JSON in a script.nc-figure-json naming the div (data-figure).
// A figure that cannot be drawn says why in its place instead of leaving a blank.
(function () {
  'use strict';
  function drawAll() {
    document.querySelectorAll('script.nc-figure-json').forEach(function (json) {
      var div = document.getElementById(json.getAttribute('data-figure'));
      if (!div) return;
      try {
        var figure = JSON.parse(json.textContent);
        window.Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false });
      } catch (error) {
        div.textContent = 'This figure could not be drawn: ' + error;
        console.error(error);
      }
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
})();
