import { and, eq, inArray, isNotNull, isNull, lt, not, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../kit/actor.ts";
import { countRows } from "../../kit/count-rows.ts";
import { assertCan } from "../../kit/rbac.ts";
import { liveChoices, liveSummaries, type RecordReader } from "../../kit/record-lookup.ts";
import { assigneeCondition, definePeopleQueries, personOf } from "../../kit/record-queries.ts";
import { chunks } from "../../lib/chunks.ts";
import { type Asset, assets } from "../assets/schema.ts";
import { type NamedTechnique, techniquesOf } from "../threats/technique-links.ts";
import type { VulnerabilityDeps } from "./deps.ts";
import type { VulnerabilityQuery } from "./input.ts";
import { VULNERABILITY } from "./kind.ts";
import {
  OPEN_VULNERABILITY_STATUSES,
  type Vulnerability,
  vulnerabilities,
  vulnerabilityAssets,
  vulnerabilityOrder,
} from "./schema.ts";
import { isOverdue } from "./workflow.ts";

/** An asset a vulnerability affects, as shown with it. */
export type AffectedAsset = Pick<Asset, "id" | "name" | "hostname" | "assetType" | "criticality">;

/** A vulnerability as the API and pages show it. */
export type VulnerabilityView = Omit<Vulnerability, "createdBy" | "assignedTo" | "overdueNotifiedAt"> & {
  /** Open or in progress and past the due date. */
  overdue: boolean;
  createdBy: { id: string; name: string } | null;
  assignedTo: { id: string; name: string } | null;
  /** The affected assets, by name. */
  assets: AffectedAsset[];
};

type Joined = { vulnerability: Vulnerability; creatorName: string | null; assigneeName: string | null };

/** The affected assets of each of `ids`, by name. */
async function assetsOf(db: RecordReader, ids: string[]): Promise<Map<string, AffectedAsset[]>> {
  const byVulnerability = new Map<string, AffectedAsset[]>(ids.map((id) => [id, []]));
  // Bounded chunks keep each statement well under SQLite's limit on parameters.
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .select({
        vulnerabilityId: vulnerabilityAssets.vulnerabilityId,
        id: assets.id,
        name: assets.name,
        hostname: assets.hostname,
        assetType: assets.assetType,
        criticality: assets.criticality,
      })
      .from(vulnerabilityAssets)
      .innerJoin(assets, eq(assets.id, vulnerabilityAssets.assetId))
      .where(inArray(vulnerabilityAssets.vulnerabilityId, part))
      .orderBy(sql`${assets.name} collate nocase`, assets.id);
    for (const { vulnerabilityId, ...asset } of rows) byVulnerability.get(vulnerabilityId)?.push(asset);
  }
  return byVulnerability;
}

async function toViews({ db }: { db: RecordReader }, rows: Joined[]): Promise<VulnerabilityView[]> {
  const affected = await assetsOf(
    db,
    rows.map((r) => r.vulnerability.id),
  );
  const now = Date.now();
  return rows.map(({ vulnerability: { overdueNotifiedAt: _told, ...v }, creatorName, assigneeName }) => ({
    ...v,
    overdue: isOverdue(v, now),
    createdBy: personOf(v.createdBy, creatorName),
    assignedTo: personOf(v.assignedTo, assigneeName),
    assets: affected.get(v.id) ?? [],
  }));
}

/** Open or in progress, with a due date before `now`. */
export function overdueCondition(now: number): SQL {
  return and(
    inArray(vulnerabilities.status, [...OPEN_VULNERABILITY_STATUSES]),
    isNotNull(vulnerabilities.dueAt),
    lt(vulnerabilities.dueAt, now),
  ) as SQL;
}

/** The condition of the `overdue` filter. */
function overdueFilter(overdue: VulnerabilityQuery["overdue"]): SQL | undefined {
  if (overdue === "true") return overdueCondition(Date.now());
  if (overdue === "false") return not(overdueCondition(Date.now()));
  return undefined;
}

/** Vulnerabilities as the record kit reads them, with their people's names and affected assets. */
export const vulnerabilityQueries = definePeopleQueries({
  table: vulnerabilities,
  kind: VULNERABILITY,
  people: { creator: vulnerabilities.createdBy, assignee: vulnerabilities.assignedTo },
  sort: vulnerabilityOrder(vulnerabilities),
  toViews,
  text: [vulnerabilities.cveId, vulnerabilities.title, vulnerabilities.description],
  equal: { status: vulnerabilities.status, severity: vulnerabilities.severity },
  filters: (query: VulnerabilityQuery) =>
    and(
      assigneeCondition(vulnerabilities.assignedTo, query.assignedTo),
      query.assetId
        ? sql`exists (select 1 from ${vulnerabilityAssets} where ${vulnerabilityAssets.vulnerabilityId} = ${vulnerabilities.id} and ${vulnerabilityAssets.assetId} = ${query.assetId})`
        : undefined,
      overdueFilter(query.overdue),
    ),
});

/**
 * A page of vulnerabilities, filtered and sorted (every role that reads them); one as shown
 * (404 when there is none, or it is deleted unless `includeDeleted`).
 */
export const { list: listVulnerabilities, findView } = vulnerabilityQueries;

/** A vulnerability as its page and `GET` show it: with the ATT&CK techniques it names. */
export type VulnerabilityDetails = VulnerabilityView & { techniques: NamedTechnique[] };

/** One vulnerability with its affected assets and techniques (every role that reads them). */
export async function getVulnerability(
  deps: VulnerabilityDeps,
  actor: Actor,
  id: string,
): Promise<VulnerabilityDetails> {
  const view = await vulnerabilityQueries.get(deps, actor, id);
  return { ...view, techniques: await techniquesOf(deps.db, "vulnerability", view.id) };
}

/** How many vulnerabilities (not deleted) are overdue now (every role that reads them). */
export async function countOverdue(deps: VulnerabilityDeps, actor: Actor): Promise<number> {
  assertCan(actor, "read", "vulnerabilities");
  return countRows(
    deps.db,
    vulnerabilities,
    and(isNull(vulnerabilities.deletedAt), overdueCondition(Date.now())),
  );
}

/** The live (not deleted) vulnerabilities among `ids` (id, title, CVE id), for records linking to them. */
export async function vulnerabilitySummaries(db: RecordReader, ids: readonly string[]) {
  const fields = { id: vulnerabilities.id, title: vulnerabilities.title, cveId: vulnerabilities.cveId };
  return liveSummaries(db, vulnerabilities, fields, ids);
}

/** The live vulnerabilities a picker offers (id and title), by title. */
export function vulnerabilityChoices(db: RecordReader): Promise<{ id: string; name: string }[]> {
  return liveChoices(db, vulnerabilities, vulnerabilities.title);
}
