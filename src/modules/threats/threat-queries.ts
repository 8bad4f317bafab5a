import { and, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { foundOr404, isRecord, liveChoices } from "../../kit/record-lookup.ts";
import { deletedCondition } from "../../kit/soft-delete.ts";
import { readPage } from "../../lib/list-page.ts";
import { containsText, orderByOf, type Page, rankOf } from "../../lib/list-query.ts";
import type { Bus } from "../../realtime/bus.ts";
import { THREAT_CATEGORIES, type Threat, threats } from "./schema.ts";
import { type NamedTechnique, techniquesByRecord } from "./technique-links.ts";
import type { ThreatQuery } from "./threat-input.ts";

/** What the threat services need. */
export interface ThreatDeps {
  db: Db;
  bus?: Bus;
}

/** A threat as the API and pages show it. */
export type ThreatView = Omit<Threat, "createdBy"> & {
  createdBy: { id: string; name: string } | null;
  techniques: NamedTechnique[];
};

const SORT_COLUMNS = {
  name: sql`${threats.name} collate nocase`,
  category: rankOf(threats.category, THREAT_CATEGORIES),
  createdAt: threats.createdAt,
  updatedAt: threats.updatedAt,
};

function joined(db: Db) {
  return db
    .select({ threat: threats, creatorName: users.displayName })
    .from(threats)
    .leftJoin(users, eq(users.id, threats.createdBy));
}

async function toViews(
  db: Db,
  rows: { threat: Threat; creatorName: string | null }[],
): Promise<ThreatView[]> {
  const techniques = await techniquesByRecord(
    db,
    "threat",
    rows.map((r) => r.threat.id),
  );
  return rows.map(({ threat: { createdBy, ...rest }, creatorName }) => ({
    ...rest,
    createdBy: createdBy ? { id: createdBy, name: creatorName ?? "" } : null,
    techniques: techniques.get(rest.id) ?? [],
  }));
}

function filtersOf(actor: Actor, query: ThreatQuery): SQL | undefined {
  return and(
    deletedCondition(actor, "threats", threats.deletedAt, query.deleted),
    query.category ? eq(threats.category, query.category) : undefined,
    query.q ? containsText([threats.name, threats.description], query.q) : undefined,
  );
}

/** A page of threats, filtered and sorted (every role). */
export async function listThreats(
  deps: ThreatDeps,
  actor: Actor,
  query: ThreatQuery,
): Promise<Page<ThreatView>> {
  assertCan(actor, "read", "threats");
  const where = filtersOf(actor, query);
  const page = await readPage(
    query,
    deps.db.select({ n: count() }).from(threats).where(where),
    joined(deps.db)
      .where(where)
      .orderBy(...orderByOf(query.sort, SORT_COLUMNS, threats.id)),
  );
  return { ...page, items: await toViews(deps.db, page.items) };
}

/** Every threat matching the filters, for an export. */
export async function exportThreats(
  deps: ThreatDeps,
  actor: Actor,
  query: ThreatQuery,
): Promise<ThreatView[]> {
  assertCan(actor, "read", "threats");
  const rows = await joined(deps.db)
    .where(filtersOf(actor, query))
    .orderBy(...orderByOf(query.sort, SORT_COLUMNS, threats.id));
  return toViews(deps.db, rows);
}

/** Threat `id` as shown; 404 when unknown or deleted (unless `includeDeleted`). */
export async function findThreatView(db: Db, id: string, includeDeleted = false): Promise<ThreatView> {
  const [row] = await joined(db)
    .where(isRecord(threats, id, includeDeleted))
    .limit(1);
  const [view] = await toViews(db, [foundOr404(row, "threat", id)]);
  return view as ThreatView;
}

/** One threat (every role). */
export async function getThreat(deps: ThreatDeps, actor: Actor, id: string): Promise<ThreatView> {
  assertCan(actor, "read", "threats");
  return findThreatView(deps.db, id);
}

/** The live threats among `ids` (id and name), for a technique's page and a risk's links. */
export async function threatSummaries(
  db: Pick<Db, "select">,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: threats.id, name: threats.name })
    .from(threats)
    .where(and(inArray(threats.id, [...ids]), sql`${threats.deletedAt} is null`));
}

/** The live threats a picker offers (id and name), by name. */
export function threatChoices(db: Pick<Db, "select">): Promise<{ id: string; name: string }[]> {
  return liveChoices(db, threats, threats.name);
}
