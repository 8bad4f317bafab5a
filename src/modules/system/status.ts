import { z } from "zod";
import { embeddedFile } from "../../db/client.ts";
import { appliedMigrations } from "../../db/migrate.ts";
import type { AppDeps } from "../../deps.ts";

/** Status of this Warden instance as the API returns it. */
export const systemStatusSchema = z.object({
  version: z.string(),
  env: z.string(),
  hostName: z.string(),
  pid: z.number().int(),
  runtime: z.string(),
  startedAt: z.number().int().describe("Unix time in ms"),
  uptimeSeconds: z.number().int(),
  database: z.object({
    kind: z.enum(["file", "remote"]),
    location: z.string(),
    sizeBytes: z.number().int().nullable(),
    migrationsApplied: z.number().int(),
    migrationsKnown: z.number().int(),
  }),
});

/** What the status page and `GET /api/v1/system/status` report about this Warden. */
export type SystemStatus = z.infer<typeof systemStatusSchema>;

/** Where the database lives, safe to show: a file path or a server host. */
export function databaseLocation(url: string): { kind: "file" | "remote"; location: string } {
  if (url.startsWith("file:")) return { kind: "file", location: embeddedFile(url) ?? ":memory:" };
  return { kind: "remote", location: URL.parse(url)?.host ?? "(unparsable URL)" };
}

/** Collects the current status from facts about the process; reads the database for its size and migration count. */
export async function getSystemStatus(
  s: Pick<AppDeps, "version" | "hostName" | "startedAt" | "config" | "database" | "migrations">,
): Promise<SystemStatus> {
  const { client } = s.database;
  const config = s.config.get();
  const applied = await appliedMigrations(client);
  let sizeBytes: number | null = null;
  try {
    const pages = await client.execute(
      "SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()",
    );
    sizeBytes = Number(pages.rows[0]?.size ?? 0);
  } catch {
    // Remote libSQL servers may not expose page pragmas; the size is then unknown.
  }
  return {
    version: s.version,
    env: config.env,
    hostName: s.hostName,
    pid: process.pid,
    runtime: `Bun ${Bun.version}`,
    startedAt: s.startedAt,
    uptimeSeconds: Math.floor((Date.now() - s.startedAt) / 1000),
    database: {
      ...databaseLocation(config.database.url ?? ""),
      sizeBytes,
      migrationsApplied: applied.length,
      migrationsKnown: s.migrations.length,
    },
  };
}
