/** @jsxImportSource hono/jsx */

import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import type { RecordDetailSpec } from "../../components/record-detail.tsx";
import { Panel } from "../../components/record-panels.tsx";
import { AttackNotice, TechniqueLinks } from "./parts.tsx";

/** `/threats/:id`: a threat, its description and the ATT&CK techniques it uses; edit, and delete for admins. */
export const THREAT_DETAIL: RecordDetailSpec<ThreatView> = {
  head: ({ view, record: threat }) => ({
    record: { id: threat.id, title: threat.name },
    editTestid: "edit-threat",
    deleteTitle: view.t("threats.deleteTitle", { name: threat.name }),
  }),
  badges: ({ view, record }) => [<span class="badge">{view.t(`threats.category.${record.category}`)}</span>],
  main: ({ view, kind, record }) => [
    <DescriptionPanel view={view} kind={kind} markdown={record.description} />,
  ],
  side: (page) => {
    const { view, record: threat } = page;
    const { t, fact, meta } = factBuilders(page);
    return [
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
    ];
  },
  after: ({ view }) => <AttackNotice view={view} />,
};
