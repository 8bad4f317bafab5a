// Risk trend charts: each element marked data-risk-trend holds its figures as JSON
// ({ days: ["YYYY-MM-DD"…], series: [{ label, color (a CSS token), values }] }), drawn with uPlot
// (the CSP allows no inline script). Built on load and after every htmx swap; the table below
// the charts shows the same figures without script.
(() => {
  let charts = [];

  const token = window.wardenToken;
  const int = () => new Intl.NumberFormat(document.documentElement.lang || undefined);

  /** Local midnight of a `YYYY-MM-DD` day, in seconds (uPlot's time scale). */
  function daySeconds(day) {
    const [y, m, d] = day.split("-").map(Number);
    return new Date(y, m - 1, d).getTime() / 1000;
  }

  function build(el) {
    const data = JSON.parse(el.dataset.riskTrend);
    const grid = { stroke: token("--border"), width: 1 };
    const axis = { stroke: token("--text-muted"), grid, ticks: grid };
    const format = (v) => (v == null ? "—" : int().format(v));
    const opts = {
      width: Math.max(200, el.clientWidth),
      height: 180,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.15))] } },
      axes: [
        { ...axis, incrs: [86400, 604800, 2592000] },
        {
          ...axis,
          size: 48,
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
          values: (_u, ticks) => ticks.map(format),
        },
      ],
      series: [
        {
          label: el.dataset.labelDay,
          value: (_u, v) =>
            v == null
              ? "—"
              : new Date(v * 1000).toLocaleDateString(document.documentElement.lang || undefined),
        },
        ...data.series.map((s, i) => ({
          label: s.label,
          stroke: token(s.color) || token("--accent"),
          width: 1.5,
          // Neighbouring levels (medium/high) have close hues: every other line is dashed too.
          dash: i % 2 === 1 ? [6, 4] : undefined,
          points: { show: data.days.length < 2 },
          value: (_u, v) => format(v),
        })),
      ],
    };
    const columns = [data.days.map(daySeconds), ...data.series.map((s) => s.values)];
    charts.push({ el, plot: new window.uPlot(opts, columns, el) });
  }

  /** Drops the charts whose element left the page and draws the new ones (others stay as they are). */
  function sync() {
    charts = charts.filter((chart) => {
      if (chart.el.isConnected) return true;
      chart.plot.destroy();
      return false;
    });
    if (!window.uPlot) return;
    for (const el of document.querySelectorAll("[data-risk-trend]"))
      if (!charts.some((chart) => chart.el === el)) build(el);
  }

  window.addEventListener("resize", () => {
    for (const chart of charts)
      chart.plot.setSize({ width: Math.max(200, chart.el.clientWidth), height: 180 });
  });
  document.addEventListener("DOMContentLoaded", sync);
  document.addEventListener("htmx:after:swap", sync);
})();
