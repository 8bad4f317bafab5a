import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ConfigChanges, LiveConfig } from "../../src/config/live.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/lib/log.ts";

let dir: string;
let lines: string[];
let live: LiveConfig;

function writeSecurity(value: unknown) {
  writeFileSync(join(dir, "config/security.json"), JSON.stringify(value));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-live-"));
  mkdirSync(join(dir, "config"));
  writeSecurity({ log: { level: "info" } });
  lines = [];
  const load = () => loadConfig({ cwd: dir, env: {} });
  live = new LiveConfig(
    load(),
    load,
    createLogger(
      () => ({ level: "debug", format: "json" }),
      (l) => lines.push(l),
    ),
  );
});
afterEach(() => {
  live.close();
  rmSync(dir, { recursive: true, force: true });
});

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe("LiveConfig.reload", () => {
  test("applies hot keys, reports the change to listeners, logs one line", () => {
    const seen: ConfigChanges[] = [];
    live.onChange((_c, changes) => seen.push(changes));
    writeSecurity({ log: { level: "warn" }, cors: { origins: ["https://x.example"] } });
    const result = live.reload("test");
    expect(result).toEqual({
      status: "applied",
      changed: ["log.level", "cors.origins"],
      restartRequired: [],
    });
    expect(live.get().log.level).toBe("warn");
    expect(live.get().cors.origins).toEqual(["https://x.example"]);
    expect(seen).toEqual([
      {
        "log.level": { before: "info", after: "warn" },
        "cors.origins": { before: [], after: ["https://x.example"] },
      },
    ]);
    expect(parsed()).toHaveLength(1);
    expect(parsed()[0]?.msg).toBe("config reload applied");
  });

  test("restart-only keys keep their running value and are named in the log", () => {
    writeSecurity({ log: { level: "debug" }, server: { port: 9999 }, dataDir: "/elsewhere" });
    const result = live.reload("test");
    expect(result).toMatchObject({ status: "applied", changed: ["log.level"] });
    expect(result.status === "applied" && result.restartRequired.sort()).toEqual([
      "dataDir",
      "database.url",
      "server.port",
    ]);
    expect(live.get().server.port).toBe(8000);
    expect(live.get().dataDir).toBe(join(dir, "data"));
    expect(live.get().log.level).toBe("debug");
    expect(parsed()[0]?.restartRequired).toEqual(["server.port", "dataDir", "database.url"]);
  });

  test("an invalid config is rejected whole: nothing changes and the log names the key", () => {
    writeSecurity({ log: { level: "warn" }, rateLimit: { groups: { api: { maxPerIp: -1 } } } });
    const result = live.reload("test");
    expect(result.status).toBe("rejected");
    expect(live.get().log.level).toBe("info");
    const [line] = parsed();
    expect(line?.level).toBe("error");
    expect(String(line?.problems)).toContain("rateLimit.groups.api.maxPerIp");
    writeFileSync(join(dir, "config/security.json"), "{ broken");
    expect(live.reload("test").status).toBe("rejected");
    expect(live.get().log.level).toBe("info");
  });

  test("watch() reloads within 2 s of a file change, including an editor's rename-over-save", async () => {
    live.watch(50);
    writeSecurity({ log: { level: "error" } });
    await waitFor(() => live.get().log.level === "error");
    const tmp = join(dir, "config/.security.json.swp");
    writeFileSync(tmp, JSON.stringify({ log: { level: "debug" } }));
    renameSync(tmp, join(dir, "config/security.json"));
    await waitFor(() => live.get().log.level === "debug");
  });
});

async function waitFor(check: () => boolean, timeoutMs = 2000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met within 2 s");
    await Bun.sleep(20);
  }
}
