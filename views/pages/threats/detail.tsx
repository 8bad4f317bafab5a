/** @jsxImportSource hono/jsx */

import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import { RecordDetail } from "../../components/record-detail.tsx";
import type { RecordPageState } from "../../components/record-head.tsx";
import { Panel } from "../../components/record-panels.tsx";
import { AttackNotice, TechniqueLinks } from "./parts.tsx";

/** Props of a threat's page. */
export interface ThreatPageProps extends RecordPageState {
  threat: ThreatView;
}

/** `/threats/:id`: a threat, its description and the ATT&CK techniques it uses; edit, and delete for admins. */
export function ThreatPage({ threat, ...page }: ThreatPageProps) {
  const { view } = page;
  const { t, fact, meta } = factBuilders(page);
  return (
    <>
      <RecordDetail
        {...page}
        record={{ id: threat.id, title: threat.name }}
        editTestid="edit-threat"
        deleteTitle={t("threats.deleteTitle", { name: threat.name })}
        badges={[<span class="badge">{t(`threats.category.${threat.category}`)}</span>]}
        main={[<DescriptionPanel view={view} kind={page.kind} markdown={threat.description} />]}
        side={[
          <Panel title={t("threats.field.techniques")}>
            {threat.techniques.length === 0 ? <p class="muted">{t("threats.noTechniques")}</p> : null}
            <TechniqueLinks view={view} items={threat.techniques} testid="threat-techniques" />
          </Panel>,
          <FactsPanel
            facts={[
              meta("threats.createdBy", threat.createdBy?.name),
              fact("updated", view.fmt.dateTime(threat.updatedAt)),
              meta("threats.version", threat.version, { class: "num" }),
            ]}
          />,
        ]}
      />
      <AttackNotice view={view} />
    </>
  );
}
