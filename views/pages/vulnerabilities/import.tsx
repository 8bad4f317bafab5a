/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import {
  type ImportReport,
  type ImportRow,
  importable,
} from "../../../src/modules/vulnerabilities/import.ts";
import { IMPORT_COLUMNS } from "../../../src/modules/vulnerabilities/import-file.ts";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "../../../src/modules/vulnerabilities/import-limits.ts";
import { isOpenStatus, isOverdue } from "../../../src/modules/vulnerabilities/workflow.ts";
import { DataTable } from "../../components/data-table.tsx";
import { FormActions } from "../../components/form-actions.tsx";
import { FileField, SelectField, TextAreaField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { Panel } from "../../components/record-panels.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { CvssScore, DueDate, VulnerabilityStatusLabel } from "./parts.tsx";

/** The most rows the preview table shows: every row with a problem, then ready ones up to this. */
export const PREVIEW_ROWS = 500;

/** What the import form holds. */
export interface ImportFormValues {
  format: "auto" | "csv" | "json";
  content: string;
}

/** Props of the import page. */
export interface ImportPageProps {
  view: ViewContext;
  values: ImportFormValues;
  /** A problem with the form itself (no file and nothing pasted, a file too large). */
  error?: string;
  /** The preview of what was sent, once something was. */
  report?: ImportReport;
  /** The import was tried and refused (the report says why). */
  refused?: boolean;
}

function previewRows(rows: ImportRow[]): ImportRow[] {
  let room = PREVIEW_ROWS - rows.filter((r) => r.errors.length > 0).length;
  return rows.filter((r) => r.errors.length > 0 || room-- > 0);
}

function Row({ view, row }: { view: ViewContext; row: ImportRow }) {
  const { t } = view;
  const v = row.values;
  if (!v)
    return (
      <tr class="is-invalid" data-testid={`import-row-${row.row}`}>
        <td class="num">{row.row}</td>
        <td>
          <div class="cell-title">{row.cells.title || <span class="muted">—</span>}</div>
          {row.cells.cve_id ? <div class="cell-sub mono">{row.cells.cve_id}</div> : null}
        </td>
        <td colspan={4} class="vuln-import-errors-cell">
          <ul class="vuln-import-errors">
            {row.errors.map((e) => (
              <li>
                <span class="mono">{e.field}</span>: {e.message}
              </li>
            ))}
          </ul>
        </td>
      </tr>
    );
  return (
    <tr data-testid={`import-row-${row.row}`}>
      <td class="num">{row.row}</td>
      <td>
        <div class="cell-title">{v.title}</div>
        <div class="cell-sub">
          {v.cveId ? <span class="mono">{v.cveId}</span> : t("vulnerabilities.internal")}
        </div>
      </td>
      <td class="nowrap">
        <CvssScore view={view} score={v.cvssScore} severity={v.severity} />{" "}
        <SeverityBadge view={view} severity={v.severity} />
      </td>
      <td class="nowrap col-opt">
        <VulnerabilityStatusLabel view={view} status={v.status} />
      </td>
      <td class="col-opt">
        {v.assets.length > 0 ? v.assets.map((a) => a.name).join(", ") : <span class="muted">—</span>}
      </td>
      <td class="nowrap col-opt">
        <DueDate view={view} dueAt={v.dueAt} overdue={isOverdue(v)} closed={!isOpenStatus(v.status)} />
      </td>
    </tr>
  );
}

function Preview({ view, report, refused }: { view: ViewContext; report: ImportReport; refused: boolean }) {
  const { t, fmt } = view;
  if (report.fileErrors.length > 0)
    return (
      <Message view={view} kind="error" testid="import-file-errors">
        <p>{t("vulnerabilities.importPage.fileProblems")}</p>
        <ul>
          {report.fileErrors.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      </Message>
    );
  const shown = previewRows(report.rows);
  return (
    <Panel title={t("vulnerabilities.importPage.preview")} id="preview-title" testid="import-preview">
      {report.invalid > 0 ? (
        <Message view={view} kind="error" testid="import-summary">
          {refused ? `${t("vulnerabilities.importPage.refused")} ` : ""}
          {t("vulnerabilities.importPage.summaryBad", {
            invalid: fmt.number(report.invalid),
            total: fmt.number(report.rows.length),
          })}
        </Message>
      ) : (
        <p class="vuln-import-ready" data-testid="import-summary">
          {t("vulnerabilities.importPage.summaryOk", { count: fmt.number(report.valid) })}
        </p>
      )}
      {shown.length < report.rows.length ? (
        <p class="field-help">
          {t("vulnerabilities.importPage.shownRows", {
            shown: fmt.number(shown.length),
            total: fmt.number(report.rows.length),
          })}
        </p>
      ) : null}
      <div class="fits-narrow">
        <DataTable
          label={t("vulnerabilities.importPage.preview")}
          testid="import-table"
          rowCount={shown.length}
          empty={null}
          columns={[
            { label: t("vulnerabilities.importPage.row"), numeric: true },
            { label: t("vulnerabilities.col.title") },
            { label: t("vulnerabilities.col.score") },
            { label: t("vulnerabilities.col.status"), className: "col-opt" },
            { label: t("vulnerabilities.col.assets"), className: "col-opt" },
            { label: t("vulnerabilities.col.due"), className: "col-opt" },
          ]}
        >
          {shown.map((row) => (
            <Row view={view} row={row} />
          ))}
        </DataTable>
      </div>
    </Panel>
  );
}

/**
 * `/vulnerabilities/import`: upload or paste a CSV or JSON file, preview every row with
 * what it will become or its problems, and import all of it — or nothing — once every row
 * is correct. The pasted text stays in the form, so a problem can be corrected in place.
 */
export function ImportPage({ view, values, error, report, refused = false }: ImportPageProps) {
  const { t, fmt } = view;
  const ready = report !== undefined && importable(report);
  return (
    <>
      <PageHead
        back={<a href="/vulnerabilities">{t("vulnerabilities.title")}</a>}
        title={t("vulnerabilities.importPage.title")}
      />
      <div class="vuln-import-layout">
        <form
          method="post"
          action="/vulnerabilities/import/preview"
          enctype="multipart/form-data"
          class="form panel"
          data-testid="import-form"
          novalidate
        >
          <Message view={view} kind="error" testid="import-error">
            {error}
          </Message>
          <FileField
            name="file"
            label={t("vulnerabilities.importPage.file")}
            accept=".csv,.json,text/csv,application/json"
            help={t("vulnerabilities.importPage.fileHelp", {
              size: fmt.bytes(IMPORT_MAX_BYTES),
              rows: fmt.number(IMPORT_MAX_ROWS),
            })}
          />
          <TextAreaField
            name="content"
            label={t("vulnerabilities.importPage.paste")}
            value={values.content}
            help={t("vulnerabilities.importPage.pasteHelp")}
            rows={10}
          />
          <SelectField
            name="format"
            label={t("vulnerabilities.importPage.format")}
            value={values.format}
            options={[
              { value: "auto", label: t("vulnerabilities.importPage.formatAuto") },
              { value: "csv", label: "CSV" },
              { value: "json", label: "JSON" },
            ]}
          />
          <FormActions
            view={view}
            cancel="/vulnerabilities"
            submit={t("vulnerabilities.importPage.check")}
            testid="import-preview-button"
            variant={ready ? "secondary" : "primary"}
          >
            {ready && report ? (
              <button
                type="submit"
                class={buttonClass("primary")}
                formaction="/vulnerabilities/import"
                data-testid="import-confirm"
              >
                <span class="button-spinner" aria-hidden="true" />
                {t("vulnerabilities.importPage.confirm", { count: fmt.number(report.valid) })}
              </button>
            ) : null}
          </FormActions>
        </form>
        <aside class="panel vuln-import-help">
          <h2 class="section-title">{t("vulnerabilities.importPage.columnsTitle")}</h2>
          <ul class="vuln-import-columns" aria-label={t("vulnerabilities.importPage.columnsTitle")}>
            {IMPORT_COLUMNS.map((column) => (
              <li>
                <code>{column}</code>
              </li>
            ))}
          </ul>
          <ul class="vuln-import-rules">
            {(["Title", "Rating", "Asset", "Cve", "Time", "All"] as const).map((rule) => (
              <li>{t(`vulnerabilities.importPage.rule${rule}`)}</li>
            ))}
          </ul>
        </aside>
      </div>
      {report ? <Preview view={view} report={report} refused={refused} /> : null}
    </>
  );
}
