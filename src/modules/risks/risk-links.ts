import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../../db/transaction.ts";
import type { RecordReader } from "../../kit/record-lookup.ts";
import { Validation } from "../../lib/errors.ts";
import { assetNames } from "../assets/service.ts";
import { incidentSummaries } from "../incidents/techniques.ts";
import { threatSummaries } from "../threats/threat-queries.ts";
import { vulnerabilitySummaries } from "../vulnerabilities/queries.ts";
import { RISK_LINK_KINDS, type RiskLinkKind, riskLinks } from "./schema.ts";

/*
 * A risk's links to assets, vulnerabilities, incidents and own threats. The linked records
 * belong to other modules: they are looked up only through those modules' exported
 * functions, which answer the live (existing, not deleted) ones.
 */

/** A linked record as a risk shows it. */
export interface LinkedRecord {
  id: string;
  name: string;
}

/** The linked records of a risk, by kind. */
export type RiskLinks = Record<RiskLinkKind, LinkedRecord[]>;

/** How each kind of link is named in inputs, found and shown. */
export const LINK_SOURCES: Record<
  RiskLinkKind,
  {
    field: "assetIds" | "vulnerabilityIds" | "incidentIds" | "threatIds";
    noun: string;
    /** The page of one record: this plus its id. */
    href: string;
    live: (db: RecordReader, ids: string[]) => Promise<LinkedRecord[]>;
  }
> = {
  asset: {
    field: "assetIds",
    noun: "asset",
    href: "/cmdb/",
    live: async (db, ids) => [...(await assetNames(db, ids))].map(([id, name]) => ({ id, name })),
  },
  vulnerability: {
    field: "vulnerabilityIds",
    noun: "vulnerability",
    href: "/vulnerabilities/",
    live: async (db, ids) =>
      (await vulnerabilitySummaries(db, ids)).map((v) => ({
        id: v.id,
        name: v.cveId ? `${v.cveId} ${v.title}` : v.title,
      })),
  },
  incident: {
    field: "incidentIds",
    noun: "incident",
    href: "/incidents/",
    live: async (db, ids) => (await incidentSummaries(db, ids)).map((i) => ({ id: i.id, name: i.title })),
  },
  threat: { field: "threatIds", noun: "threat", href: "/threats/", live: threatSummaries },
};

/** The link lists an input carries, by input field. */
export type LinkInput = Partial<Record<(typeof LINK_SOURCES)[RiskLinkKind]["field"], string[]>>;

/** The link lists of `input` that it gives, by kind. */
export function linksAsked(input: LinkInput): Partial<Record<RiskLinkKind, string[]>> {
  const asked: Partial<Record<RiskLinkKind, string[]>> = {};
  for (const kind of RISK_LINK_KINDS) {
    const ids = input[LINK_SOURCES[kind].field];
    if (ids) asked[kind] = [...ids].sort();
  }
  return asked;
}

/**
 * Refuses (422 naming each field) ids that name no live record: never created, or deleted.
 * Run in the change's transaction, so nothing is written when one is refused.
 */
export async function checkLinks(
  db: RecordReader,
  asked: Partial<Record<RiskLinkKind, string[]>>,
): Promise<void> {
  const errors: Record<string, string> = {};
  for (const kind of RISK_LINK_KINDS) {
    const ids = asked[kind];
    if (!ids || ids.length === 0) continue;
    const { field, noun, live } = LINK_SOURCES[kind];
    const found = new Set((await live(db, ids)).map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0)
      errors[field] =
        `No ${noun} ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""} (unknown or deleted): link ${noun === "asset" ? "assets" : `${noun}s`} that exist.`;
  }
  if (Object.keys(errors).length > 0) throw new Validation(errors);
}

/**
 * The link lists `asked` (an edit's) as they replace the `stored` ones: each keeps the stored
 * links to records that are not live. A deleted record's link is kept for a restore but not
 * shown, so an edit, which names the links it was shown, neither sees nor drops it.
 */
export async function withHiddenLinks(
  db: RecordReader,
  stored: Record<RiskLinkKind, string[]>,
  asked: Partial<Record<RiskLinkKind, string[]>>,
): Promise<Partial<Record<RiskLinkKind, string[]>>> {
  const lists: Partial<Record<RiskLinkKind, string[]>> = {};
  for (const kind of RISK_LINK_KINDS) {
    const ids = asked[kind];
    if (!ids) continue;
    const live = new Set((await LINK_SOURCES[kind].live(db, stored[kind])).map((r) => r.id));
    const hidden = stored[kind].filter((id) => !live.has(id) && !ids.includes(id));
    lists[kind] = [...ids, ...hidden].sort();
  }
  return lists;
}

/** The stored link ids of risk `riskId`, by kind, sorted. */
export async function storedLinks(db: RecordReader, riskId: string): Promise<Record<RiskLinkKind, string[]>> {
  const rows = await db
    .select({ kind: riskLinks.kind, recordId: riskLinks.recordId })
    .from(riskLinks)
    .where(eq(riskLinks.riskId, riskId));
  const stored = Object.fromEntries(RISK_LINK_KINDS.map((k) => [k, [] as string[]])) as Record<
    RiskLinkKind,
    string[]
  >;
  for (const row of rows) stored[row.kind].push(row.recordId);
  for (const kind of RISK_LINK_KINDS) stored[kind].sort();
  return stored;
}

/** Makes risk `riskId` link exactly `ids` of `kind`, with `tx`. */
export async function writeLinks(tx: Tx, riskId: string, kind: RiskLinkKind, ids: string[]): Promise<void> {
  await tx.delete(riskLinks).where(and(eq(riskLinks.riskId, riskId), eq(riskLinks.kind, kind)));
  if (ids.length > 0) await tx.insert(riskLinks).values(ids.map((recordId) => ({ riskId, kind, recordId })));
}

/** The live linked records of each of `riskIds`, by name; a deleted record's link stays stored but is not shown. */
export async function linksOf(db: RecordReader, riskIds: string[]): Promise<Map<string, RiskLinks>> {
  const result = new Map<string, RiskLinks>(
    riskIds.map((id) => [id, { asset: [], vulnerability: [], incident: [], threat: [] }]),
  );
  if (riskIds.length === 0) return result;
  const rows = await db.select().from(riskLinks).where(inArray(riskLinks.riskId, riskIds));
  for (const kind of RISK_LINK_KINDS) {
    const ofKind = rows.filter((r) => r.kind === kind);
    if (ofKind.length === 0) continue;
    const live = new Map(
      (await LINK_SOURCES[kind].live(db, [...new Set(ofKind.map((r) => r.recordId))])).map((r) => [r.id, r]),
    );
    for (const row of ofKind) {
      const record = live.get(row.recordId);
      if (record) result.get(row.riskId)?.[kind].push(record);
    }
  }
  for (const links of result.values())
    for (const kind of RISK_LINK_KINDS) links[kind].sort((a, b) => a.name.localeCompare(b.name));
  return result;
}
