/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { CatalogDiff, EntryChanges } from "../../../src/modules/threats/catalog-diff.ts";
import { TableHead } from "../../components/data-table.tsx";
import { FileField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";
import { AttackNotice, ThreatTabs } from "./parts.tsx";

/** Props of the ATT&CK import page. */
export interface ImportPageProps {
  view: ViewContext;
  /** The preview of the file just sent, and the token that applies it. */
  preview: { diff: CatalogDiff; token: string; fileName: string } | null;
  /** What the last apply changed. */
  applied: CatalogDiff | null;
  error: string | null;
}

const SHOWN = 12;

function Changes({ view, label, changes }: { view: ViewContext; label: string; changes: EntryChanges }) {
  const { fmt } = view;
  const list = (ids: string[]) =>
    ids.length === 0 ? null : (
      <span class="mono muted">
        {" "}
        {ids.slice(0, SHOWN).join(" ")}
        {ids.length > SHOWN ? ` … +${fmt.number(ids.length - SHOWN)}` : ""}
      </span>
    );
  return (
    <tr>
      <th scope="row">{label}</th>
      {(["new", "changed", "revoked"] as const).map((name) => (
        <td class="num">
          {fmt.number(changes[name].length)}
          {list(changes[name])}
        </td>
      ))}
      <td class="num">{fmt.number(changes.unchanged)}</td>
    </tr>
  );
}

function DiffTable({ view, diff }: { view: ViewContext; diff: CatalogDiff }) {
  const { t, fmt } = view;
  const skipped = Object.entries(diff.skipped);
  return (
    <>
      <div class="table-wrap">
        <table class="table" data-testid="import-diff">
          <TableHead
            columns={[
              { label: t("threats.import.kind") },
              ...(["new", "changed", "revoked", "unchanged"] as const).map((name) => ({
                label: t(`threats.import.${name}`),
                className: "num",
              })),
            ]}
          />
          <tbody>
            <Changes view={view} label={t("threats.import.tactics")} changes={diff.tactics} />
            <Changes view={view} label={t("threats.import.techniques")} changes={diff.techniques} />
            <Changes view={view} label={t("threats.import.mitigationsKind")} changes={diff.mitigations} />
          </tbody>
        </table>
      </div>
      <p>
        {t("threats.import.relationships", {
          added: fmt.number(diff.mitigates.added),
          removed: fmt.number(diff.mitigates.removed),
        })}
      </p>
      {skipped.length > 0 ? (
        <p class="muted" data-testid="import-skipped">
          {t("threats.import.skipped")} {skipped.map(([type, n]) => `${type} ${fmt.number(n)}`).join(", ")}
        </p>
      ) : null}
    </>
  );
}

/**
 * `/threats/import` (admins): send an ATT&CK STIX 2.1 bundle, see what it would change
 * (new, changed, revoked; skipped objects by type), then apply it.
 */
export function ImportPage({ view, preview, applied, error }: ImportPageProps) {
  const { t } = view;
  return (
    <>
      <PageHead title={t("threats.import.title")} sub={t("threats.import.sub")} />
      <ThreatTabs view={view} current="import" canImport />
      <Message view={view} kind="error" testid="import-error">
        {error}
      </Message>
      {applied ? (
        <section class="panel" data-testid="import-applied">
          <h2>{applied.empty ? t("threats.import.nothing") : t("threats.import.applied")}</h2>
          <DiffTable view={view} diff={applied} />
        </section>
      ) : null}
      {preview ? (
        <section class="panel" data-testid="import-preview">
          <h2>{t("threats.import.previewOf", { file: preview.fileName })}</h2>
          <DiffTable view={view} diff={preview.diff} />
          {preview.diff.empty ? (
            <p>{t("threats.import.nothing")}</p>
          ) : (
            <form method="post" action="/threats/import/apply">
              <input type="hidden" name="token" value={preview.token} />
              <SubmitButton testid="import-apply">{t("threats.import.apply")}</SubmitButton>
            </form>
          )}
        </section>
      ) : null}
      <form method="post" action="/threats/import" enctype="multipart/form-data" class="form panel">
        <FileField
          name="bundle"
          label={t("threats.import.file")}
          accept=".json,application/json"
          required
          help={t("threats.import.fileHelp")}
        />
        <div class="form-actions">
          <SubmitButton variant={preview ? "secondary" : "primary"} testid="import-preview-button">
            {t("threats.import.preview")}
          </SubmitButton>
          <a class={buttonClass("secondary")} href="/threats/matrix">
            {t("threats.cancel")}
          </a>
        </div>
      </form>
      <AttackNotice view={view} />
    </>
  );
}
