/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { THREAT_KIND } from "./kind.ts";
import { AttackNotice, TechniqueLinks } from "./parts.tsx";

/** Props of a threat's page. */
export interface ThreatPageProps {
  view: ViewContext;
  threat: ThreatView;
  canEdit: boolean;
  canDelete: boolean;
  notice: string | null;
}

/** `/threats/:id`: a threat, its description and the ATT&CK techniques it uses. */
export function ThreatPage({ view, threat, canEdit, canDelete, notice }: ThreatPageProps) {
  const { t, fmt } = view;
  return (
    <>
      <PageHead
        back={<a href="/threats">{t("threats.title")}</a>}
        title={threat.name}
        titleTestid="threat-title"
        sub={<span class="badge">{t(`threats.category.${threat.category}`)}</span>}
      >
        <div class="page-actions">
          {canEdit ? (
            <a class={buttonClass("secondary")} href={`/threats/${threat.id}/edit`} data-testid="edit-threat">
              {t("threats.edit")}
            </a>
          ) : null}
          {canDelete ? (
            <ConfirmAction
              view={view}
              id="delete-threat"
              action={`/threats/${threat.id}/delete`}
              trigger={t("threats.delete")}
              triggerVariant="danger"
              title={t("threats.deleteTitle", { name: threat.name })}
              body={t("threats.deleteBody")}
              confirm={t("threats.delete")}
            />
          ) : null}
        </div>
      </PageHead>
      {notice ? (
        <Message view={view} kind="success">
          {notice}
        </Message>
      ) : null}
      <div class="threat-detail">
        <DescriptionPanel view={view} kind={THREAT_KIND} markdown={threat.description} />
        <aside>
          <section class="panel">
            <h2>{t("threats.field.techniques")}</h2>
            {threat.techniques.length === 0 ? <p class="muted">{t("threats.noTechniques")}</p> : null}
            <TechniqueLinks view={view} items={threat.techniques} testid="threat-techniques" />
          </section>
          <section class="panel">
            <dl class="facts">
              <dt>{t("threats.createdBy")}</dt>
              <dd>{threat.createdBy?.name ?? "—"}</dd>
              <dt>{t("threats.field.updated")}</dt>
              <dd>{fmt.dateTime(threat.updatedAt)}</dd>
              <dt>{t("threats.version")}</dt>
              <dd class="num">{threat.version}</dd>
            </dl>
          </section>
        </aside>
      </div>
      <AttackNotice view={view} />
    </>
  );
}
