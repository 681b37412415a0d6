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
      if (!text || /<(?!br\s*\/?>)/i.test(text) || room < 24) return;
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

    // Text notes placed on the figure (a grid's subplot titles): each gets the room between it and its
    // neighbours on the same row, or the plot's width when it is alone there.
    (layout.annotations || []).forEach(function (note, i) {
      if (!note || note.showarrow !== false || note.xref !== 'paper' || typeof note.x !== 'number') return;
      var room = plotWidth;
      (layout.annotations || []).forEach(function (other, j) {
        if (j === i || !other || other.showarrow !== false || other.xref !== 'paper' || other.y !== note.y || typeof other.x !== 'number') return;
        room = Math.min(room, Math.abs(other.x - note.x) * plotWidth - 6);
      });
      // A note centred on the plot's edge may only use twice its distance to that edge.
      if (note.xanchor === 'center' || note.xanchor === undefined) room = Math.min(room, 2 * Math.min(note.x * plotWidth + left, (1 - note.x) * plotWidth + right) - 4);
      fitNote('annotations[' + i + ']', note, room);
    });
    // A note too long for its room first gets a smaller font (down to 8 px: a grid's cells are small on a
    // phone), then is broken at spaces; it gets its size and its line back when the chart grows again.
    function fitNote(path, note, room) {
      if (!(path in original)) original[path] = { text: titleText(note), size: note.font && note.font.size };
      var text = original[path].text;
      var written = original[path].size || base;
      if (!text || /<(?!br\s*\/?>)/i.test(text) || room < 24) return;
      var widest = Math.max.apply(null, text.split(/<br\s*\/?>/i).map(function (line) { return textWidth(line, written, family); }));
      var size = widest <= room ? written : Math.max(8, Math.floor(written * room / widest));
      var fitted = wrap(text, room, size, family);
      if (fitted !== titleText(note)) updates[path + '.text'] = fitted;
      if (size !== ((note.font && note.font.size) || base)) updates[path + '.font.size'] = size === written && !original[path].size ? null : size;
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

  // Labels drawn beside points (mode "markers+text": the computation graph's nodes) cannot shrink with the
  // chart. When neighbouring columns of points are so close that their labels would need a font under 6 px
  // not to run into each other (a phone), the labels are left to hover and touch, and come back when the
  // chart is wide enough again. Returns the restyle update, or null when nothing changes.
  function fitLabels(data, layout, width, original) {
    var font = layout.font || {};
    var family = font.family || 'sans-serif';
    var margin = layout.margin || {};
    var plotWidth = width - (margin.l === undefined ? 80 : margin.l) - (margin.r === undefined ? 80 : margin.r);
    var range = (layout.xaxis || {}).range;
    if (!range || !(plotWidth > 0)) return null;
    var labelled = [];
    var xs = [];
    var widest = 0;
    data.forEach(function (trace, i) {
      if (!trace || !Array.isArray(trace.text) || !Array.isArray(trace.x)) return;
      if (!(i in original)) original[i] = trace.mode;
      if (typeof original[i] !== 'string' || original[i].indexOf('text') < 0) return;
      labelled.push(i);
      var size = (trace.textfont && trace.textfont.size) || font.size || 12;
      trace.x.forEach(function (x) { if (xs.indexOf(x) < 0) xs.push(x); });
      trace.text.forEach(function (label) {
        String(label).split(/<br\s*\/?>/i).forEach(function (line) { widest = Math.max(widest, textWidth(line, size, family) / size); });
      });
    });
    if (labelled.length === 0 || xs.length < 2 || widest === 0) return null;
    xs.sort(function (a, b) { return a - b; });
    var gap = Infinity;
    for (var k = 1; k < xs.length; k++) gap = Math.min(gap, xs[k] - xs[k - 1]);
    // The font size (px) at which the widest label fills the gap between two columns.
    var fits = gap * plotWidth / Math.abs(range[1] - range[0]) / widest;
    var modes = labelled.map(function (i) { return fits < 6 ? original[i].replace(/\+?text\+?/, '') || 'markers' : original[i]; });
    if (labelled.every(function (i, k) { return data[i].mode === modes[k]; })) return null;
    return { indices: labelled, update: { mode: modes } };
  }

  function setPath(layout, path, value) {
    // "annotations[2].text" is the path annotations / 2 / text.
    var parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
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
        div.ncLabels = {};
        var labels = fitLabels(figure.data || [], figure.layout, figure.layout.width || div.clientWidth, div.ncLabels);
        if (labels) labels.indices.forEach(function (i, k) { figure.data[i].mode = labels.update.mode[k]; });
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
    var labels = gd.ncLabels ? fitLabels(gd.data, gd.layout, width || gd.clientWidth, gd.ncLabels) : null;
    if (labels) window.Plotly.restyle(gd, labels.update, labels.indices);
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
