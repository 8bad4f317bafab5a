import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import type { AppDeps } from "../../deps.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import { NotFound } from "../../lib/errors.ts";
import { type HostRow, hosts } from "./schema.ts";

/** A host's state on the Hosts page: `revoked` agents stay listed until removed. */
export const HOST_STATUSES = ["up", "stale", "down", "revoked"] as const;

/** Id of the host Warden itself runs on (always the first host). */
export const LOCAL_HOST_ID = "local";

/** A host as listed. */
export const hostSchema = z.object({
  id: z.string(),
  kind: z.enum(["local", "agent"]),
  hostname: z.string(),
  status: z.enum(HOST_STATUSES),
  lastSeenAt: z.number().int().nullable(),
  os: z.string(),
  arch: z.string(),
  cores: z.number().int(),
  memoryTotal: z.number(),
  cpu: z.number().nullable(),
  memory: z.number().nullable(),
  disk: z.number().nullable(),
  agentVersion: z.string().nullable(),
  address: z.string().nullable(),
  clockSkewMs: z.number().int(),
  assetId: z.string().nullable(),
});

/** A listed host. */
export type HostView = z.infer<typeof hostSchema>;

/** What reading hosts needs: the database, the configuration, the local host's name and state (the metrics hub). */
export type HostReadDeps = Pick<AppDeps, "database" | "config" | "hostName" | "metrics">;

/** The row of agent host `id`. @throws NotFound when no host has that id. */
export async function assertHostExists(db: Db, id: string): Promise<HostRow> {
  const [row] = await db.select().from(hosts).where(eq(hosts.id, id));
  if (!row) throw new NotFound("No host has this id.");
  return row;
}

/** The status of an agent host from its connection and how long ago it was last heard. */
export function hostStatus(
  row: Pick<HostRow, "revokedAt" | "connected" | "lastSeenAt">,
  config: ConfigSource,
  now: number,
) {
  if (row.revokedAt !== null) return "revoked" as const;
  const { staleAfterSeconds, downAfterSeconds } = config.get().hosts;
  const silent = row.lastSeenAt === null ? Number.POSITIVE_INFINITY : now - row.lastSeenAt;
  if (row.connected && silent < staleAfterSeconds * 1000) return "up" as const;
  return silent < downAfterSeconds * 1000 ? ("stale" as const) : ("down" as const);
}

/** The host Warden runs on, as listed. */
export function localHost(deps: HostReadDeps, now: number): HostView {
  const { host, latest, filesystems } = deps.metrics.snapshot();
  return {
    id: LOCAL_HOST_ID,
    kind: "local",
    hostname: host?.hostname || deps.hostName,
    status: latest && now - latest.at < deps.config.get().hosts.staleAfterSeconds * 1000 ? "up" : "stale",
    lastSeenAt: latest?.at ?? null,
    os: host ? `${host.distribution} ${host.release}`.trim() || host.os : "",
    arch: host?.arch ?? "",
    cores: host?.cores ?? 0,
    memoryTotal: host?.memoryTotal ?? 0,
    cpu: latest?.cpu.busy ?? null,
    memory: latest && latest.memory.total > 0 ? (latest.memory.used / latest.memory.total) * 100 : null,
    disk: filesystems.length > 0 ? Math.max(...filesystems.map((f) => f.usePercent)) : null,
    agentVersion: null,
    address: null,
    clockSkewMs: 0,
    assetId: null,
  };
}

/** An agent's host row as listed (the fields of {@link hostSchema}, in its order), its status judged at `now`. */
export function agentHostView(row: HostRow, config: ConfigSource, now: number): HostView {
  return hostSchema.parse({ ...row, kind: "agent", status: hostStatus(row, config, now) });
}

/** Every host: the local one first, then the agents by name. */
export async function listHosts(deps: HostReadDeps, actor: Actor): Promise<HostView[]> {
  assertCan(actor, "read", "hosts");
  const now = Date.now();
  const rows = await deps.database.db.select().from(hosts).orderBy(asc(hosts.hostname), asc(hosts.id));
  return [localHost(deps, now), ...rows.map((row) => agentHostView(row, deps.config, now))];
}
