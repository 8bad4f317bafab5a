import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { systemActor } from "../../kit/actor.ts";
import { recordAudit } from "../../kit/audit.ts";
import type { CoreDeps } from "../../kit/core-deps.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import { credentialRevocation } from "../../kit/revocation.ts";
import { registerHost } from "../assets/registration.ts";
import { hashToken, newOpaqueToken } from "../auth/opaque-tokens.ts";
import { redeemEnrolmentToken } from "./enrolment.ts";
import type { Hello } from "./protocol.ts";
import { type HostRow, hosts } from "./schema.ts";

/** Prefix of every agent credential secret. */
const CREDENTIAL_PREFIX = "wag_";

/** What the hub's host services need. */
export type HostDeps = Pick<CoreDeps, "db" | "bus">;

/** The outcome of a hello's credential or enrolment token. */
export type AgentAdmission =
  | { ok: true; host: HostRow; credential?: { id: string; secret: string } }
  | { ok: false; reason: "unauthorized" | "revoked"; message: string };

/** A refused admission: why, for the agent and the log. */
function refused(reason: "unauthorized" | "revoked", message: string): AgentAdmission {
  return { ok: false, reason, message };
}

/** The facts of a hello as the host row keeps them. */
function factsOf(hello: Hello, address: string | null, now: number) {
  const { host } = hello;
  return {
    hostname: host.hostname,
    machineKey: hello.machineKey,
    os: `${host.distribution} ${host.release}`.trim() || host.os,
    arch: host.arch,
    cores: host.cores,
    memoryTotal: host.memoryTotal,
    agentVersion: hello.agentVersion,
    protocol: hello.protocol,
    address,
    lastSeenAt: now,
    connected: true,
  };
}

/**
 * Admits an agent by its hello: an enrolled agent by its credential, a new one by an
 * enrolment token (used once, in the same transaction as its host row and audit entry;
 * an agent of a machine already enrolled takes over that host row with a new credential).
 * A refusal says why, for the agent and the log.
 */
export async function admitAgent(
  deps: HostDeps,
  hello: Hello,
  address: string | null,
): Promise<AgentAdmission> {
  const now = Date.now();
  if (hello.credential) {
    const [host] = await deps.db.select().from(hosts).where(eq(hosts.id, hello.credential.id));
    if (!host || host.credentialHash !== hashToken(hello.credential.secret))
      return refused("unauthorized", "unknown agent credential: enrol the agent again");
    if (host.revokedAt !== null) return refused("revoked", "this agent was revoked on the hub");
    const [updated] = await deps.db
      .update(hosts)
      .set(factsOf(hello, address, now))
      .where(eq(hosts.id, host.id))
      .returning();
    return { ok: true, host: updated ?? host };
  }
  if (!hello.enrol) return refused("unauthorized", "send a credential or an enrolment token");
  const token = hello.enrol.token;
  const secret = newOpaqueToken(CREDENTIAL_PREFIX);
  const enrolled = await deps.db.transaction(async (tx) => {
    const tokenId = await redeemEnrolmentToken(tx, token, now);
    if (!tokenId) return null;
    const [same] = await tx
      .select()
      .from(hosts)
      .where(and(eq(hosts.machineKey, hello.machineKey), isNull(hosts.revokedAt)))
      .limit(1);
    const values = {
      ...factsOf(hello, address, now),
      credentialHash: hashToken(secret),
      enrolmentTokenId: tokenId,
    };
    const [row] = same
      ? await tx.update(hosts).set(values).where(eq(hosts.id, same.id)).returning()
      : await tx
          .insert(hosts)
          .values({ id: Bun.randomUUIDv7(), createdAt: now, ...values })
          .returning();
    if (!row) return null;
    await recordAudit(tx, {
      actor: systemActor("agent enrolment"),
      action: "host.enrol",
      resourceType: "host",
      resourceId: row.id,
      changes: createdChanges({ hostname: row.hostname, enrolmentTokenId: tokenId }),
      request: { ip: address },
    });
    return row;
  });
  if (!enrolled) return refused("unauthorized", "enrolment token unknown, expired, revoked or used up");
  return { ok: true, host: enrolled, credential: { id: enrolled.id, secret } };
}

/**
 * Makes the agent's host a CMDB asset (created, or matched by its machine key) and links
 * it to the host row; the assets service audits what it changes.
 */
export async function linkHostAsset(deps: HostDeps, host: HostRow, hello: Hello): Promise<string> {
  const { asset } = await registerHost(deps, {
    hostname: hello.host.hostname,
    os: `${hello.host.distribution} ${hello.host.release}`.trim() || hello.host.os,
    ipAddresses: hello.host.ipAddresses,
    machineKey: hello.machineKey,
  });
  if (asset.id !== host.assetId)
    await deps.db.update(hosts).set({ assetId: asset.id }).where(eq(hosts.id, host.id));
  return asset.id;
}

/** Marks a host disconnected (its socket closed), or every host (a hub starting: no agent is connected yet). */
export async function markDisconnected(db: Db, hostId?: string): Promise<void> {
  await db
    .update(hosts)
    .set({ connected: false })
    .where(hostId === undefined ? undefined : eq(hosts.id, hostId));
}

/**
 * Revokes an agent: its credential is refused from now on and the bus tells the gateway,
 * which closes its socket at once (`host.revoked`). Audited.
 */
export const revokeHost = credentialRevocation({
  resource: "hosts",
  action: "host.revoke",
  resourceType: "host",
  table: hosts,
  missing: "No enrolled host with this id.",
  set: { connected: false },
  revoked: (deps: HostDeps, _actor, id) => deps.bus.publish("hosts", "host.revoked", { id }),
});
