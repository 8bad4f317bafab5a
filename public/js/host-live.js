// A host's page, live: one EventSource per tab on /events?topics=hosts. Each `hosts.tick`
// carries the latest sample of every host that reported (published once for all viewers);
// the one of this page's host updates the tiles in place. Its agent connecting,
// disconnecting or being revoked fires "host-status-changed" on <body> (its facts refresh).
// The history charts are drawn once per page. Follows htmx navigation like live.js.
(() => {
  let source = null;
  let charts = [];

  function region() {
    return document.querySelector("[data-live-host]");
  }

  function render(root, f) {
    const { bytes, percent, two, int, setText, setUsage, setSub } = window.wardenLive;
    setText(root, "cpu", percent(f.cpu));
    setUsage(root, "cpu", f.cpu);
    setText(root, "memory", percent(f.memory));
    setUsage(root, "memory", f.memory);
    setText(root, "swap", percent(f.swap));
    setText(root, "load", two().format(f.load1));
    setText(root, "network", `${bytes(f.netRx)}/s`);
    setSub(root, "network", { tx: `${bytes(f.netTx)}/s` });
    setText(root, "disk", `${bytes(f.diskRead)}/s`);
    setSub(root, "disk", { write: `${bytes(f.diskWrite)}/s` });
    setText(root, "processes", int().format(f.processes));
    root.dataset.at = String(f.at);
  }

  function open(root) {
    const id = root.dataset.liveHost;
    source = new EventSource("/events?topics=hosts");
    source.addEventListener("hosts.tick", (event) => {
      const tick = JSON.parse(event.data).find((h) => h.id === id);
      const here = region();
      if (tick?.latest && here) render(here, tick.latest);
    });
    for (const name of ["host.connected", "host.disconnected", "host.revoked"])
      source.addEventListener(name, (event) => {
        if (JSON.parse(event.data).id === id)
          document.body.dispatchEvent(new CustomEvent("host-status-changed"));
      });
    for (const el of document.querySelectorAll("[data-history-url]"))
      window.wardenLive.drawHistory(el, charts).catch(() => {});
  }

  function close() {
    if (source) source.close();
    source = null;
    for (const chart of charts) chart.plot.destroy();
    charts = [];
  }

  function sync() {
    const root = region();
    if (root && source && root.dataset.liveHost === source.hostId) return;
    close();
    if (root && window.wardenLive) {
      open(root);
      source.hostId = root.dataset.liveHost;
    }
  }

  window.addEventListener("resize", () => {
    for (const chart of charts)
      chart.plot.setSize({ width: Math.max(200, chart.el.clientWidth), height: 180 });
  });
  document.addEventListener("DOMContentLoaded", sync);
  document.addEventListener("htmx:after:swap", sync);
  window.addEventListener("pagehide", close);
})();
