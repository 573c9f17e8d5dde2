// wirewatch: draws an actor's claimed figures with uPlot. The data comes from a
// <script type="application/json" id="timeline-data"> block, so the page needs
// no inline script and the Content-Security-Policy can forbid it.
(function () {
  "use strict";
  var palette = ["#0b4f8a", "#b3261e", "#1c7a3e", "#8a5a00", "#6a3d9a", "#00707a", "#a0306e", "#4d5661"];

  function draw() {
    var box = document.getElementById("timeline-chart");
    var src = document.getElementById("timeline-data");
    if (!box || !src || typeof uPlot === "undefined" || box.dataset.drawn) return;
    var data;
    try { data = JSON.parse(src.textContent); } catch (e) { return; }
    var series = (data && data.series) || [];
    if (!series.length) return;

    // uPlot wants one shared x array; each series has null where it has no point.
    var times = {};
    series.forEach(function (s) { s.points.forEach(function (p) { times[p.t] = true; }); });
    var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
    var index = {};
    xs.forEach(function (t, i) { index[t] = i; });
    var cols = [xs];
    series.forEach(function (s) {
      var ys = xs.map(function () { return null; });
      s.points.forEach(function (p) {
        var i = index[p.t];
        ys[i] = ys[i] === null ? p.v : Math.max(ys[i], p.v);
      });
      cols.push(ys);
    });
    // A short span (or a single instant) gets a day either side, or the axis collapses.
    var lo = xs[0], hi = xs[xs.length - 1];
    if (hi - lo < 2 * 86400) { lo -= 86400; hi += 86400; }
    var top = 0;
    cols.slice(1).forEach(function (ys) { ys.forEach(function (v) { if (v !== null && v > top) top = v; }); });
    top = top > 0 ? top * 1.15 : 1;

    var opts = {
      width: Math.max(280, box.clientWidth || 600),
      height: 300,
      scales: {
        x: { time: true, range: function () { return [lo, hi]; } },
        y: { range: function () { return [0, top]; } }
      },
      axes: [{ stroke: "#4d5661", grid: { stroke: "#e4e7eb" } }, { stroke: "#4d5661", grid: { stroke: "#e4e7eb" }, size: 60 }],
      series: [{ label: "time" }].concat(series.map(function (s, i) {
        var c = palette[i % palette.length];
        return {
          label: s.category,
          stroke: c,
          width: 2,
          spanGaps: true,
          points: { show: true, size: 9, stroke: c, fill: "#fff", width: 2 }
        };
      })),
      legend: { show: true },
      // The rest of the UI shows UTC with day-month dates; the chart follows.
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"); },
      fmtDate: function (tpl) {
        return uPlot.fmtDate(tpl
          .replace("{M}/{D}/{YY}", "{D} {MMM} {YYYY}")
          .replace("{M}/{D}", "{D} {MMM}")
          .replace("{h}:{mm}:{ss}{aa}", "{HH}:{mm}:{ss}")
          .replace("{h}:{mm}{aa}", "{HH}:{mm}")
          .replace("{h}{aa}", "{HH}:00"));
      }
    };
    box.textContent = "";
    var plot = new uPlot(opts, cols, box);
    box.dataset.drawn = "1";
    window.addEventListener("resize", function () {
      plot.setSize({ width: Math.max(280, box.clientWidth), height: 300 });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
