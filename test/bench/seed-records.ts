// Seeds a benchmark server's database with records of several kinds straight through
// @libsql/client (WAL: the server keeps serving), each with its row in the one search index as
// the write path would have made it, so lists, their `q` and the global search all see them.
// Titles and bodies draw words from a fixed vocabulary, so two-word queries find some records.
import { join } from "node:path";
import { type Client, createClient, type InStatement } from "@libsql/client";
import { INCIDENT_STATUSES } from "../../src/kit/incident-statuses.ts";
import { SEVERITIES } from "../../src/lib/severity.ts";
import { ensureBinary, NO_RATE_LIMIT, type SignedInServer, startSignedInServer } from "./helpers.ts";
import { ms, printMachine } from "./report.ts";

/** Words records are written from (and queries are drawn from). */
export const VOCABULARY = [
  "ransomware",
  "phishing",
  "beacon",
  "lateral",
  "movement",
  "credential",
  "dump",
  "powershell",
  "macro",
  "exfiltration",
  "dns",
  "tunnel",
  "brute",
  "force",
  "ssh",
  "rdp",
  "vpn",
  "firewall",
  "proxy",
  "mailbox",
  "token",
  "privilege",
  "escalation",
  "kernel",
  "driver",
  "backdoor",
  "webshell",
  "scanner",
  "botnet",
  "wiper",
  "loader",
  "stealer",
  "keylogger",
  "persistence",
  "registry",
  "scheduled",
  "task",
  "service",
  "account",
  "anomaly",
  "outbound",
  "inbound",
  "database",
  "backup",
  "cloud",
  "bucket",
  "container",
  "cluster",
  "printer",
  "laptop",
] as const;

/** How many records of each kind to insert. */
export interface SeedCounts {
  incidents?: number;
  alerts?: number;
  assets?: number;
  vulnerabilities?: number;
}

/** A deterministic pseudo-random generator (mulberry32), so every run seeds the same text. */
export function randomOf(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An element of `list` picked by `random`. */
export function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)] as T;
}

function words(random: () => number, n: number): string {
  return Array.from({ length: n }, () => pick(VOCABULARY, random)).join(" ");
}

/** The database file of a server started in `workDir`. */
export function databaseOf(workDir: string): string {
  return join(workDir, "data", "warden.db");
}

/** One record: its table's insert and its search index row. */
function recordStatements(
  kind: string,
  insert: string,
  args: (string | number)[],
  title: string,
  body: string,
  at: number,
): InStatement[] {
  return [
    { sql: insert, args },
    {
      sql: "INSERT INTO search_index (kind, record_id, title, body, updated) VALUES (?, ?, ?, ?, ?)",
      args: [kind, args[0] as string, title, body, at],
    },
  ];
}

/** The statements of `n` records of `kind`, the i-th made by `make`. */
function* statementsOf(
  n: number,
  make: (i: number, id: string, at: number) => InStatement[],
): Generator<InStatement> {
  const now = Date.now();
  for (let i = 0; i < n; i++) yield* make(i, Bun.randomUUIDv7(), now - (n - i) * 60_000);
}

async function runBatches(client: Client, statements: Iterable<InStatement>): Promise<void> {
  let batch: InStatement[] = [];
  for (const statement of statements) {
    batch.push(statement);
    if (batch.length === 2000) {
      await client.batch(batch, "write");
      batch = [];
    }
  }
  if (batch.length > 0) await client.batch(batch, "write");
}

/** Inserts the records `counts` asks for into the database file `file`, with their search index rows. */
export async function seedRecords(file: string, counts: SeedCounts, seed = 20): Promise<void> {
  const random = randomOf(seed);
  // The server writes too (its own host record, rollups): wait for its lock instead of failing.
  const client = createClient({ url: `file:${file}`, timeout: 30_000 });
  try {
    await runBatches(
      client,
      statementsOf(counts.incidents ?? 0, (i, id, at) => {
        const title = `Incident ${i}: ${words(random, 3)} on host-${i % 250}`;
        const description = `${words(random, 12)}. Seen by rule ${i % 40}.`;
        const category = pick(["malware", "phishing", "network", "access"], random);
        return recordStatements(
          "incidents",
          "INSERT INTO incidents (id, title, description, severity, category, status, detected_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
          [
            id,
            title,
            description,
            pick(SEVERITIES, random),
            category,
            pick(INCIDENT_STATUSES, random),
            at,
            at,
            at,
          ],
          title,
          `${description} ${category}`,
          at,
        );
      }),
    );
    await runBatches(
      client,
      statementsOf(counts.alerts ?? 0, (i, id, at) => {
        const title = `${words(random, 3)} on host-${i % 500}`;
        const description = words(random, 10);
        return recordStatements(
          "alerts",
          "INSERT INTO alerts (id, title, description, severity, source, status, host, first_seen, last_seen, created_at, updated_at) VALUES (?, ?, ?, ?, 'rule', ?, ?, ?, ?, ?, ?)",
          [
            id,
            title,
            description,
            pick(SEVERITIES, random),
            pick(["new", "acknowledged", "closed"], random),
            `host-${i % 500}`,
            at,
            at,
            at,
            at,
          ],
          title,
          `${description} rule host-${i % 500}`,
          at,
        );
      }),
    );
    await runBatches(
      client,
      statementsOf(counts.assets ?? 0, (i, id, at) => {
        const name = `${pick(VOCABULARY, random)}-${i}`;
        const description = words(random, 8);
        return recordStatements(
          "assets",
          "INSERT INTO assets (id, name, asset_type, hostname, description, created_at, updated_at) VALUES (?, ?, 'server', ?, ?, ?, ?)",
          [id, name, `host-${i}`, description, at, at],
          name,
          `host-${i} ${description}`,
          at,
        );
      }),
    );
    await runBatches(
      client,
      statementsOf(counts.vulnerabilities ?? 0, (i, id, at) => {
        const cve = `CVE-2026-${String(10000 + i)}`;
        const title = `${words(random, 4)} flaw`;
        const description = words(random, 12);
        return recordStatements(
          "vulnerabilities",
          "INSERT INTO vulnerabilities (id, cve_id, title, description, severity, discovered_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          [id, cve, title, description, pick(SEVERITIES, random), at, at, at],
          title,
          `${cve} ${description}`,
          at,
        );
      }),
    );
    // Fold the bulk insert's write-ahead log into the database, as the server's own
    // checkpoints keep it small in normal operation (reads would otherwise wade through it).
    await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    client.close();
  }
}

/**
 * The set-up of a raw-libSQL-versus-Warden benchmark: prints the machine, builds the binary
 * (unless `dev`), starts a signed-in server without the rate limiter, fills its database with
 * `counts` (printing `seeded <what>` and how long that took), runs `body` on the server and
 * its database file, and stops the server whatever happens.
 */
export async function withSeededServer(
  dev: boolean,
  counts: SeedCounts,
  what: string,
  body: (server: SignedInServer, file: string) => Promise<void>,
): Promise<void> {
  await printMachine();
  if (!dev) await ensureBinary();
  const server = await startSignedInServer(dev ? "dev" : "binary", { env: NO_RATE_LIMIT });
  try {
    const file = databaseOf(server.workDir);
    const seeded = performance.now();
    await seedRecords(file, counts);
    console.log(`  seeded ${what} in ${ms(performance.now() - seeded)}`);
    await body(server, file);
  } finally {
    await server.stop();
  }
}
