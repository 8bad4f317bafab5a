/**
 * Faults a running `warden serve` must live through (real processes, real file systems):
 * a full disk, the database made read-only, the database file removed, and faults that
 * escape every handler.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { mountSmallDisk, type SmallDisk, setImmutable } from "../helpers/file-faults.ts";
import { type ServerProcess, setupAdmin, startWarden, wardenEnv } from "../helpers/process.ts";

let disk: SmallDisk | null = null;
let server: ServerProcess | null = null;
afterEach(async () => {
  if (server && server.proc.exitCode === null) await server.stop();
  server = null;
  disk?.unmount();
  disk = null;
});

async function createIncident(headers: Record<string, string>, title: string): Promise<Response> {
  return fetch(`${server?.url}/api/v1/incidents`, {
    method: "POST",
    headers,
    body: JSON.stringify({ title, description: "x".repeat(2_000), severity: "low", category: "other" }),
  });
}

async function incidentTitles(headers: Record<string, string>): Promise<string[]> {
  const res = await fetch(`${server?.url}/api/v1/incidents?pageSize=200`, { headers });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { title: string }[] }).items.map((i) => i.title);
}

/** Statuses of writes until one is refused, at most `max`. */
async function writeUntilRefused(headers: Record<string, string>, max: number) {
  const statuses: number[] = [];
  let refused: Response | null = null;
  for (let i = 0; i < max && !refused; i++) {
    const res = await createIncident(headers, `while faulty ${i}`);
    statuses.push(res.status);
    if (res.status >= 400) refused = res;
    else await res.body?.cancel();
  }
  return { statuses, refused };
}

describe("faults of the database's file system", () => {
  test("a full disk: writes answer 503 with Retry-After, reads go on, writes work again once space is freed", async () => {
    disk = mountSmallDisk(8);
    server = await startWarden({ args: ["--data-dir", disk.path] });
    const headers = await setupAdmin(server);
    expect((await createIncident(headers, "before")).status).toBe(201);
    // Fill what is left; dd stops at ENOSPC.
    Bun.spawnSync(["dd", "if=/dev/zero", `of=${join(disk.path, "filler")}`, "bs=64k"], { stderr: "pipe" });
    const { statuses, refused } = await writeUntilRefused(headers, 300);
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get("Retry-After")).toBe("5");
    expect(refused?.headers.get("Content-Type")).toContain("application/problem+json");
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(await incidentTitles(headers)).toContain("before");

    rmSync(join(disk.path, "filler"));
    expect((await createIncident(headers, "after")).status).toBe(201);
    const titles = await incidentTitles(headers);
    expect(titles).toContain("before");
    expect(titles).toContain("after");
    // Every write acknowledged while the disk filled up is still there.
    const acknowledged = statuses.filter((s) => s === 201).length;
    expect(titles.filter((t) => t.startsWith("while faulty")).length).toBe(acknowledged);
    expect(server.logs.some((l) => l.msg === "database unavailable" && l.code === "SQLITE_FULL")).toBe(true);
    expect(server.logs.filter((l) => l.level === "error" && l.msg === "unhandled error")).toEqual([]);
  }, 60_000);

  test("the database made read-only while running: writes answer 503, reads go on, writes work again once writable", async () => {
    server = await startWarden();
    const headers = await setupAdmin(server);
    expect((await createIncident(headers, "before")).status).toBe(201);
    const files = ["warden.db", "warden.db-wal"].map((name) => join(server?.cwd as string, "data", name));
    setImmutable(files, true);
    try {
      const { refused } = await writeUntilRefused(headers, 5);
      expect(refused?.status).toBe(503);
      expect(refused?.headers.get("Retry-After")).toBe("5");
      expect(await incidentTitles(headers)).toContain("before");
    } finally {
      setImmutable(files, false);
    }
    // A connection opened while the file was read-only stays so until it is renewed: the
    // first write may still be refused (and renews it); the one after goes through.
    const after = [await createIncident(headers, "after")];
    if (after[0]?.status === 503) after.push(await createIncident(headers, "after"));
    expect(after.map((r) => r.status).at(-1)).toBe(201);
    expect(await incidentTitles(headers)).toEqual(expect.arrayContaining(["before", "after"]));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 60_000);

  test("the database file removed under the server: one clear log line and exit code 1, no stack dump", async () => {
    server = await startWarden();
    const headers = await setupAdmin(server);
    expect((await createIncident(headers, "doomed")).status).toBe(201);
    rmSync(join(server.cwd, "data", "warden.db"));
    const code = await Promise.race([server.proc.exited, Bun.sleep(15_000).then(() => "still running")]);
    expect(code).toBe(1);
    const line = server.logs.find((l) => String(l.msg).startsWith("stopping: the database file"));
    expect(String(line?.msg)).toContain("was removed while Warden ran");
    expect(server.logs.filter((l) => l.unparsed)).toEqual([]);
  }, 60_000);
});

describe("faults that escape every handler", () => {
  test("an unhandled rejection and an uncaught exception are logged and counted; the process keeps serving", async () => {
    const script = join(import.meta.dir, "../helpers/fault-guarded-server.ts");
    const proc = Bun.spawn(["bun", script], { env: wardenEnv(), stdout: "pipe", stderr: "pipe" });
    try {
      const reader = proc.stdout.getReader();
      const url = new TextDecoder().decode((await reader.read()).value).trim();
      expect((await fetch(`${url}/reject`)).status).toBe(202);
      expect((await fetch(`${url}/throw`)).status).toBe(202);
      await Bun.sleep(100);
      const after = await fetch(`${url}/failures`);
      expect(await after.json()).toEqual([["unhandled", 2]]);
    } finally {
      proc.kill();
      await proc.exited;
    }
    const log = await new Response(proc.stderr).text();
    expect(log).toContain('"msg":"unhandled rejection; still serving"');
    expect(log).toContain('"msg":"uncaught exception; still serving"');
    expect(log).toContain("rejected on purpose");
  }, 30_000);
});
