/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { HostDetail } from "../../../src/modules/hosts/host-reads.ts";
import type { IconName } from "../../components/icon.tsx";
import { LiveRefresh } from "../../components/live-rows.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { HistoryPanel, type HistoryRange } from "../dashboard/history-panel.tsx";
import { IoTiles, Tile } from "../dashboard/tiles.tsx";
import { HostHead } from "./host-tabs.tsx";
import { STATUS_CLASS } from "./index.tsx";

/** The facts of a host, refreshed in place when its agent connects or disconnects. */
export function HostFacts({ view, host }: { view: ViewContext; host: HostDetail }) {
  const { t, fmt } = view;
  const dash = <span class="muted">—</span>;
  return (
    <dl class="kv" data-testid="host-facts">
      <dt>{t("hosts.col.status")}</dt>
      <dd>
        <span class={STATUS_CLASS[host.status]} data-testid="host-status">
          {t(`hosts.status.${host.status}`)}
        </span>
      </dd>
      <dt>{t("hosts.col.lastSeen")}</dt>
      <dd>
        <RelativeTime view={view} ms={host.lastSeenAt} none={t("hosts.never")} />
      </dd>
      <dt>{t("hosts.col.os")}</dt>
      <dd>{host.os ? `${host.os} · ${host.arch}` : dash}</dd>
      <dt>{t("hosts.col.size")}</dt>
      <dd class="num">
        {host.memoryTotal > 0 ? `${fmt.number(host.cores)} · ${fmt.bytes(host.memoryTotal)}` : dash}
      </dd>
      <dt>{t("hosts.page.skew")}</dt>
      <dd class="num">{t("hosts.page.skewValue", { ms: fmt.number(host.clockSkewMs) })}</dd>
      <dt>{t("hosts.page.agent")}</dt>
      <dd class="mono">
        {host.agentVersion ?? t("hosts.thisHost")}
        {host.address ? ` · ${host.address}` : ""}
      </dd>
      <dt>{t("hosts.page.asset")}</dt>
      <dd>{host.assetId ? <a href={`/cmdb/${host.assetId}`}>{t("hosts.page.openAsset")}</a> : dash}</dd>
    </dl>
  );
}

/**
 * One agent's host: its facts, live tiles (public/js/host-live.js updates them from the
 * `hosts` stream's ticks, which carry every host's latest sample once) and its history.
 */
export function HostPage({
  view,
  host,
  range,
}: {
  view: ViewContext;
  host: HostDetail;
  range: HistoryRange;
}) {
  const { t, fmt } = view;
  const s = host.latest;
  const dash = "—";
  /** A tile of a percentage in the latest sample, with its usage bar or without. */
  const percentTile = (icon: IconName, metric: "cpu" | "memory" | "swap", bar: boolean) => (
    <Tile
      view={view}
      icon={icon}
      metric={metric}
      value={s ? fmt.percent(s[metric]) : dash}
      usage={bar ? (s?.[metric] ?? 0) : undefined}
    />
  );
  /**
   * A history chart of `series` over the chosen range, its caption and series' labels message
   * keys: public/js/live.js draws it with uPlot from the answer of the history API.
   */
  const chart = (caption: string, series: string, labels: string[], unit: "percent" | "rate") => (
    <figure class="chart">
      <figcaption>{t(caption)}</figcaption>
      <div
        class="chart-canvas"
        data-history-url={`/api/v1/hosts/${encodeURIComponent(host.id)}/history?series=${series}&range=${range}`}
        data-labels={labels.map((key) => t(key)).join("|")}
        data-unit={unit}
        data-empty={t("dashboard.historyEmpty")}
      />
    </figure>
  );
  return (
    <>
      <HostHead view={view} host={host} current="overview" />
      <section class="host-metrics" data-live-host={host.id} aria-label={t("dashboard.host")}>
        <div class="tiles">
          {percentTile("cpu", "cpu", true)}
          {percentTile("server", "memory", true)}
          {percentTile("database", "swap", false)}
          <Tile view={view} icon="gauge" metric="load" value={s ? fmt.number(s.load1, 2) : dash} />
          <IoTiles view={view} io={s} />
        </div>
      </section>
      <HistoryPanel
        view={view}
        title={t("hosts.page.history")}
        range={range}
        href={(r) => `/hosts/${host.id}?history=${r}`}
      >
        <div class="charts">
          {chart(
            "hosts.page.historyCpuMemory",
            "cpu,memory",
            ["dashboard.cpu", "dashboard.memory"],
            "percent",
          )}
          {chart(
            "hosts.page.historyNetwork",
            "net_rx,net_tx",
            ["dashboard.received", "dashboard.sent"],
            "rate",
          )}
        </div>
      </HistoryPanel>
      <section class="panel" aria-labelledby="facts-title">
        <h2 id="facts-title">{t("hosts.page.facts")}</h2>
        <LiveRefresh
          source={{ rows: `/hosts/${host.id}/facts`, body: "host-facts" }}
          when="host-status-changed from:body, every 10s"
        />
        <div id="host-facts">
          <HostFacts view={view} host={host} />
        </div>
      </section>
    </>
  );
}
