// Draws every figure of an exported page with the plotly.js the page loads: each figure is an empty
// div.nc-figure plus its plotly JSON in a script.nc-figure-json naming the div (data-figure).
// A figure that cannot be drawn says why in its place instead of leaving a blank.
// Charts take the column's width on screen (plotly's responsive mode) and the printed column's width on
// paper (see fitForPrint below); titles too long for that width are broken into lines (see fitTitles).
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

  // --- Titles that fit -------------------------------------------------------------------------------
  // plotly draws the figure's title and each axis title on one line, cut at the chart's edge when the
  // line is longer than the chart is wide (a phone, a narrow window). Each such title is broken at spaces
  // into lines (<br>) that fit the plot's width (an x axis: its share of it; a y axis: the plot's height).
  // The titles as written are kept, so a chart that grows again gets its titles back on fewer lines.

  var measure = document.createElement('canvas').getContext('2d');

  function textWidth(text, size, family) {
    measure.font = size + 'px ' + family;
    return measure.measureText(text).width;
  }

  // Lines of at most `room` pixels, broken at spaces (a single word longer than that stays whole).
  function wrap(text, room, size, family) {
    return text.split(/<br\s*\/?>/i).map(function (line) {
      var lines = [];
      var current = '';
      line.split(' ').forEach(function (word) {
        var longer = current ? current + ' ' + word : word;
        if (current && textWidth(longer, size, family) > room) {
          lines.push(current);
          current = word;
        } else {
          current = longer;
        }
      });
      lines.push(current);
      return lines.join('<br>');
    }).join('<br>');
  }

  function titleText(title) {
    return typeof title === 'string' ? title : title && typeof title.text === 'string' ? title.text : null;
  }

  // The title updates (plotly relayout paths) that make `layout`'s titles fit a chart `width` pixels wide.
  // `original` maps each path to the title as written (filled in on the first call).
  function fitTitles(layout, width, original) {
    var font = layout.font || {};
    var family = font.family || 'sans-serif';
    var base = font.size || 12;
    var margin = layout.margin || {};
    var left = margin.l === undefined ? 80 : margin.l;
    var right = margin.r === undefined ? 80 : margin.r;
    // The top margin as written: a title of several lines grows it (below).
    if (!('marginTop' in original)) original.marginTop = margin.t === undefined ? null : margin.t;
    var top = original.marginTop === null ? 100 : original.marginTop;
    var bottom = margin.b === undefined ? 80 : margin.b;
    // Axes may widen the margins for their labels: leave some room for that.
    var plotWidth = width - left - right - 24;
    var plotHeight = (layout.height || 450) - top - bottom - 24;
    var updates = {};

    function fit(path, title, room, size) {
      if (!(path in original)) original[path] = titleText(title);
      var text = original[path];
      // Titles with markup other than line breaks are left as written.
      if (!text || /<(?!br\s*\/?>)/i.test(text) || room < 40) return;
      var fitted = wrap(text, room, size, family);
      if (fitted === titleText(title)) return;
      updates[path + '.text'] = fitted;
      if (path !== 'title') return; // an axis widens its margin for a title of several lines itself
      // plotly centres the figure's title in the top margin, so extra lines would rise out of the chart:
      // a title of several lines hangs from the top of the figure instead, with the margin grown to hold it.
      var lines = fitted.split('<br>').length;
      var wrapped = lines > 1;
      if (wrapped) {
        // plotly puts the first line's baseline (not its top) at the anchor: the padding holds its ascent.
        var pad = 8 + Math.ceil(size);
        updates['title.yref'] = 'container';
        updates['title.y'] = 1;
        updates['title.yanchor'] = 'top';
        updates['title.pad.t'] = pad;
        updates['margin.t'] = Math.max(top, pad + Math.ceil((lines - 1) * size * 1.3) + 24);
      } else if (original.titleWrapped) {
        ['title.yref', 'title.y', 'title.yanchor', 'title.pad.t'].forEach(function (p) { updates[p] = null; });
        updates['margin.t'] = original.marginTop;
      }
      original.titleWrapped = wrapped;
    }

    if (layout.title) fit('title', layout.title, plotWidth, (layout.title.font && layout.title.font.size) || Math.round(base * 1.4));
    Object.keys(layout).forEach(function (key) {
      var axis = layout[key];
      if (!/^[xy]axis[0-9]*$/.test(key) || !axis || !axis.title) return;
      var domain = axis.domain || [0, 1];
      var room = (key[0] === 'x' ? plotWidth : plotHeight) * (domain[1] - domain[0]);
      fit(key + '.title', axis.title, room, (axis.title.font && axis.title.font.size) || Math.round(base * 1.2));
    });
    return updates;
  }

  function setPath(layout, path, value) {
    var parts = path.split('.');
    var owner = layout;
    for (var i = 0; i < parts.length - 1; i++) {
      if (typeof owner[parts[i]] !== 'object' || owner[parts[i]] === null) owner[parts[i]] = {};
      owner = owner[parts[i]];
    }
    owner[parts[parts.length - 1]] = value;
  }

  // --- Drawing ---------------------------------------------------------------------------------------

  function draw(json, div) {
    try {
      var figure = JSON.parse(json.textContent);
      figure.layout = figure.layout || {};
      return loadFonts(JSON.stringify(figure)).then(function () {
        // Measured once the font is there.
        div.ncTitles = {};
        var updates = fitTitles(figure.layout, figure.layout.width || div.clientWidth, div.ncTitles);
        Object.keys(updates).forEach(function (path) { setPath(figure.layout, path, updates[path]); });
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

  // Gives a chart `width` pixels (null: its container's width) with its titles refitted, in one relayout.
  // Relayout is synchronous for these charts, so a chart resized while printing is printed at its new size.
  function relayout(gd, width) {
    var update = gd.ncTitles ? fitTitles(gd.layout, width || gd.clientWidth, gd.ncTitles) : {};
    if (width !== undefined) update.width = width;
    if (Object.keys(update).length > 0) window.Plotly.relayout(gd, update);
  }

  // On screen: plotly follows the container's width itself; the titles are refitted once it has.
  var resizing = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      if (window.matchMedia && window.matchMedia('print').matches) return;
      charts().forEach(function (gd) { if (!('ncScreenWidth' in gd)) relayout(gd); });
    }, 200);
  });

  // 180 mm: the printed column on A4 and on Letter paper with the site's 14 mm side margins.
  var PRINT_WIDTH = 180 * 96 / 25.4;

  // Before printing. Chrome and Safari lay the page out for paper before they tell 'print' media
  // listeners, so a chart reads the printed column's width there. Browsers that only send beforeprint
  // still show the screen layout then: wide charts shrink to a width that fits the paper. The width a
  // chart had (none for one that follows its container) comes back after printing.
  function fitForPrint(printLayout) {
    charts().forEach(function (gd) {
      var width = Math.floor(printLayout ? gd.clientWidth : Math.min(gd.clientWidth, PRINT_WIDTH));
      if (!(width > 0) || Math.abs(gd._fullLayout.width - width) < 1) return;
      if (!('ncScreenWidth' in gd)) gd.ncScreenWidth = gd.layout.width === undefined ? null : gd.layout.width;
      relayout(gd, width);
    });
  }

  function fitToScreen() {
    charts().forEach(function (gd) {
      if (!('ncScreenWidth' in gd)) return;
      var width = gd.ncScreenWidth;
      delete gd.ncScreenWidth;
      relayout(gd, width);
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
