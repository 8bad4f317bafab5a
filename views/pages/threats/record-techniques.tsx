/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { NamedTechniqueKind } from "../../../src/modules/threats/named-kinds.ts";
import type { NamedTechnique } from "../../../src/modules/threats/technique-links.ts";
import { TextField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** Props of the techniques panel of a record's page. */
export interface RecordTechniquesProps {
  view: ViewContext;
  /**
   * The kind of record (alert, incident, vulnerability) and the record: where the form posts,
   * the techniques it names, and the version shown (posted back for the optimistic check).
   */
  kind: NamedTechniqueKind;
  record: { id: string; version?: number | undefined; techniques: NamedTechnique[] };
  /** Whether the viewer may change them (analysts and up): shows the form. */
  canEdit: boolean;
  /** The form's text and its error, after a refused change; by default the ids named now. */
  value?: string;
  error?: string | undefined;
  /** Why a change was refused because the record changed since it was shown (409). */
  conflict?: string | undefined;
}

/**
 * The ATT&CK techniques a record names, on its page: chips linking to each technique (a
 * revoked one marked), and for those who may change them a one-field form (ids separated by
 * spaces or commas) posting the record's version shown. With htmx a refused change swaps
 * only this panel, keeping what was typed (and, when the record changed since, saying so).
 */
export function RecordTechniques({
  view,
  kind,
  record,
  canEdit,
  value,
  error,
  conflict,
}: RecordTechniquesProps) {
  const { t } = view;
  const { techniques } = record;
  return (
    <section class="panel" id="record-techniques" aria-labelledby="record-techniques-title">
      <h2 class="section-title" id="record-techniques-title">
        {t("threats.field.techniques")}
      </h2>
      {techniques.length === 0 ? (
        <p class="muted">{t("threats.noTechniques")}</p>
      ) : (
        <ul class="technique-chips" data-testid="technique-chips">
          {techniques.map((x) => (
            <li>
              <a
                href={`/threats/techniques/${encodeURIComponent(x.attackId)}`}
                class={x.revoked ? "technique-chip is-revoked" : "technique-chip"}
                title={x.name}
              >
                <span class="mono">{x.attackId}</span> {x.name}
                {x.revoked ? <span class="badge is-danger">{t("threats.technique.revoked")}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <form
          method="post"
          action={`/threats/named/${kind}/${encodeURIComponent(record.id)}`}
          class="form technique-form"
          hx-target="#record-techniques"
          hx-swap="outerHTML"
          hx-push-url="false"
        >
          <Message view={view} kind="error" testid="techniques-conflict">
            {conflict}
          </Message>
          {record.version ? <input type="hidden" name="version" value={record.version} /> : null}
          <TextField
            name="techniques"
            id="record-techniques-input"
            label={t("threats.named.label")}
            value={value ?? techniques.map((x) => x.attackId).join(" ")}
            error={error}
            help={t("threats.field.techniquesHelp")}
            maxlength={1000}
            spellcheck={false}
          />
          <SubmitButton variant="secondary" small testid="techniques-submit">
            {t("threats.named.save")}
          </SubmitButton>
        </form>
      ) : null}
    </section>
  );
}
