/* Draws every Plotly figure on the page, including ones htmx swaps in later.
 *
 * A chart is a <div data-chart="ID"> whose figure ({data, layout}) sits in the
 * <script type="application/json" id="ID"> that Django's json_script wrote.
 * Points carry the URL they open in customdata; clicking one follows it.
 */
(function () {
  "use strict";

  var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"] };

  function openClickedPoint(event) {
    var point = event.points && event.points[0];
    var url = point && point.customdata;
    if (typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/") {
      window.location.assign(url);
    }
  }

  function drawChart(element) {
    if (element.dataset.drawn) return;
    var source = document.getElementById(element.dataset.chart);
    if (!source || !window.Plotly) return;
    var figure = JSON.parse(source.textContent);
    element.dataset.drawn = "true";
    window.Plotly.newPlot(element, figure.data, figure.layout, config).then(function () {
      element.on("plotly_click", openClickedPoint);
      element.classList.add("chart-ready");
    });
  }

  function drawCharts(root) {
    var scope = root && root.querySelectorAll ? root : document;
    if (scope.matches && scope.matches("[data-chart]")) drawChart(scope);
    scope.querySelectorAll("[data-chart]").forEach(drawChart);
  }

  if (window.htmx) window.htmx.onLoad(drawCharts);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  } else {
    drawCharts(document);
  }
})();
