// The dashboards' charts: ECharts (only the parts drawn here, bundled by
// esbuild at build time into /vendor/charts.js) draws the options the
// server built. Each chart's data table stays in the page under "Show as
// table". While the page is open, a `sales` event from the server makes it
// re-read the dashboard and redraw, without a reload.
import * as echarts from "echarts/core";
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

if (window.bazaarCharts) {
  window.bazaarCharts.start();
} else {
  setup();
}

function setup() {
  echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

  const html = document.documentElement;
  const dark = () =>
    html.classList.contains("dark") ||
    (!html.classList.contains("light") && window.matchMedia("(prefers-color-scheme: dark)").matches);

  let drawn = [];

  function draw() {
    for (const c of drawn) c.dispose();
    drawn = [];
    const theme = dark() ? "dark" : null;
    for (const el of document.querySelectorAll("[data-chart]")) {
      let option;
      try {
        option = JSON.parse(el.dataset.option);
      } catch {
        continue;
      }
      el.hidden = false;
      const chart = echarts.init(el, theme, { renderer: "canvas" });
      chart.setOption({ ...option, backgroundColor: "transparent" });
      drawn.push(chart);
      const table = el.closest("[data-chart-figure]")?.querySelector("details[data-chart-table]");
      if (table && !table.dataset.touched) table.open = false;
    }
    document.body.dataset.chartsDrawn = String(drawn.length);
  }

  // A table someone opened stays open across redraws.
  document.addEventListener("toggle", (e) => {
    if (e.target.matches?.("details[data-chart-table]") && e.isTrusted) e.target.dataset.touched = "1";
  }, true);

  let resizing = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => drawn.forEach((c) => c.resize()), 100);
  });
  new MutationObserver(draw).observe(html, { attributes: true, attributeFilter: ["class"] });
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);

  // Live: re-read this very page and swap the dashboard's figures in.
  async function refresh() {
    const res = await fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    const next = doc.querySelector("[data-dashboard]");
    const here = document.querySelector("[data-dashboard]");
    if (!next || !here) return;
    here.replaceChildren(...next.childNodes);
    draw();
    document.body.dataset.chartsRefreshed = String(Number(document.body.dataset.chartsRefreshed || 0) + 1);
  }

  let source = null;

  function listen() {
    source?.close();
    source = null;
    const here = document.querySelector("[data-dashboard][data-live]");
    if (!here || !window.EventSource) return;
    source = new EventSource(here.dataset.live);
    let pending = 0;
    source.addEventListener("sales", () => {
      clearTimeout(pending);
      pending = setTimeout(() => refresh().catch(() => {}), 300);
    });
  }

  // Each dashboard page carries this script; moving between dashboards in
  // the app runs it again, which only draws the new page and follows its stream.
  function start() {
    draw();
    listen();
  }
  window.bazaarCharts = { start };
  start();
}
