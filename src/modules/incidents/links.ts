import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { announceChange, auditChange, changeKindOf, type RecordEventDeps } from "../../kit/record-events.ts";
import { historyEntry } from "../../kit/record-history.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { Validation } from "../../lib/errors.ts";
import { assets } from "../assets/schema.ts";
import { assetNames } from "../assets/service.ts";
import { vulnerabilities } from "../vulnerabilities/schema.ts";
import { INCIDENT } from "./kind.ts";
import { incidentAssets, incidentVulnerabilities } from "./links-schema.ts";
import { incidentEvents, incidents } from "./schema.ts";

/** What an incident can be linked to. */
export const LINK_KINDS = ["asset", "vulnerability"] as const;

/** A link request from a page: the kind and the record's id. */
export const linkSchema = z.object({
  kind: z.enum(LINK_KINDS, { error: "Choose an asset or a vulnerability." }),
  targetId: z.string().min(1, "Choose a record to link.").max(64),
});

/** The records an incident is linked to, by name, for its page and its API answer. */
export type IncidentLinks = Awaited<ReturnType<typeof incidentLinks>>;

/** The linked assets and (not deleted) vulnerabilities of an incident. */
export async function incidentLinks(deps: RecordEventDeps, incidentId: string) {
  const [linkedAssets, linkedVulnerabilities] = await Promise.all([
    deps.db
      .select({ id: assets.id, name: assets.name, criticality: assets.criticality })
      .from(incidentAssets)
      .innerJoin(assets, eq(assets.id, incidentAssets.assetId))
      .where(eq(incidentAssets.incidentId, incidentId))
      .orderBy(sql`${assets.name} collate nocase`),
    deps.db
      .select({
        id: vulnerabilities.id,
        title: vulnerabilities.title,
        cveId: vulnerabilities.cveId,
        severity: vulnerabilities.severity,
      })
      .from(incidentVulnerabilities)
      .innerJoin(vulnerabilities, eq(vulnerabilities.id, incidentVulnerabilities.vulnerabilityId))
      .where(and(eq(incidentVulnerabilities.incidentId, incidentId), isNull(vulnerabilities.deletedAt)))
      .orderBy(asc(vulnerabilities.title)),
  ]);
  return { assets: linkedAssets, vulnerabilities: linkedVulnerabilities };
}

/** The name a timeline entry and the audit use for a linked record; 422 when it does not exist. */
async function targetName(deps: RecordEventDeps, { kind, targetId }: z.infer<typeof linkSchema>) {
  if (kind === "asset") {
    const name = (await assetNames(deps.db, [targetId])).get(targetId);
    if (name === undefined) throw new Validation({ targetId: "No such asset." }, "No such asset.");
    return name;
  }
  const [row] = await deps.db
    .select({ title: vulnerabilities.title, cveId: vulnerabilities.cveId })
    .from(vulnerabilities)
    .where(and(eq(vulnerabilities.id, targetId), isNull(vulnerabilities.deletedAt)))
    .limit(1);
  if (!row) throw new Validation({ targetId: "No such vulnerability." }, "No such vulnerability.");
  return row.cveId ? `${row.cveId} ${row.title}` : row.title;
}

/** Where each kind of link is stored: its table and the column (and field) naming the linked record. */
const LINK_TABLES = {
  asset: { table: incidentAssets, target: incidentAssets.assetId, key: "assetId" },
  vulnerability: {
    table: incidentVulnerabilities,
    target: incidentVulnerabilities.vulnerabilityId,
    key: "vulnerabilityId",
  },
} as const;

const INCIDENT_CHANGES = changeKindOf(INCIDENT);

/**
 * Links an incident to an asset or a vulnerability (analysts and up), or removes the link;
 * recorded on the timeline, audited and announced. Linking twice or removing a link that
 * is not there changes nothing and answers `changed: false`.
 */
export async function setIncidentLink(
  deps: RecordEventDeps,
  actor: Actor,
  incidentId: string,
  link: z.infer<typeof linkSchema>,
  linked: boolean,
  request?: RequestFacts,
): Promise<{ changed: boolean }> {
  assertCan(actor, "update", "incidents");
  await findRow(deps.db, incidents, "incident", incidentId);
  const name = await targetName(deps, link);
  const now = Date.now();
  const change = {
    actor,
    request,
    id: incidentId,
    action: linked ? "incident.link" : "incident.unlink",
    changes: {
      [link.kind]: linked ? { before: null, after: link.targetId } : { before: link.targetId, after: null },
    },
    event: "incident.updated",
  };
  const { table, target, key } = LINK_TABLES[link.kind];
  // A computed key reads as any field to TypeScript: `key` is the one `target` stores.
  const row = { incidentId, [key]: link.targetId, createdAt: now } as typeof table.$inferInsert;
  const changed = await deps.db.transaction(async (tx) => {
    const rows = linked
      ? await tx.insert(table).values(row).onConflictDoNothing().returning()
      : await tx
          .delete(table)
          .where(and(eq(table.incidentId, incidentId), eq(target, link.targetId)))
          .returning();
    if (rows.length === 0) return false;
    const entry = { kind: linked ? "link" : "unlink", fromValue: link.kind, toValue: name } as const;
    await tx.insert(incidentEvents).values(historyEntry("incidentId", incidentId, actor, entry, now));
    await auditChange(tx, INCIDENT_CHANGES, change);
    return true;
  });
  if (changed) announceChange(deps.bus, INCIDENT_CHANGES, change);
  return { changed };
}

/** Records an incident can be linked to, for the picker on its page (every role that reads incidents). */
export async function linkChoices(deps: RecordEventDeps, actor: Actor) {
  assertCan(actor, "read", "incidents");
  const [assetRows, vulnerabilityRows] = await Promise.all([
    deps.db
      .select({ id: assets.id, label: assets.name })
      .from(assets)
      .orderBy(sql`${assets.name} collate nocase`)
      .limit(500),
    deps.db
      .select({ id: vulnerabilities.id, title: vulnerabilities.title, cveId: vulnerabilities.cveId })
      .from(vulnerabilities)
      .where(isNull(vulnerabilities.deletedAt))
      .orderBy(asc(vulnerabilities.title))
      .limit(500),
  ]);
  return {
    assets: assetRows,
    vulnerabilities: vulnerabilityRows.map((v) => ({
      id: v.id,
      label: v.cveId ? `${v.cveId} · ${v.title}` : v.title,
    })),
  };
}
