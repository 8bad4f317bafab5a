/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { DiffPort, ScanDiff } from "../../../src/modules/scans/diff.ts";
import type { ScanResults } from "../../../src/modules/scans/results.ts";
import type { ScanView } from "../../../src/modules/scans/service.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { LiveTopic } from "../../components/live-rows.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { Truncated } from "../../components/truncated.tsx";
import { formatMs, SCAN_LIVE_EVENTS, ScanStatusBadge } from "./index.tsx";
import { NetworkTabs } from "./tabs.tsx";

/** The most hosts and port columns the matrix draws (the results table lists everything). */
const MAX_HOSTS = 64;
const MAX_PORTS = 48;

/** Hosts × open ports: one row per host that answered, one column per port open anywhere. */
export function PortMatrix({
  view,
  hosts,
  ports,
}: {
  view: ViewContext;
  hosts: { address: string; openCount: number }[];
  ports: { host: string; port: number; service: string | null }[];
}) {
  const { t, fmt } = view;
  const columns = [...new Set(ports.map((p) => p.port))].sort((a, b) => a - b);
  const open = new Set(ports.map((p) => `${p.host} ${p.port}`));
  const services = new Map(ports.map((p) => [p.port, p.service]));
  const shownHosts = hosts.slice(0, MAX_HOSTS);
  const shownPorts = columns.slice(0, MAX_PORTS);
  if (hosts.length === 0 || columns.length === 0)
    return (
      <p class="muted" data-testid="port-matrix-empty">
        {t("scans.matrix.empty")}
      </p>
    );
  return (
    <>
      <div class="matrix-wrap">
        <table class="port-matrix" data-testid="port-matrix" aria-label={t("scans.matrix.title")}>
          <thead>
            <tr>
              <th scope="col">{t("scans.col.host")}</th>
              {shownPorts.map((port) => (
                <th scope="col" class="mono" title={services.get(port) ?? undefined}>
                  {port}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shownHosts.map((host) => (
              <tr>
                <th scope="row" class="mono">
                  {host.address}
                </th>
                {shownPorts.map((port) =>
                  open.has(`${host.address} ${port}`) ? (
                    <td class="is-open" title={t("scans.matrix.open", { host: host.address, port })}>
                      <span class="visually-hidden">{t("scans.state.open")}</span>
                    </td>
                  ) : (
                    <td />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hosts.length > MAX_HOSTS || columns.length > MAX_PORTS ? (
        <p class="muted">
          {t("scans.matrix.cut", {
            hosts: fmt.number(shownHosts.length),
            ports: fmt.number(shownPorts.length),
            allHosts: fmt.number(hosts.length),
            allPorts: fmt.number(columns.length),
          })}
        </p>
      ) : null}
    </>
  );
}

/** The ports newly open (or newly closed) since the scan before, under their heading. */
function DiffList({
  view,
  kind,
  ports,
  testid,
}: {
  view: ViewContext;
  kind: "newlyOpen" | "newlyClosed";
  ports: DiffPort[];
  testid: string;
}) {
  return (
    <div data-testid={testid}>
      <h3 class="diff-title">
        {view.t(`scans.diff.${kind}`)} <span class="muted num">({view.fmt.number(ports.length)})</span>
      </h3>
      {ports.length === 0 ? (
        <p class="muted">{view.t("scans.diff.none")}</p>
      ) : (
        <ul class="diff-ports">
          {ports.map((p) => (
            <li class="mono">
              {p.host}:{p.port}
              {p.service ? <span class="muted"> {p.service}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A scan with the page of its results shown. */
export type ScanPageData = { scan: ScanView; diff: ScanDiff } & ScanResults;

/** The address of page `n` of a scan's results. */
export function scanPageHref(id: string, page: number): string {
  return page > 1 ? `/network/scans/${id}?page=${page}` : `/network/scans/${id}`;
}

/** The part of a scan page that follows the scan live: progress, results, matrix, diff, Cancel. */
export function ScanLive({ view, detail }: { view: ViewContext; detail: ScanPageData }) {
  const { t, fmt } = view;
  const { scan, hosts, ports, diff } = detail;
  const active = scan.status === "queued" || scan.status === "running";
  return (
    <>
      <section class="panel scan-progress" aria-labelledby="scan-progress-title" data-testid="scan-progress">
        <div class="panel-head">
          <h2 id="scan-progress-title">{t("scans.progress")}</h2>
          <ScanStatusBadge view={view} status={scan.status} />
        </div>
        <progress
          class="usage scan-bar"
          max={100}
          value={scan.percent}
          aria-label={t("scans.progress")}
          data-testid="scan-bar"
        >
          {fmt.percent(scan.percent)}
        </progress>
        <p class="num scan-figures">
          <strong data-testid="scan-percent">{fmt.percent(scan.percent)}</strong>
          {" · "}
          {t("scans.portsDone", { done: fmt.number(scan.portsDone), total: fmt.number(scan.portsTotal) })}
          {" · "}
          {t("scans.openSoFar", { open: fmt.number(scan.openCount) })}
          {scan.etaMs !== null ? ` · ${t("scans.eta", { time: formatMs(view, scan.etaMs) })}` : null}
          {scan.durationMs !== null && !active
            ? ` · ${t("scans.took", { time: formatMs(view, scan.durationMs) })}`
            : null}
        </p>
        <p class="muted num">
          {t("scans.counts", {
            closed: fmt.number(scan.closedCount),
            filtered: fmt.number(scan.filteredCount),
            up: fmt.number(scan.hostsUp),
            hosts: fmt.number(scan.hostCount),
          })}
        </p>
        {scan.error ? <p class="field-error">{t.fieldMessage(scan.error)}</p> : null}
        {active ? (
          <ConfirmAction
            view={view}
            id="cancel-scan"
            action={`/network/scans/${scan.id}/cancel`}
            trigger={t("scans.cancel")}
            title={t("scans.cancelDialog.title", { target: scan.target })}
            body={t("scans.cancelDialog.body")}
            confirm={t("scans.cancel")}
            testid="cancel-scan"
          />
        ) : null}
      </section>
      <h2 class="section-title">{t("scans.results")}</h2>
      <DataTable
        label={t("scans.results")}
        testid="scan-results"
        rowCount={ports.items.length}
        empty={<p>{active ? t("scans.noneYet") : t("scans.noneOpen")}</p>}
        columns={columnsOf(view, "scans.col", ["host", { name: "port", numeric: true }, "service", "banner"])}
      >
        {ports.items.map((p) => (
          <tr data-testid={`port-${p.port}`}>
            <td class="mono nowrap">{p.host}</td>
            <td class="is-num mono">{p.port}</td>
            <td class="nowrap">{p.service ?? <span class="muted">—</span>}</td>
            <td>
              <Truncated text={p.banner} class="mono truncate scan-banner" />
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination view={view} of={ports} hrefFor={(n) => scanPageHref(scan.id, n)} />
      <h2 class="section-title">{t("scans.matrix.title")}</h2>
      <PortMatrix view={view} hosts={hosts.items} ports={ports.items} />
      <section class="panel" aria-labelledby="scan-diff-title" data-testid="scan-diff">
        <h2 class="panel-title" id="scan-diff-title">
          {t("scans.diff.title")}
        </h2>
        {diff.previous ? (
          <>
            <p class="muted">
              {t("scans.diff.against")}{" "}
              <a href={`/network/scans/${diff.previous.id}`}>
                <RelativeTime view={view} ms={diff.previous.createdAt} />
              </a>
            </p>
            <div class="diff-grid">
              <DiffList view={view} kind="newlyOpen" ports={diff.newlyOpen} testid="diff-open" />
              <DiffList view={view} kind="newlyClosed" ports={diff.newlyClosed} testid="diff-closed" />
            </div>
          </>
        ) : (
          <p class="muted">{scan.status === "completed" ? t("scans.diff.first") : t("scans.diff.pending")}</p>
        )}
      </section>
    </>
  );
}

/** `/network/scans/:id`: one scan — what was asked, live progress, and what it found. */
export function ScanPage({ view, detail }: { view: ViewContext; detail: ScanPageData }) {
  const { t, fmt } = view;
  const { scan } = detail;
  return (
    <>
      <PageHead
        title={
          <>
            {t("scans.scanOf")} <span class="mono">{scan.target}</span>
          </>
        }
        sub={
          <>
            <span class="mono">{scan.ports}</span>
            {" · "}
            {scan.hostName === null ? (
              t("scans.options", {
                concurrency: fmt.number(scan.concurrency),
                timeout: fmt.number(scan.connectTimeoutMs),
                discovery: t(scan.hostDiscovery ? "scans.discoveryOn" : "scans.discoveryOff"),
              })
            ) : (
              <span data-testid="scan-from">{t("scans.fromAgent", { host: scan.hostName })}</span>
            )}
            {" · "}
            {scan.createdBy?.name ?? t("scans.bySchedule")}, <RelativeTime view={view} ms={scan.createdAt} />
          </>
        }
      >
        <NetworkTabs view={view} current="scans" />
      </PageHead>
      <LiveTopic view={view} topic="scans" events={SCAN_LIVE_EVENTS} />
      <div
        id="scan-live"
        hx-get={`/network/scans/${scan.id}/live${detail.ports.page > 1 ? `?page=${detail.ports.page}` : ""}`}
        hx-trigger="scans-changed from:body"
        hx-target="this"
        hx-swap="innerMorph"
      >
        <ScanLive view={view} detail={detail} />
      </div>
    </>
  );
}
