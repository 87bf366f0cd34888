// Draws the console's charts with ECharts (lib/echarts.min.js) from their data-chart attribute:
// {"kind": "bar" | "pie" | "line", "name": "...", "labels": [...], "values": [...]}. No inline script (CSP); the same
// numbers are in the table next to each chart. Charts swapped in by htmx are drawn too.
(function () {
  "use strict";

  function option(data) {
    var font = { fontFamily: "system-ui, 'Noto Sans CJK SC', sans-serif" };
    if (data.kind === "pie") {
      return {
        animation: false,
        textStyle: font,
        tooltip: { trigger: "item" },
        legend: { bottom: 0 },
        series: [{
          name: data.name, type: "pie", radius: ["35%", "65%"],
          data: data.labels.map(function (label, i) { return { name: label, value: data.values[i] }; })
        }]
      };
    }
    return {
      animation: false,
      textStyle: font,
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, top: 16, bottom: 72 },
      xAxis: { type: "category", data: data.labels, axisLabel: { rotate: data.labels.length > 8 ? 45 : 0, interval: 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ name: data.name, type: data.kind === "line" ? "line" : "bar", data: data.values }]
    };
  }

  function draw(root) {
    if (typeof echarts === "undefined") return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      if (echarts.getInstanceByDom(el)) return;
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option(JSON.parse(el.getAttribute("data-chart"))));
      el.setAttribute("data-drawn", "true");
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
  window.addEventListener("resize", function () {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) chart.resize();
    });
  });
})();
