/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { MessageParams } from "../../../src/lib/i18n.ts";
import type { MetricsSnapshot } from "../../../src/monitor/hub.ts";
import type { IconName } from "../../components/icon.tsx";
import { TileCard } from "./tile-card.tsx";

/** A tile's sub-line: its catalog key, and its values once a sample exists. */
interface SubLine {
  key: string;
  /** Absent (or null) before the first sample: the line stays empty. */
  params?: MessageParams | null;
}

/**
 * One live tile (exported for the hosts' pages): its label, the value and sub-line as rendered now, and the keys the live
 * script updates. The sub-line's message template (with `{placeholders}`) goes to the page
 * too, so the live script fills in new numbers in the viewer's language.
 */
export function Tile({
  view,
  icon,
  metric,
  value,
  sub,
  usage,
}: {
  view: ViewContext;
  icon: IconName;
  /** The metric shown, labelled `dashboard.<metric>`. */
  metric: string;
  value: string;
  sub?: SubLine;
  usage?: number;
}) {
  const label = view.t(`dashboard.${metric}`);
  return (
    <TileCard view={view} icon={icon} label={label} testid={`tile-${metric}`}>
      <p class="tile-value" data-metric={metric}>
        {value}
      </p>
      {usage === undefined ? null : (
        <progress class="usage" max={100} value={usage} data-usage={metric} aria-label={label} />
      )}
      <p class="tile-sub" data-metric={`${metric}.sub`} data-template={sub ? view.t(sub.key) : undefined}>
        {sub?.params ? view.t(sub.key, sub.params) : ""}
      </p>
    </TileCard>
  );
}

/** History ranges the dashboard offers, as `?history=` values. */
export const HISTORY_RANGES = ["1h", "24h", "7d", "30d"] as const;

/** A history range. */
export type HistoryRange = (typeof HISTORY_RANGES)[number];

/** A live chart in its panel: `chart` names the series public/js draws, `labels` their legend (`data-label-<key>`). */
function ChartFigure({
  caption,
  chart,
  labels,
}: {
  caption: string;
  chart: string;
  labels: Record<string, string>;
}) {
  const legend = Object.fromEntries(
    Object.entries(labels).map(([key, label]) => [`data-label-${key}`, label]),
  );
  return (
    <figure class="chart panel">
      <figcaption>{caption}</figcaption>
      <div class="chart-canvas" data-chart={chart} {...legend} />
    </figure>
  );
}

/**
 * The live part of the dashboard: host facts, tiles for CPU, memory, swap, load,
 * network, disk I/O and processes, and filesystem usage. Rendered with the latest
 * sample; public/js/live.js then updates the `data-metric` elements from the stream.
 */
export function HostMetrics({
  view,
  snapshot,
  range,
}: {
  view: ViewContext;
  snapshot: MetricsSnapshot;
  range: HistoryRange;
}) {
  const { t, fmt } = view;
  const { host, latest: s, filesystems } = snapshot;
  const pct = (used: number, total: number) => (total > 0 ? (used / total) * 100 : 0);
  const dash = "—";
  const rate = (v: number | undefined) => (v === undefined ? dash : `${fmt.bytes(v)}/s`);
  // The sub-line and usage bar of a tile showing how much of something is in use.
  const share = (part?: { used: number; total: number }) => ({
    sub: {
      key: "dashboard.ofTotal",
      params: part && { used: fmt.bytes(part.used), total: fmt.bytes(part.total) },
    },
    usage: part ? pct(part.used, part.total) : 0,
  });
  return (
    <section class="host-metrics" data-live="metrics" aria-label={t("dashboard.host")}>
      {host ? (
        <p class="host-facts" data-testid="host-facts">
          <span class="mono">{host.hostname}</span> · {host.distribution} {host.release} ·{" "}
          {t("dashboard.kernel")} <span class="mono">{host.kernel}</span> · {host.cpuModel} × {host.cores} ·{" "}
          {fmt.bytes(host.memoryTotal)}
          {host.virtualization ? ` · ${host.virtualization}` : ""}
        </p>
      ) : (
        <p class="host-facts muted">{t("dashboard.waiting")}</p>
      )}
      <div class="tiles">
        <Tile
          view={view}
          icon="cpu"
          metric="cpu"
          value={s ? fmt.percent(s.cpu.busy) : dash}
          sub={{
            key: "dashboard.cpuSub",
            params: s && {
              user: fmt.percent(s.cpu.user),
              system: fmt.percent(s.cpu.system),
              iowait: fmt.percent(s.cpu.iowait),
            },
          }}
          usage={s?.cpu.busy ?? 0}
        />
        <Tile
          view={view}
          icon="server"
          metric="memory"
          value={s ? fmt.percent(pct(s.memory.used, s.memory.total)) : dash}
          {...share(s?.memory)}
        />
        <Tile
          view={view}
          icon="database"
          metric="swap"
          value={
            s ? (s.swap.total > 0 ? fmt.percent(pct(s.swap.used, s.swap.total)) : t("dashboard.none")) : dash
          }
          {...share(s?.swap)}
        />
        <Tile
          view={view}
          icon="gauge"
          metric="load"
          value={s ? fmt.number(s.load[0], 2) : dash}
          sub={{
            key: "dashboard.loadSub",
            params: s && { five: fmt.number(s.load[1], 2), fifteen: fmt.number(s.load[2], 2) },
          }}
        />
        <Tile
          view={view}
          icon="network"
          metric="network"
          value={rate(s?.network.rx)}
          sub={{ key: "dashboard.networkSub", params: s && { tx: rate(s.network.tx) } }}
        />
        <Tile
          view={view}
          icon="hard-drive"
          metric="disk"
          value={rate(s?.disk.read)}
          sub={{ key: "dashboard.diskSub", params: s && { write: rate(s.disk.write) } }}
        />
        <Tile view={view} icon="list" metric="processes" value={s ? fmt.number(s.processes) : dash} />
      </div>
      {s && s.cores.length > 0 ? (
        <section class="panel cores" aria-labelledby="cores-title" data-testid="cores">
          <div class="history-head">
            <h2 id="cores-title">{t("dashboard.cores")}</h2>
            <p
              class="muted num"
              data-metric="temperature"
              data-template={t("dashboard.temperature", { value: "{value}" })}
              hidden={snapshot.temperature === null}
            >
              {snapshot.temperature === null
                ? ""
                : t("dashboard.temperature", { value: fmt.number(snapshot.temperature, 1) })}
            </p>
          </div>
          <ul class="core-list">
            {s.cores.map((core, i) => (
              <li>
                <span class="mono muted">{t("dashboard.core", { n: String(i) })}</span>
                <progress
                  class="usage"
                  max={100}
                  value={core.busy}
                  data-usage={`core.${i}`}
                  aria-label={t("dashboard.core", { n: String(i) })}
                />
                <span class="num" data-metric={`core.${i}`}>
                  {fmt.percent(core.busy)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section class="charts" aria-label={t("dashboard.charts")}>
        <ChartFigure
          caption={t("dashboard.chartCpuMemory")}
          chart="cpu-memory"
          labels={{ cpu: t("dashboard.cpu"), memory: t("dashboard.memory") }}
        />
        <ChartFigure
          caption={t("dashboard.chartNetwork")}
          chart="network"
          labels={{ rx: t("dashboard.received"), tx: t("dashboard.sent") }}
        />
      </section>
      <section class="panel history" aria-labelledby="history-title">
        <div class="history-head">
          <h2 id="history-title">{t("dashboard.history")}</h2>
          <nav class="segmented" aria-label={t("dashboard.historyRange")}>
            {HISTORY_RANGES.map((r) => (
              <a href={`/?history=${r}`} aria-current={r === range ? "true" : undefined} hx-boost="false">
                {t(`dashboard.range.${r}`)}
              </a>
            ))}
          </nav>
        </div>
        <div
          class="chart-canvas"
          data-history={range}
          data-label-cpu={t("dashboard.cpu")}
          data-label-memory={t("dashboard.memory")}
          data-empty={t("dashboard.historyEmpty")}
        />
      </section>
      {filesystems.length > 0 ? (
        <section class="panel" aria-labelledby="fs-title">
          <h2 id="fs-title">{t("dashboard.filesystems")}</h2>
          <div class="table-scroll">
            <table class="fs-table">
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.mount")}</th>
                  <th scope="col">{t("dashboard.fsType")}</th>
                  <th scope="col" class="num">
                    {t("dashboard.used")}
                  </th>
                  <th scope="col" class="num">
                    {t("dashboard.size")}
                  </th>
                  <th scope="col">{t("dashboard.usage")}</th>
                </tr>
              </thead>
              <tbody>
                {filesystems.map((f) => (
                  <tr>
                    <td class="mono">{f.mount}</td>
                    <td>{f.type}</td>
                    <td class="num">{fmt.bytes(f.used)}</td>
                    <td class="num">{fmt.bytes(f.size)}</td>
                    <td class="fs-usage">
                      <progress
                        class={`usage${f.usePercent >= 90 ? " is-high" : ""}`}
                        max={100}
                        value={f.usePercent}
                        aria-label={f.mount}
                      />
                      <span class="num">{fmt.percent(f.usePercent)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  );
}
