/** @jsxImportSource hono/jsx */
import type { ThreatQuery } from "../../../src/modules/threats/threat-input.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { AttackNotice, ThreatTabs } from "./parts.tsx";
import { THREAT_TABLE } from "./table.tsx";

/** Props of the threat list. */
export interface ThreatsPageProps extends RecordListState<ThreatView, ThreatQuery> {
  /** Admins import ATT&CK (the import tab). */
  canImport: boolean;
}

/**
 * `/threats`: the organisation's own threats, with search and category filters, sortable
 * columns and pages in the URL, refreshed when anyone changes a threat; for admins, the
 * deleted ones (`?deleted=only`), each with its restore button.
 */
export function ThreatsPage({ canImport, ...list }: ThreatsPageProps) {
  const { view } = list;
  return (
    <>
      <RecordList
        {...list}
        table={THREAT_TABLE}
        tabs={<ThreatTabs view={view} current="threats" canImport={canImport} />}
      />
      <AttackNotice view={view} />
    </>
  );
}
