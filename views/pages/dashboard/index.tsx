/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { SystemStatus } from "../../../src/modules/system/status.ts";
import type { MetricsSnapshot } from "../../../src/monitor/hub.ts";
import { PageHead } from "../../components/page-head.tsx";
import type { HistoryRange } from "./history-panel.tsx";
import { HostMetrics } from "./host-metrics.tsx";
import { TileCard } from "./tiles.tsx";

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
