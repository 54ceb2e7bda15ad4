/**
 * The script of the report page. It builds every chart from the JSON specs embedded in the page
 * (reports/charts/*.ts made them) and adds what JSON cannot hold: tick and tooltip formatters and
 * the log/linear switch. Kept as a string of plain ES2017 because it runs in the reader's browser,
 * not in Node; it formats numbers exactly as reports/format-numbers.ts does (3 significant digits
 * on axes, µs-exact times and byte-exact memory in tooltips).
 *
 * It exposes `window.vmbenchReport` ({ charts, drawnAt, errors }) so tests and the 100k benchmark
 * can tell when every chart has been drawn.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var report = { charts: {}, drawnAt: null, errors: [] };
  window.vmbenchReport = report;

  function threeSignificant(v) {
    if (v === 0) return '0';
    var r = Number(v.toPrecision(3));
    if (Math.abs(r) >= 1000) return String(Math.round(r));
    var digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(r))));
    return r.toFixed(Math.min(digits, 20));
  }
  function ms(v) { return threeSignificant(v) + ' ms'; }
  function mib(v) { return threeSignificant(v) + ' MiB'; }
  /** Memory ticks sit on round values (1-2-5, or the linear step): no padding zeros ("0.5 MiB", not "0.500 MiB"). */
  function mibTick(v) { return String(Number(v.toPrecision(3))) + ' MiB'; }
  /** Tooltips give the recorded value to the microsecond: the reader asked for this exact point. */
  function exactMs(v) { return v == null ? '—' : (Math.round(v * 1000) / 1000) + ' ms'; }
  /** Memory: MiB to two decimals, and the exact bytes when the data carries them. */
  function exactMiB(v, bytes) {
    if (v == null) return '—';
    var text = (Math.round(v * 100) / 100) + ' MiB';
    return bytes == null ? text : text + ' (' + count(bytes) + ' bytes)';
  }
  function count(n) { return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f'); }
  function percent(v) { return (Math.round(v * 1000) / 10) + '%'; }
  function times(v) { return String(Number(v.toPrecision(3))) + '\u00d7'; }
  function exactTimes(v) { return v == null ? '—' : (Math.round(v * 1000) / 1000) + '\u00d7'; }
  function cores(v) { return String(Number(v.toPrecision(3))) + ' cores'; }
  function exactCores(v) { return v == null ? '—' : (Math.round(v * 1000) / 1000) + ' cores'; }
  function tickFormat(spec) { return spec.valueUnit === 'MiB' ? mibTick : spec.valueUnit === 'relative' ? times : spec.valueUnit === 'cores' ? cores : ms; }
  function exactValue(spec, v, bytes) { return spec.valueUnit === 'MiB' ? exactMiB(v, bytes) : spec.valueUnit === 'relative' ? exactTimes(v) : spec.valueUnit === 'cores' ? exactCores(v) : exactMs(v); }

  /**
   * Log axes get labels at 1, 2 and 5 × 10^k only; the other grid lines stay unlabelled. A
   * horizontal axis with little room per decade labels 10^k alone, or the labels would collide.
   */
  function logTick(value, format, decadesOnly) {
    if (!(value > 0)) return '';
    var mantissa = Math.round((value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9))) * 1000) / 1000;
    if (decadesOnly) return mantissa === 1 ? format(value) : '';
    return mantissa === 1 || mantissa === 2 || mantissa === 5 ? format(value) : '';
  }
  /** Pixels per decade below which a horizontal log axis labels only powers of ten. */
  var MIN_PX_PER_DECADE = 240;
  function crowdedLogAxis(scale) {
    if (!scale.isHorizontal() || !(scale.min > 0) || !(scale.max > scale.min)) return false;
    return scale.width / Math.log10(scale.max / scale.min) < MIN_PX_PER_DECADE;
  }

  function setTickFormat(chartConfig, spec) {
    var scales = chartConfig.options.scales;
    var valueScale = scales[spec.valueAxis];
    var format = tickFormat(spec);
    valueScale.ticks = valueScale.ticks || {};
    // Log axes label only 1-2-5 ticks themselves; Chart.js's auto-skip would drop some of those.
    valueScale.ticks.autoSkip = valueScale.type !== 'logarithmic';
    valueScale.ticks.maxRotation = 0;
    valueScale.ticks.callback = function (value) {
      var n = Number(value);
      return this.type === 'logarithmic' ? logTick(n, format, crowdedLogAxis(this)) : format(n);
    };
    if (spec.tooltip === 'cdf') {
      scales.y.ticks = { callback: function (value) { return percent(Number(value)); } };
    }
  }

  /** Per tooltip style, a function of the spec that returns Chart.js's label callback. */
  var tooltipLabels = {
    box: function () {
      return function (ctx) {
        var box = ctx.raw;
        if (!box) return '';
        var hovered = ctx.formattedValue && ctx.formattedValue.hoveredItemIndex;
        if (hovered != null && hovered >= 0) return ctx.dataset.label + ': one launch, ' + exactMs(box.items[hovered]);
        return [
          ctx.dataset.label,
          'median ' + exactMs(box.median) + '  (n = ' + box.n + ')',
          'quartiles ' + exactMs(box.q1) + ' – ' + exactMs(box.q3),
          'p95 ' + exactMs(box.p95),
          'min ' + exactMs(box.min) + ', max ' + exactMs(box.max),
        ];
      };
    },
    cdf: function () {
      return function (ctx) {
        return ctx.dataset.label + ': ' + percent(ctx.parsed.y) + ' ready within ' + exactMs(ctx.parsed.x);
      };
    },
    bar: function (spec) {
      return function (ctx) {
        var value = ctx.parsed[ctx.chart.options.indexAxis === 'y' ? 'x' : 'y'];
        var bytes = ctx.dataset.bytes ? ctx.dataset.bytes[ctx.dataIndex] : null;
        return ctx.dataset.label + ': ' + exactValue(spec, value, bytes);
      };
    },
    // A comparison's ratio (a point) and its 95% interval (a floating bar), with the verdict.
    forest: function () {
      return function (ctx) {
        if (Array.isArray(ctx.raw)) return '95% interval ' + exactTimes(ctx.raw[0]) + ' … ' + exactTimes(ctx.raw[1]);
        var verdict = ctx.dataset.verdicts ? ctx.dataset.verdicts[ctx.dataIndex] : '';
        return 'ratio ' + exactTimes(ctx.parsed.x) + (verdict ? ': ' + verdict : '');
      };
    },
    // A point over "instances running"; a fit line says what it is instead.
    xy: function (spec) {
      return function (ctx) {
        if (ctx.dataset.note) return ctx.dataset.note;
        var raw = ctx.raw || {};
        return ctx.dataset.label + ': ' + exactValue(spec, ctx.parsed.y, raw.b);
      };
    },
  };

  function setTooltips(chartConfig, spec) {
    var tooltip = chartConfig.options.plugins.tooltip;
    tooltip.callbacks = { label: tooltipLabels[spec.tooltip](spec) };
    if (spec.tooltip === 'xy') {
      tooltip.callbacks.title = function (items) {
        if (!items.length || items[0].dataset.note) return '';
        var n = items[0].parsed.x;
        return count(n) + (n === 1 ? ' instance running' : ' instances running');
      };
    }
    if (spec.tooltip === 'bar' && chartConfig.options.startupMedians) {
      var medians = chartConfig.options.startupMedians;
      tooltip.callbacks.footer = function (items) {
        if (!items.length) return '';
        var sum = 0;
        items.forEach(function (item) { sum += item.parsed.x || 0; });
        return ['sum of phase medians ' + exactMs(sum), 'median startup ' + exactMs(medians[items[0].dataIndex])];
      };
    }
  }

  function fail(spec, error) {
    report.errors.push(spec.id + ': ' + (error && error.message ? error.message : String(error)));
    console.error('vmbench report: chart "' + spec.id + '" could not be drawn', error);
    var box = document.getElementById(spec.id + '-box');
    if (box) box.textContent = 'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
  }

  function draw(spec) {
    var canvas = document.getElementById(spec.id + '-canvas');
    if (!canvas || !spec.config) return;
    try {
      setTickFormat(spec.config, spec);
      setTooltips(spec.config, spec);
      report.charts[spec.id] = new Chart(canvas, spec.config);
    } catch (error) {
      fail(spec, error);
    }
  }

  function toggleScale(spec, button) {
    var chart = report.charts[spec.id];
    if (!chart) return;
    var scale = chart.options.scales[spec.scaleToggle.axis];
    var next = scale.type === 'logarithmic' ? 'linear' : 'logarithmic';
    scale.type = next;
    scale.beginAtZero = next === 'linear';
    scale.ticks.autoSkip = next !== 'logarithmic';
    scale.title.text = spec.scaleToggle.titles[next];
    chart.update();
    labelToggle(button, next);
  }
  function labelToggle(button, current) {
    button.textContent = current === 'logarithmic' ? 'Show linear scale' : 'Show log scale';
    button.setAttribute('aria-pressed', current === 'logarithmic' ? 'true' : 'false');
  }

  /**
   * The distribution charts give each runtime its own category by leaving the other categories of
   * its dataset empty (null). The boxplot plugin would still draw an empty box as a line at the axis
   * base and let it catch the mouse: skip elements whose data point is null.
   */
  function skipEmptyBoxes() {
    var Box = Chart.registry.getElement('boxandwhiskers');
    // An empty entry parses to no statistics, so the element never gets a (finite) median.
    function isEmpty(element) { return typeof element.median !== 'number' || !isFinite(element.median); }
    ['draw', 'inRange', 'inXRange', 'inYRange'].forEach(function (method) {
      var original = Box.prototype[method];
      Box.prototype[method] = function () {
        if (isEmpty(this)) return method === 'draw' ? undefined : false;
        return original.apply(this, arguments);
      };
    });
  }

  var specsElement = document.getElementById('vmbench-chart-specs');
  var specs = specsElement ? JSON.parse(specsElement.textContent) : [];
  if (typeof Chart === 'undefined') {
    specs.forEach(function (spec) { fail(spec, new Error('Chart.js did not load')); });
    return;
  }
  skipEmptyBoxes();
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#343a40';
  specs.forEach(draw);
  specs.forEach(function (spec) {
    if (!spec.scaleToggle) return;
    var button = document.querySelector('button[data-scale-toggle="' + spec.id + '"]');
    var chart = report.charts[spec.id];
    if (!button || !chart) return;
    labelToggle(button, chart.options.scales[spec.scaleToggle.axis].type);
    button.hidden = false;
    button.addEventListener('click', function () { toggleScale(spec, button); });
  });
  // Canvases keep their screen size when printed unless told to resize to the print layout.
  window.addEventListener('beforeprint', function () {
    Object.keys(report.charts).forEach(function (id) { report.charts[id].resize(); });
  });
  // Chart.js draws synchronously when animation is off; the next frame is when it is on screen.
  requestAnimationFrame(function () {
    report.drawnAt = performance.now();
    document.documentElement.setAttribute('data-charts-drawn', String(Object.keys(report.charts).length));
  });
})();
`;
