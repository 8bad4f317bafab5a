/** @jsxImportSource hono/jsx */
import { SEVERITIES } from "../../../src/lib/severity.ts";
import { type AlertQuery, alertQuerySchema } from "../../../src/modules/soc/alert-input.ts";
import type { AlertView } from "../../../src/modules/soc/alert-queries.ts";
import { ALERT_SOURCES, ALERT_STATUSES } from "../../../src/modules/soc/alerts-schema.ts";
import { ALERT_KIND } from "../../../src/modules/soc/kind.ts";
import { listUrls } from "../../components/query-string.ts";
import { personColumn, severityColumn, timeColumn, titleColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import type { RecordColumn } from "../../components/record-table.tsx";
import { StatusText } from "../../components/state-badge.tsx";
import { type AlertQueueData, BULK_FORM, BulkActions } from "./bulk-actions.tsx";

/** The column of checkboxes that tick alerts for the bulk actions, those of `ticked` ticked. */
const selectColumn = (ticked: ReadonlySet<string>): RecordColumn<AlertView> => ({
  key: null,
  label: "select",
  hideLabel: true,
  class: "col-select",
  cell: (a, { view }) => (
    <input
      type="checkbox"
      name="alertIds"
      value={a.id}
      form={BULK_FORM}
      checked={ticked.has(a.id)}
      aria-label={view.t("alerts.col.select")}
      data-testid={`select-${a.id}`}
    />
  ),
});

/** What an alert shows in a table. */
type AlertRow = Pick<AlertView, "id" | "title" | "severity" | "status" | "host" | "count" | "lastSeen">;

const SEVERITY = severityColumn<AlertRow>({ key: "severity", label: "severity" }, (a) => a.severity);

const STATUS: RecordColumn<AlertRow> = {
  key: "status",
  label: "status",
  class: "nowrap",
  cell: (a, { view }) => <StatusText view={view} many="alerts" status={a.status} testid="alert-status" />,
};

const LAST_SEEN = timeColumn<AlertRow>(
  { key: "lastSeen", label: "lastSeen", descendingFirst: true },
  (a) => a.lastSeen,
);

const COLUMNS: readonly RecordColumn<AlertView>[] = [
  titleColumn<AlertView>(ALERT_KIND, (a, { view }) => (
    <div class="cell-sub">
      {view.t(`alerts.source.${a.source}`)}
      {a.dedupKey ? <span class="mono"> · {a.dedupKey}</span> : null}
    </div>
  )),
  SEVERITY,
  STATUS,
  {
    key: null,
    label: "host",
    optional: true,
    class: "nowrap mono",
    cell: (a) => a.host ?? <span class="muted">—</span>,
  },
  {
    key: "count",
    label: "count",
    numeric: true,
    descendingFirst: true,
    class: "is-num num",
    testid: "alert-count",
    cell: (a, { view }) => view.fmt.number(a.count),
  },
  LAST_SEEN,
  personColumn({ key: null, label: "assignee", optional: true }, (a) => a.assignedTo, "alerts.unassigned"),
];

/** The columns of alerts listed on another record's page (a case's alerts): the host under the title. */
export const RELATED_ALERT_COLUMNS: readonly RecordColumn<AlertRow>[] = [
  {
    key: null,
    label: "title",
    cell: (a) => (
      <>
        <a href={`${ALERT_KIND.path}/${a.id}`}>{a.title}</a>
        {a.host ? <div class="cell-sub mono">{a.host}</div> : null}
      </>
    ),
  },
  SEVERITY,
  STATUS,
  {
    key: null,
    label: "count",
    numeric: true,
    class: "is-num num",
    cell: (a, { view }) => view.fmt.number(a.count),
  },
  LAST_SEEN,
];

/**
 * `/soc`: the alert queue with its status, severity, source, host and assignee filters;
 * rows refresh live as alerts are raised or handled; analysts tick alerts to open a case or
 * merge them into one (the bulk actions).
 */
type AlertList = RecordListSpec<AlertView, AlertQuery, AlertQueueData>;

const TABLE: AlertList = {
  kind: ALERT_KIND,
  urls: listUrls(ALERT_KIND.path, alertQuerySchema),
  columns: COLUMNS,
  moreEvents: ["raised"],
  lead: ({ view, filters, cases, error, typed }) =>
    cases !== null && filters.deleted !== "only" ? (
      <BulkActions
        view={view}
        cases={cases}
        error={error}
        typed={typed}
        query={TABLE.urls.query(filters, { cursor: filters.cursor, before: filters.before })}
      />
    ) : null,
  fields: ({ t, choice, person }, { people }) => [
    choice("status", ALERT_STATUSES, { more: [{ value: "open", label: t("alerts.filter.open") }] }),
    choice("severity", SEVERITIES, { labels: "severity" }),
    choice("source", ALERT_SOURCES),
    { kind: "text", name: "host", label: t("alerts.filter.host"), maxlength: 255 },
    person("assignedTo", people, { label: "assignee", none: "alerts.unassigned" }),
  ],
};
const SELECTABLE_TABLE: AlertList = { ...TABLE, columns: [selectColumn(new Set()), ...COLUMNS] };

/**
 * The alert queue's list; `selectable` adds the column of bulk checkboxes, with `ticked`
 * ticked (a refused bulk action shown again).
 */
export function alertTable(selectable: boolean, ticked: readonly string[] = []): AlertList {
  if (!selectable) return TABLE;
  if (ticked.length === 0) return SELECTABLE_TABLE;
  return { ...TABLE, columns: [selectColumn(new Set(ticked)), ...COLUMNS] };
}
