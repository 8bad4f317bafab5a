/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { SystemStatus } from "../../../src/modules/system/status.ts";
import type { MetricsSnapshot } from "../../../src/monitor/hub.ts";
import { TableHead } from "../../components/data-table.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { HistoryPanel, type HistoryRange } from "./history-panel.tsx";
import { IoTiles, Tile, TileCard } from "./tiles.tsx";

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
        <IoTiles
          view={view}
          io={
            s && {
              netRx: s.network.rx,
              netTx: s.network.tx,
              diskRead: s.disk.read,
              diskWrite: s.disk.write,
              processes: s.processes,
            }
          }
        />
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
      <HistoryPanel view={view} title={t("dashboard.history")} range={range} href={(r) => `/?history=${r}`}>
        <div
          class="chart-canvas"
          data-history={range}
          data-label-cpu={t("dashboard.cpu")}
          data-label-memory={t("dashboard.memory")}
          data-empty={t("dashboard.historyEmpty")}
        />
      </HistoryPanel>
      {filesystems.length > 0 ? (
        <section class="panel" aria-labelledby="fs-title">
          <h2 id="fs-title">{t("dashboard.filesystems")}</h2>
          <div class="table-scroll">
            <table class="fs-table">
              <TableHead
                columns={[
                  { label: t("dashboard.mount") },
                  { label: t("dashboard.fsType") },
                  { label: t("dashboard.used"), className: "num" },
                  { label: t("dashboard.size"), className: "num" },
                  { label: t("dashboard.usage") },
                ]}
              />
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

/** The dashboard: the host, live; then Warden itself and its database. */
export function DashboardPage({
  view,
  status,
  snapshot,
  range,
}: {
  view: ViewContext;
  status: SystemStatus;
  snapshot: MetricsSnapshot;
  range: HistoryRange;
}) {
  const { t, fmt } = view;
  const db = status.database;
  const migrated = db.migrationsApplied === db.migrationsKnown;
  const started = new Date(status.startedAt).toISOString();
  return (
    <>
      <PageHead title={t("dashboard.title")} sub={t("dashboard.subtitle", { host: status.hostName })} />
      <HostMetrics view={view} snapshot={snapshot} range={range} />
      <h2 class="section-title">{t("dashboard.warden")}</h2>
      <section class="tiles" aria-label={t("dashboard.warden")}>
        <TileCard view={view} icon="clock" label={t("dashboard.uptime")}>
          <p class="tile-value" data-testid="uptime">
            {fmt.duration(status.uptimeSeconds)}
          </p>
          <p class="tile-sub">
            <time datetime={started} title={started}>
              {t("dashboard.uptimeSince", { time: fmt.dateTime(status.startedAt) })}
            </time>
          </p>
        </TileCard>
        <TileCard view={view} icon="heart-pulse" label={t("dashboard.version")}>
          <p class="tile-value mono">{status.version}</p>
          <p class="tile-sub">{t("dashboard.runtime", { runtime: status.runtime, env: status.env })}</p>
        </TileCard>
        <TileCard view={view} icon="database" label={t("dashboard.database")}>
          <p class="tile-value">{db.sizeBytes === null ? "—" : fmt.bytes(db.sizeBytes)}</p>
          <p class="tile-sub">
            {t(db.kind === "file" ? "dashboard.databaseFile" : "dashboard.databaseRemote")}
          </p>
        </TileCard>
        <TileCard view={view} icon="scroll-text" label={t("dashboard.migrations")}>
          <p class="tile-value">
            <span class={`badge ${migrated ? "is-ok" : "is-danger"}`}>
              {t(migrated ? "dashboard.migrationsOk" : "dashboard.migrationsPending")}
            </span>
          </p>
          <p class="tile-sub">
            {t("dashboard.migrationsValue", { applied: db.migrationsApplied, known: db.migrationsKnown })}
          </p>
        </TileCard>
      </section>
      <section class="panel" aria-labelledby="details-title">
        <h2 id="details-title">{t("dashboard.details")}</h2>
        <dl class="kv">
          <dt>{t("dashboard.location")}</dt>
          <dd class="mono">{db.location}</dd>
          <dt>{t("dashboard.process")}</dt>
          <dd class="mono">{t("dashboard.pid", { pid: status.pid })}</dd>
        </dl>
      </section>
    </>
  );
}
