// Live dashboard: one EventSource per tab on /events?topics=metrics. Each tick updates the
// elements marked data-metric / data-usage in place (no re-render, no focus or scroll
// change). A stream silent for three and a half sampling intervals (at least 3.5 s) is shown
// as "reconnecting" and its numbers are dimmed, so frozen figures never pass for live ones.
// Follows htmx navigation: the stream opens when a live region is on the page and closes
// when it leaves.
(() => {
  const MIN_STALE_AFTER_MS = 3500;
  let source = null;
  let staleTimer = null;

  const lang = () => document.documentElement.lang || undefined;
  const one = () => new Intl.NumberFormat(lang(), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const int = () => new Intl.NumberFormat(lang(), { maximumFractionDigits: 0 });
  const two = () => new Intl.NumberFormat(lang(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

  function bytes(value) {
    let v = Math.abs(value);
    let unit = 0;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    return `${(unit === 0 ? int() : one()).format(v)} ${UNITS[unit]}`;
  }
  const percent = (v) => `${one().format(v)} %`;
  const pct = (used, total) => (total > 0 ? (used / total) * 100 : 0);

  // ---- Charts (uPlot): the last 15 minutes, seeded by the snapshot, extended each tick ----
  const WINDOW_S = 15 * 60;
  let charts = [];
  let columns = null;
  // The sampling interval: the snapshot's (monitor.intervalMs), then the one the ticks keep
  // (the setting can be changed while the page is open).
  let intervalMs = 1000;
  let intervalS = 1;
  let lastAt = 0;
  let lastGapMs = 0;

  function adoptInterval(ms) {
    intervalMs = ms;
    intervalS = Math.max(1, Math.round(ms / 1000));
  }

  /** Follows a changed interval: two gaps in a row that agree with each other and not with the interval. */
  function noteTick(at) {
    const gap = at - lastAt;
    if (
      lastAt > 0 &&
      gap > 0 &&
      Math.abs(gap - lastGapMs) <= gap / 4 &&
      Math.abs(gap - intervalMs) > intervalMs / 4
    )
      adoptInterval(gap);
    lastGapMs = lastAt > 0 ? gap : 0;
    lastAt = at;
  }

  const token = window.wardenToken;

  // Time-axis steps in seconds: whole seconds and up (uPlot would otherwise label a chart a few
  // seconds old in half seconds, ":19.500"), to a month for the 30-day history.
  const TIME_STEPS = [
    1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
    2592000,
  ];

  function chartOptions(el, series, format, axisSize = 64) {
    const grid = { stroke: token("--border"), width: 1 };
    const axis = { stroke: token("--text-muted"), grid, ticks: grid };
    return {
      width: Math.max(200, el.clientWidth),
      height: 180,
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { ...axis, incrs: TIME_STEPS },
        { ...axis, size: axisSize, values: (_u, ticks) => ticks.map(format) },
      ],
      series: [
        {},
        ...series.map((s) => ({
          ...s,
          width: 1.5,
          points: { show: false },
          value: (_u, v) => (v == null ? "—" : format(v)),
        })),
      ],
    };
  }

  function buildCharts(root) {
    if (!window.uPlot || !columns) return;
    destroyCharts();
    const cpuEl = root.querySelector('[data-chart="cpu-memory"]');
    const netEl = root.querySelector('[data-chart="network"]');
    if (cpuEl) {
      const opts = chartOptions(
        cpuEl,
        [
          { label: cpuEl.dataset.labelCpu, stroke: token("--accent") },
          { label: cpuEl.dataset.labelMemory, stroke: token("--sev-low") },
        ],
        (v) => `${one().format(v)} %`,
      );
      opts.scales.y = { range: [0, 100] };
      charts.push({
        el: cpuEl,
        plot: new window.uPlot(opts, [columns.t, columns.cpu, columns.memory], cpuEl),
        keys: ["cpu", "memory"],
      });
    }
    if (netEl) {
      const opts = chartOptions(
        netEl,
        [
          { label: netEl.dataset.labelRx, stroke: token("--accent") },
          { label: netEl.dataset.labelTx, stroke: token("--sev-medium") },
        ],
        (v) => `${bytes(v)}/s`,
        92,
      );
      charts.push({
        el: netEl,
        plot: new window.uPlot(opts, [columns.t, columns.rx, columns.tx], netEl),
        keys: ["rx", "tx"],
      });
    }
  }

  function destroyCharts() {
    for (const chart of charts) chart.plot.destroy();
    charts = [];
  }

  function push(t, cpu, memory, rx, tx) {
    columns.t.push(t);
    columns.cpu.push(cpu);
    columns.memory.push(memory);
    columns.rx.push(rx);
    columns.tx.push(tx);
  }

  /**
   * Where a line must break between two points `stepS` seconds apart (times in s): the time of
   * the null point to put between them, or undefined when nothing is missing. Live samples jitter,
   * so only a hole of more than 2.5 steps counts (`slack`); stored buckets break on any missing one.
   */
  function breakBetween(last, t, stepS, slack = 2.5) {
    return last !== undefined && t - last > stepS * slack ? last + stepS : undefined;
  }

  /** Adds a tick; a hole in the samples (a restarted sampler) becomes a gap in the lines. */
  function extendCharts(s) {
    if (!columns) return;
    const t = Math.round(s.at / 1000);
    const last = columns.t[columns.t.length - 1];
    if (last !== undefined && t <= last) return;
    const hole = breakBetween(last, t, intervalS);
    if (hole !== undefined) push(hole, null, null, null, null);
    push(t, s.cpu.busy, pct(s.memory.used, s.memory.total), s.network.rx, s.network.tx);
    const from = t - WINDOW_S;
    let drop = 0;
    while (drop < columns.t.length && columns.t[drop] < from) drop++;
    if (drop > 0) for (const key of Object.keys(columns)) columns[key].splice(0, drop);
    for (const chart of charts)
      if (chart.keys) chart.plot.setData([columns.t, ...chart.keys.map((k) => columns[k])]);
  }

  // ---- History chart: stored averages for the range in the URL (?history=) ----
  const RANGE_MS = { "1h": 3600e3, "24h": 86400e3, "7d": 7 * 86400e3, "30d": 30 * 86400e3 };
  /** The width in s of a history answer's points, by its resolution (raw: the sampling interval). */
  const BUCKET_S = { minute: 60, hour: 3600 };

  /**
   * A history answer as uPlot columns [times in s, ...one per series]: a null point wherever a
   * bucket is missing (the server or the agent was down), so an outage shows as a gap.
   */
  function historyColumns(body) {
    const byTime = Object.values(body.series).map((points) => new Map(points.map((p) => [p[0], p[1]])));
    const times = [...new Set(byTime.flatMap((points) => [...points.keys()]))].sort((a, b) => a - b);
    const raw = body.resolution === "raw" && !body.step;
    const stepS = body.step ? body.step / 1000 : BUCKET_S[body.resolution] || intervalS;
    const data = [[], ...byTime.map(() => [])];
    for (const ms of times) {
      const t = Math.round(ms / 1000);
      const hole = breakBetween(data[0][data[0].length - 1], t, stepS, raw ? 2.5 : 1.5);
      if (hole !== undefined) for (const [k, column] of data.entries()) column.push(k === 0 ? hole : null);
      data[0].push(t);
      for (const [k, points] of byTime.entries()) data[k + 1].push(points.get(ms) ?? null);
    }
    return data;
  }

  /**
   * Draws a stored history into `el`: the local one for the range in `data-history`, or the
   * answer of `data-history-url` (a host's history) with its series' legends in
   * `data-labels` ("a|b") and `data-unit` ("percent" or "rate"). The chart joins `list`.
   */
  async function drawHistory(el, list) {
    const url =
      el.dataset.historyUrl ||
      `/api/v1/metrics/history?series=cpu,memory&from=${Math.floor(Date.now() - (RANGE_MS[el.dataset.history] || RANGE_MS["24h"]))}`;
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) return;
    const body = await res.json();
    const columnsOf = Object.values(body.series);
    const first = columnsOf[0] || [];
    if (first.length === 0) {
      el.textContent = el.dataset.empty;
      el.classList.add("is-empty");
      return;
    }
    const rate = el.dataset.unit === "rate";
    const labels = el.dataset.labels
      ? el.dataset.labels.split("|")
      : [el.dataset.labelCpu, el.dataset.labelMemory];
    const strokes = [token("--accent"), token(rate ? "--sev-medium" : "--sev-low")];
    const data = historyColumns(body);
    const opts = chartOptions(
      el,
      labels.map((label, i) => ({ label, stroke: strokes[i % strokes.length] })),
      rate ? (v) => `${bytes(v)}/s` : (v) => `${one().format(v)} %`,
      rate ? 92 : 64,
    );
    if (!rate) opts.scales.y = { range: [0, 100] };
    // The axis spans the range asked for, not only the stored points: a young or interrupted history shows as such.
    const span = [Math.floor(body.from / 1000), Math.ceil(body.to / 1000)];
    opts.scales.x.range = () => span;
    // A line needs two points: a history of one or two shows them as dots.
    if (first.length < 3) for (const s of opts.series.slice(1)) s.points = { show: true, size: 6 };
    list.push({ el, plot: new window.uPlot(opts, data, el), keys: null });
  }

  async function buildHistory(root) {
    const el = root.querySelector("[data-history]");
    if (el && window.uPlot) await drawHistory(el, charts);
  }

  window.addEventListener("resize", () => {
    for (const chart of charts)
      chart.plot.setSize({ width: Math.max(200, chart.el.clientWidth), height: 180 });
  });

  function region() {
    return document.querySelector('[data-live="metrics"]');
  }

  function setText(root, key, text) {
    for (const el of root.querySelectorAll(`[data-metric="${key}"]`))
      if (el.textContent !== text) el.textContent = text;
  }

  function setUsage(root, key, value) {
    for (const el of root.querySelectorAll(`[data-usage="${key}"]`))
      el.value = Math.max(0, Math.min(100, value));
  }

  /** Sub-lines keep their translated wording: only the numbers inside them are replaced. */
  function setSub(root, key, values) {
    for (const el of root.querySelectorAll(`[data-metric="${key}.sub"]`)) {
      const template = el.dataset.template;
      if (!template) continue;
      el.textContent = template.replace(/\{(\w+)\}/g, (m, name) => values[name] ?? m);
    }
  }

  function render(s) {
    const root = region();
    if (!root) return;
    setText(root, "cpu", percent(s.cpu.busy));
    setUsage(root, "cpu", s.cpu.busy);
    setSub(root, "cpu", {
      user: percent(s.cpu.user),
      system: percent(s.cpu.system),
      iowait: percent(s.cpu.iowait),
    });
    setText(root, "memory", percent(pct(s.memory.used, s.memory.total)));
    setUsage(root, "memory", pct(s.memory.used, s.memory.total));
    setSub(root, "memory", { used: bytes(s.memory.used), total: bytes(s.memory.total) });
    if (s.swap.total > 0) setText(root, "swap", percent(pct(s.swap.used, s.swap.total)));
    setUsage(root, "swap", pct(s.swap.used, s.swap.total));
    setSub(root, "swap", { used: bytes(s.swap.used), total: bytes(s.swap.total) });
    setText(root, "load", two().format(s.load[0]));
    setSub(root, "load", { five: two().format(s.load[1]), fifteen: two().format(s.load[2]) });
    setText(root, "network", `${bytes(s.network.rx)}/s`);
    setSub(root, "network", { tx: `${bytes(s.network.tx)}/s` });
    setText(root, "disk", `${bytes(s.disk.read)}/s`);
    setSub(root, "disk", { write: `${bytes(s.disk.write)}/s` });
    setText(root, "processes", int().format(s.processes));
    s.cores.forEach((core, i) => {
      setText(root, `core.${i}`, percent(core.busy));
      setUsage(root, `core.${i}`, core.busy);
    });
    root.dataset.at = String(s.at);
  }

  function setConnection(state) {
    const indicator = document.querySelector(".conn");
    if (indicator) {
      indicator.hidden = state === "idle";
      indicator.dataset.conn = state;
      const label = indicator.querySelector(".conn-label");
      if (label) label.textContent = label.dataset[`conn${state[0].toUpperCase()}${state.slice(1)}`] || "";
    }
    const root = region();
    if (root) root.classList.toggle("is-stale", state !== "live");
  }

  function fresh() {
    setConnection("live");
    clearTimeout(staleTimer);
    staleTimer = setTimeout(
      () => setConnection("reconnecting"),
      Math.max(MIN_STALE_AFTER_MS, 3.5 * intervalMs),
    );
  }

  function open() {
    if (source || !region()) return;
    source = new EventSource("/events?topics=metrics");
    source.addEventListener("metrics.snapshot", (event) => {
      const snapshot = JSON.parse(event.data);
      adoptInterval(snapshot.intervalMs || 1000);
      lastAt = snapshot.latest ? snapshot.latest.at : 0;
      lastGapMs = 0;
      columns = snapshot.series;
      if (snapshot.latest) render(snapshot.latest);
      const root = region();
      if (root) {
        buildCharts(root);
        buildHistory(root).catch(() => {});
      }
      fresh();
    });
    source.addEventListener("metrics.filesystems", (event) => {
      const { temperature } = JSON.parse(event.data);
      const el = region()?.querySelector('[data-metric="temperature"]');
      if (el && typeof temperature === "number") {
        el.textContent = (el.dataset.template || "{value} °C").replace("{value}", one().format(temperature));
        el.hidden = false;
      }
    });
    source.addEventListener("metrics.tick", (event) => {
      const sample = JSON.parse(event.data);
      noteTick(sample.at);
      render(sample);
      extendCharts(sample);
      fresh();
    });
    source.onerror = () => {
      setConnection(source && source.readyState === EventSource.CLOSED ? "offline" : "reconnecting");
    };
  }

  function close() {
    if (source) source.close();
    source = null;
    destroyCharts();
    columns = null;
    clearTimeout(staleTimer);
    setConnection("idle");
  }

  function sync() {
    if (region()) open();
    else close();
  }

  // What public/js/host-live.js shares: the formats, the in-place updates and history charts.
  window.wardenLive = { bytes, percent, two, int, setText, setUsage, setSub, drawHistory };

  document.addEventListener("DOMContentLoaded", sync);
  document.addEventListener("htmx:after:swap", sync);
  window.addEventListener("pagehide", close);
})();
