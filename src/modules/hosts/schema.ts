import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { rollupColumns } from "../../db/schema/metrics-history.ts";
import { users } from "../../db/schema/users.ts";

/**
 * Enrolment tokens (`wen_…`) an admin hands to agents: one use or up to `maxUses`, until
 * `expiresAt`. Only a SHA-256 hash is stored; `prefix` tells tokens apart.
 */
export const enrolmentTokens = sqliteTable(
  "enrolment_tokens",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    maxUses: integer("max_uses").notNull(),
    uses: integer("uses").notNull().default(0),
    expiresAt: integer("expires_at").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("enrolment_tokens_hash_idx").on(t.tokenHash)],
);

/**
 * Hosts reporting through an agent. Each holds its own credential (only its SHA-256 hash),
 * the CMDB asset it is, the facts of its last hello and the latest figures at a glance.
 * The host Warden itself runs on is not a row: it is always the first host.
 */
export const hosts = sqliteTable(
  "hosts",
  {
    id: text("id").primaryKey(),
    hostname: text("hostname").notNull(),
    machineKey: text("machine_key").notNull(),
    assetId: text("asset_id"),
    credentialHash: text("credential_hash").notNull(),
    enrolmentTokenId: text("enrolment_token_id"),
    os: text("os").notNull().default(""),
    arch: text("arch").notNull().default(""),
    cores: integer("cores").notNull().default(0),
    memoryTotal: real("memory_total").notNull().default(0),
    agentVersion: text("agent_version").notNull().default(""),
    protocol: integer("protocol").notNull(),
    address: text("address"),
    /** Hub clock minus agent clock, ms, as last measured (added to the agent's timestamps). */
    clockSkewMs: integer("clock_skew_ms").notNull().default(0),
    lastSeenAt: integer("last_seen_at"),
    connected: integer("connected", { mode: "boolean" }).notNull().default(false),
    cpu: real("cpu"),
    memory: real("memory"),
    disk: real("disk"),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("hosts_credential_idx").on(t.credentialHash),
    index("hosts_machine_idx").on(t.machineKey),
  ],
);

/** A host row. */
export type HostRow = typeof hosts.$inferSelect;

/**
 * Every sample an agent sent: one row per host and tick, kept `hosts.sampleRetentionHours`.
 * `at` is hub time (the agent's `agentAt` plus the measured clock skew); keyed by the
 * agent's own time, so a batch sent twice (a lost ack) is stored once.
 */
export const hostSamples = sqliteTable(
  "host_samples",
  {
    hostId: text("host_id").notNull(),
    agentAt: integer("agent_at").notNull(),
    at: integer("at").notNull(),
    cpu: real("cpu").notNull(),
    memory: real("memory").notNull(),
    swap: real("swap").notNull(),
    load1: real("load1").notNull(),
    netRx: real("net_rx").notNull(),
    netTx: real("net_tx").notNull(),
    diskRead: real("disk_read").notNull(),
    diskWrite: real("disk_write").notNull(),
    processes: integer("processes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hostId, t.agentAt] }), index("host_samples_at_idx").on(t.hostId, t.at)],
);

/** Columns of both per-host rollup tables: the local history's, per host. */
const hostRollupColumns = () => ({ hostId: text("host_id").notNull(), ...rollupColumns() });

/** Per-minute rollups of each agent host's series (kept `monitor.retention.minuteDays`). */
export const hostMetricsMinute = sqliteTable("host_metrics_minute", hostRollupColumns(), (t) => [
  primaryKey({ columns: [t.hostId, t.series, t.bucket] }),
]);

/** Hourly rollups of each agent host's series (kept `monitor.retention.hourDays`). */
export const hostMetricsHour = sqliteTable("host_metrics_hour", hostRollupColumns(), (t) => [
  primaryKey({ columns: [t.hostId, t.series, t.bucket] }),
]);
