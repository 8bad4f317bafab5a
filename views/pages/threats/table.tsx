/** @jsxImportSource hono/jsx */

import { THREAT_KIND } from "../../../src/modules/threats/kind.ts";
import { THREAT_CATEGORIES } from "../../../src/modules/threats/schema.ts";
import { type ThreatQuery, threatQuerySchema } from "../../../src/modules/threats/threat-input.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { listUrls } from "../../components/query-string.ts";
import { nameColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import { AttackNotice, ThreatTabs } from "./parts.tsx";

/**
 * `/threats`: the organisation's own threats, with search and category filters, under the
 * threat pages' tabs (the import one for admins: `canImport`); its columns, and how a threat
 * fills each (a phone shows the name and category).
 */
export const THREAT_TABLE: RecordListSpec<ThreatView, ThreatQuery, { canImport: boolean }> = {
  kind: THREAT_KIND,
  urls: listUrls(THREAT_KIND.path, threatQuerySchema),
  columns: [
    nameColumn(THREAT_KIND),
    {
      key: "category",
      label: "category",
      cell: (x, { view }) => <span class="badge">{view.t(`threats.category.${x.category}`)}</span>,
    },
    {
      key: null,
      label: "techniques",
      optional: true,
      class: "mono",
      cell: (x) => x.techniques.map((technique) => technique.attackId).join(" "),
    },
    {
      key: "updatedAt",
      label: "updated",
      optional: true,
      cell: (x, { view }) => view.fmt.dateTime(x.updatedAt),
    },
  ],
  back: "threats.showCurrent",
  tabs: ({ view, canImport }) => <ThreatTabs view={view} current="threats" canImport={canImport} />,
  after: ({ view }) => <AttackNotice view={view} />,
  fields: ({ choice }) => [choice("category", THREAT_CATEGORIES, { section: "field" })],
};
