/** @jsxImportSource hono/jsx */

import type { ListNames } from "../../../src/kit/record-kind.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import type { ScanQuery } from "../../../src/modules/scans/input.ts";
import { SCAN_STATUSES, type ScanStatus } from "../../../src/modules/scans/schema.ts";
import type { ScanView } from "../../../src/modules/scans/service.ts";
import { DataTable, type NamedColumn, namedTable, TableEmptyRow } from "../../components/data-table.tsx";
import { FilterBar, filterBuilders, searchFilter } from "../../components/filter-fields.tsx";
import type { FormState } from "../../components/form-field.tsx";
import type { FormItem } from "../../components/form-fields.tsx";
import { LiveRefresh, LiveTopic, liveBody, liveSource } from "../../components/live-rows.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { PanelForm } from "../../components/panel-form.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { type ScanFieldValues, scanFields } from "./scan-fields.ts";
import { NetworkTabs } from "./tabs.tsx";

/** Events of the `scans` topic that change the list or a scan page. */
export const SCAN_LIVE_EVENTS = "scan.created scan.started scan.progress scan.finished";

/** Props of the scans page. */
export interface ScansPageProps {
  view: ViewContext;
  page: Page<ScanView>;
  form: FormState<ScanFieldValues>;
  filters: ScanQuery;
  filterErrors: FieldErrors;
}

/** The list's address with `filters` and page `n` (defaults left out). */
export function scansHref(filters: Pick<ScanQuery, "q" | "status">, n = 1): string {
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  if (filters.status) query.set("status", filters.status);
  if (n > 1) query.set("page", String(n));
  const text = query.toString();
  return text ? `/network/scans?${text}` : "/network/scans";
}

/** The names the list is built from. */
const SCANS: ListNames = { one: "scan", many: "scans", path: "/network/scans" };
const LIVE = liveSource(SCANS);

/** The scan table's columns, labelled `scans.col.<name>`. */
const SCAN_COLUMNS: readonly NamedColumn[] = [
  "target",
  "from",
  "ports",
  "status",
  { name: "progress", numeric: true },
  { name: "open", numeric: true },
  "by",
  "created",
  { name: "duration", numeric: true },
];

/**
 * The rows of the scan list (also what a live refresh answers). With no scan, one row says
 * so: the table stays, so its rows still follow the live stream.
 */
export function ScanRows({ view, items }: { view: ViewContext; items: ScanView[] }) {
  const { t, fmt } = view;
  if (items.length === 0) {
    return (
      <TableEmptyRow columns={SCAN_COLUMNS.length} testid="scans-empty">
        {t("scans.empty")}
      </TableEmptyRow>
    );
  }
  return (
    <>
      {items.map((scan) => (
        <tr data-testid={`scan-${scan.id}`}>
          <td>
            <a href={`/network/scans/${scan.id}`} class="mono cell-title">
              {scan.target}
            </a>
          </td>
          <td class="nowrap" data-testid="scan-from">
            {scan.hostName === null ? (
              <span class="muted">{t("scans.fromLocal")}</span>
            ) : (
              <a href={`/hosts/${encodeURIComponent(scan.hostId)}`}>{scan.hostName}</a>
            )}
          </td>
          <td>
            <span class="mono truncate" title={scan.ports}>
              {scan.ports}
            </span>
          </td>
          <td class="nowrap">
            <ScanStatusBadge view={view} status={scan.status} />
          </td>
          <td class="is-num num nowrap">
            {scan.status === "running" ? (
              <progress class="usage scan-row-progress" max={100} value={scan.percent}>
                {fmt.percent(scan.percent)}
              </progress>
            ) : null}
            {fmt.percent(scan.percent)}
          </td>
          <td class="is-num num">{fmt.number(scan.openCount)}</td>
          <td class="nowrap">{scan.createdBy?.name ?? t("scans.bySchedule")}</td>
          <TimeCell view={view} ms={scan.createdAt} />
          <td class="is-num num nowrap">
            {scan.durationMs === null ? "—" : formatMs(view, scan.durationMs)}
          </td>
        </tr>
      ))}
    </>
  );
}

/** `/network/scans`: start a scan, and every scan with its status, live. */
export function ScansPage({ view, page, form, filters, filterErrors }: ScansPageProps) {
  const { t, fmt } = view;
  const filterItems: FormItem[] = [
    searchFilter(view, "scans", t("scans.filter.qPlaceholder")),
    filterBuilders(view, "scans").choice("status", SCAN_STATUSES),
  ];
  return (
    <>
      <PageHead
        title={t("scans.title")}
        subClass="num"
        sub={t.plural("scans.count", page.total, { total: fmt.number(page.total) })}
      >
        <NetworkTabs view={view} current="scans" />
      </PageHead>
      <PanelForm
        action="/network/scans"
        testid="scan-form"
        title={t("scans.new")}
        form={form}
        fields={scanFields(view)}
        submit={t("scans.start")}
        submitTestid="scan-submit"
      />
      <FilterBar
        view={view}
        list={SCANS}
        filters={filters}
        errors={filterErrors}
        apply={t("scans.filter.apply")}
        items={filterItems}
      />
      <LiveTopic view={view} topic="scans" events={SCAN_LIVE_EVENTS} />
      {/* One row at least (the empty state is a row), so the rows follow the live stream. */}
      <DataTable {...namedTable(view, "scans", 1, SCAN_COLUMNS)} body={liveBody(LIVE)}>
        <ScanRows view={view} items={page.items} />
      </DataTable>
      {/* Not held under the pointer: the rows follow each scan's progress. */}
      <LiveRefresh source={LIVE} when="scans-changed from:body" keep="page" />
      <Pagination view={view} of={page} hrefFor={(n) => scansHref(filters, n)} />
    </>
  );
}

/** A scan's status as a badge: the word always, colour only as a second signal. */
export function ScanStatusBadge({ view, status }: { view: ViewContext; status: ScanStatus }) {
  const tone = status === "completed" ? " is-ok" : status === "failed" ? " is-danger" : "";
  return (
    <span class={`badge scan-status scan-${status}${tone}`} data-testid="scan-status">
      {view.t(`scans.status.${status}`)}
    </span>
  );
}

/** A duration in milliseconds: one decimal under a minute, then the viewer's duration format. */
export function formatMs(view: ViewContext, ms: number): string {
  return ms < 60_000 ? `${view.fmt.number(ms / 1000, 1)} s` : view.fmt.duration(ms / 1000);
}
