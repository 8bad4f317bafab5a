import { beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { getPriority, tmpdir } from "node:os";
import { join } from "node:path";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { runWarden, startWarden } from "../helpers/process.ts";
import * as records from "../helpers/record-api.ts";
import { useChildren } from "../helpers/sleep-process.ts";

const t = useTestApp({ monitor: { processIntervalMs: 500 } });
const children = useChildren();
beforeAll(() => t.metrics.start());

async function list(query: string, role: "admin" | "viewer" = "viewer") {
  const res = await t.as(role, `/api/v1/processes?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    at: number;
    total: number;
    items: { pid: number; ppid: number; name: string; command: string; depth: number; state: string }[];
  };
}

/** Polls the list until `check` holds (the table refreshes every monitor.processIntervalMs). */
async function until(query: string, check: (items: { pid: number }[]) => boolean, timeoutMs = 8000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check((await list(query)).items)) return;
    await Bun.sleep(200);
  }
  throw new Error(`condition on /processes?${query} not met within ${timeoutMs} ms`);
}

describe("GET /api/v1/processes", () => {
  test("lists a started process, found by its command line; columns are sane", async () => {
    const { proc, marker } = await children.sleep();
    await until(`q=${marker}`, (items) => items.some((p) => p.pid === proc.pid));
    const { items, total } = await list(`q=${marker}`);
    expect(total).toBe(1);
    const [p] = items;
    expect(p).toMatchObject({ pid: proc.pid, ppid: process.pid, name: "sleep", command: `sleep ${marker}` });
    expect(["sleeping", "running"]).toContain(p?.state ?? "");
    const full = (await list(`q=${proc.pid}`)).items.find((x) => x.pid === proc.pid) as Record<
      string,
      unknown
    >;
    expect(full.user).toBe(process.getuid?.() === 0 ? "root" : expect.any(String));
    expect(full.rss as number).toBeGreaterThan(0);
    expect(full.threads).toBe(1);
    expect(Math.abs((full.startedAt as number) - Date.now())).toBeLessThan(15_000);
  });

  test("sorts by any column both ways, filters by user and state, pages", async () => {
    const byPid = (await list("sort=pid&limit=5000")).items.map((p) => p.pid);
    expect(byPid).toEqual([...byPid].sort((a, b) => a - b));
    const desc = (await list("sort=-pid&limit=5000")).items.map((p) => p.pid);
    expect(desc).toEqual([...byPid].reverse());
    const names = (await list("sort=name&limit=5000")).items.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const sleeping = await list("state=sleeping&limit=5000");
    expect(sleeping.total).toBeGreaterThan(0);
    expect(sleeping.items.every((p) => p.state === "sleeping")).toBe(true);
    const page = await list("sort=pid&limit=2&offset=1");
    expect(page.items.map((p) => p.pid)).toEqual(byPid.slice(1, 3));
    const me = await list(`user=nobody-at-all-${Date.now()}`);
    expect(me.total).toBe(0);
  });

  test("tree view puts a parent before its children, one level deeper", async () => {
    const { proc } = await children.sleep();
    await until(`q=${proc.pid}`, (items) => items.some((p) => p.pid === proc.pid));
    const { items } = await list(`view=tree&q=${proc.pid}&limit=5000`);
    const parent = items.findIndex((p) => p.pid === process.pid);
    const child = items.findIndex((p) => p.pid === proc.pid);
    expect(parent).toBeGreaterThanOrEqual(0);
    expect(child).toBeGreaterThan(parent);
    expect(items[child]?.depth).toBe((items[parent]?.depth ?? 0) + 1);
  });

  test("bad sort, state or limit: 422 naming the field", async () => {
    await records.expectQueriesRefused(
      (role, path) => t.as(role, `/api/v1/processes${path}`),
      "sort=password&state=flying&limit=0&view=graph",
    );
  });
});

describe("GET /api/v1/processes/:pid", () => {
  test("details: argv, cwd, executable, open files, sockets; environment for admins only", async () => {
    const { proc, marker } = await children.sleep();
    const res = await t.as("viewer", `/api/v1/processes/${proc.pid}`);
    expect(res.status).toBe(200);
    const details = await res.json();
    expect(details).toMatchObject({
      pid: proc.pid,
      name: "sleep",
      argv: ["sleep", marker],
      cwd: process.cwd(),
    });
    expect(details.executable).toMatch(/sleep$/);
    expect(details.openFiles).toBeGreaterThanOrEqual(1);
    expect(details.environment).toBeNull();
    expect(details.connections).toEqual([]);
    const admin = await (await t.as("admin", `/api/v1/processes/${proc.pid}`)).json();
    expect(admin.environment).toBeObject();
    expect(admin.environment.PATH).toBeString();
  });

  test("secrets are masked: a child's secret-named variables, options and URL credentials; all of Warden's own environment", async () => {
    const script = "sleep 300; :";
    const proc = Bun.spawn(
      ["sh", "-c", script, "sh", "--password=hunter2", "--token", "hunter2", "--mode=fast"],
      {
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          FOO_PASSWORD: "hunter2",
          GITHUB_TOKEN: "hunter2",
          AWS_SECRET_ACCESS_KEY: "hunter2",
          API_KEY: "hunter2",
          DATABASE_URL: "libsql://ops:hunter2@db.example/warden?authToken=hunter2&tls=1",
          KEYBOARD: "us",
          PLAIN: "visible",
        },
        stdout: "ignore",
        stderr: "ignore",
      },
    );
    children.add(proc);
    for (const end = Date.now() + 5000; Date.now() < end; await Bun.sleep(20)) {
      const cmdline = await Bun.file(`/proc/${proc.pid}/cmdline`)
        .text()
        .catch(() => "");
      if (cmdline.includes("--mode=fast")) break;
    }
    await until(`q=${encodeURIComponent("--mode=fast")}`, (items) => items.some((p) => p.pid === proc.pid));
    const res = await t.as("admin", `/api/v1/processes/${proc.pid}`);
    expect(res.status).toBe(200);
    const details = await res.json();
    expect(JSON.stringify(details)).not.toContain("hunter2");
    expect(details.environment).toEqual({
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      FOO_PASSWORD: "********",
      GITHUB_TOKEN: "********",
      AWS_SECRET_ACCESS_KEY: "********",
      API_KEY: "********",
      DATABASE_URL: "libsql://ops:********@db.example/warden?authToken=********&tls=1",
      KEYBOARD: "us",
      PLAIN: "visible",
    });
    expect(details.argv).toEqual([
      "sh",
      "-c",
      script,
      "sh",
      "--password=********",
      "--token",
      "********",
      "--mode=fast",
    ]);
    const listed = (await list(`q=${encodeURIComponent("--mode=fast")}`, "admin")).items.find(
      (p) => p.pid === proc.pid,
    );
    expect(listed?.command).toBe(`sh -c ${script} sh --password=******** --token ******** --mode=fast`);

    const own = await (await t.as("admin", `/api/v1/processes/${process.pid}`)).json();
    expect(Object.keys(own.environment)).toContain("PATH");
    expect(new Set(Object.values(own.environment))).toEqual(new Set(["********"]));
  });

  test("a listening process shows its socket", async () => {
    const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    try {
      const details = await (await t.as("viewer", `/api/v1/processes/${process.pid}`)).json();
      expect(details.connections).toContainEqual(
        expect.objectContaining({ localAddress: "127.0.0.1", localPort: server.port, state: "LISTEN" }),
      );
    } finally {
      server.stop(true);
    }
  });

  test("unknown pid: 404; a pid that is not a number: 422", async () => {
    expect((await t.as("viewer", "/api/v1/processes/4194000")).status).toBe(404);
    expect((await t.as("viewer", "/api/v1/processes/abc")).status).toBe(422);
  });
});

describe("POST /api/v1/processes/:pid/signal and /renice", () => {
  test("an admin terminates a real process: it is gone from the list, and the action is audited", async () => {
    const { proc, marker } = await children.sleep();
    await until(`q=${marker}`, (items) => items.some((p) => p.pid === proc.pid));
    const res = await t.as("admin", `/api/v1/processes/${proc.pid}/signal`, jsonInit({ signal: "TERM" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pid: proc.pid, name: "sleep", signal: "TERM" });
    await proc.exited;
    expect(proc.signalCode).toBe("SIGTERM");
    await until(`q=${marker}`, (items) => items.length === 0);
    const audit = await (await t.as("admin", "/api/v1/audit?action=process.signal")).json();
    expect(JSON.stringify(audit)).toContain(String(proc.pid));
    expect(JSON.stringify(audit)).toContain("SIGTERM");
  });

  test("KILL, STOP and CONT reach the process", async () => {
    const { proc } = await children.sleep();
    const send = (signal: string) =>
      t.as("admin", `/api/v1/processes/${proc.pid}/signal`, jsonInit({ signal }));
    expect((await send("STOP")).status).toBe(200);
    await Bun.sleep(100);
    expect(statOf(proc.pid)).toBe("T");
    expect((await send("CONT")).status).toBe(200);
    await Bun.sleep(100);
    expect(statOf(proc.pid)).toBe("S");
    expect((await send("KILL")).status).toBe(200);
    await proc.exited;
    expect(proc.signalCode).toBe("SIGKILL");
  });

  test("viewers, analysts and managers get 403 and the process lives on", async () => {
    const { proc } = await children.sleep();
    for (const role of ["viewer", "analyst", "manager"] as const) {
      const res = await t.as(role, `/api/v1/processes/${proc.pid}/signal`, jsonInit({ signal: "KILL" }));
      expect(res.status).toBe(403);
      expect((await t.as(role, `/api/v1/processes/${proc.pid}/renice`, jsonInit({ nice: 5 }))).status).toBe(
        403,
      );
    }
    expect(proc.killed).toBe(false);
    expect(statOf(proc.pid)).toBe("S");
  });

  test("pid 1, Warden itself and its worker threads are refused; unknown pid 404; bad signal 422", async () => {
    const threads = readdirSync("/proc/self/task").map(Number);
    expect(threads.length).toBeGreaterThan(1);
    for (const pid of [1, process.pid, ...threads]) {
      const res = await t.as("admin", `/api/v1/processes/${pid}/signal`, jsonInit({ signal: "CONT" }));
      expect(res.status).toBe(403);
    }
    const selfRes = await t.as(
      "admin",
      `/api/v1/processes/${process.pid}/signal`,
      jsonInit({ signal: "TERM" }),
    );
    expect((await selfRes.json()).detail).toContain("Warden");
    expect(
      (await t.as("admin", "/api/v1/processes/4194000/signal", jsonInit({ signal: "TERM" }))).status,
    ).toBe(404);
    const bad = await t.as("admin", "/api/v1/processes/2/signal", jsonInit({ signal: "SEGV" }));
    expect(bad.status).toBe(422);
  });

  test("renice changes the nice value and is audited; out of range is 422", async () => {
    const { proc } = await children.sleep();
    const res = await t.as("admin", `/api/v1/processes/${proc.pid}/renice`, jsonInit({ nice: 7 }));
    expect(res.status).toBe(200);
    expect(getPriority(proc.pid)).toBe(7);
    expect((await t.as("admin", `/api/v1/processes/${proc.pid}/renice`, jsonInit({ nice: 20 }))).status).toBe(
      422,
    );
    const audit = await (await t.as("admin", "/api/v1/audit?action=process.renice")).json();
    expect(JSON.stringify(audit)).toContain(String(proc.pid));
  });
});

describe("a process the OS does not let Warden signal", () => {
  test("403 carrying the OS reason (EPERM); nothing happens to the process", async () => {
    // Warden runs as an unprivileged user (as root, drop to nobody), the target belongs to another user.
    const root = process.getuid?.() === 0;
    const cwd = mkdtempSync(join(tmpdir(), "warden-eperm-"));
    chmodSync(cwd, 0o777);
    const command = root
      ? [
          "setpriv",
          "--reuid=65534",
          "--regid=65534",
          "--clear-groups",
          "bun",
          join(import.meta.dir, "../../src/main.ts"),
        ]
      : undefined;
    const { proc } = await children.sleep();
    const target = root ? proc.pid : foreignPid();
    if (target === null) throw new Error("no process of another user to test with");
    const created = runWarden(
      [
        "user",
        "create",
        "--email",
        "op@example.test",
        "--username",
        "operator",
        "--role",
        "admin",
        "--password-stdin",
      ],
      {
        cwd,
        command,
        env: { HOME: cwd },
        stdin: "an-operator-password-42\n",
      },
    );
    expect(created.stderr).toBe("");
    const server = await startWarden({ cwd, command, env: { HOME: cwd } });
    try {
      const login = await fetch(
        `${server.url}/api/v1/auth/login`,
        jsonInit({ login: "operator", password: "an-operator-password-42" }),
      );
      expect(login.status).toBe(200);
      const { accessToken } = await login.json();
      const res = await fetch(
        `${server.url}/api/v1/processes/${target}/signal`,
        jsonInit({ signal: root ? "KILL" : "CONT" }, "POST", { Authorization: `Bearer ${accessToken}` }),
      );
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toBe(
        "The operating system refused: Operation not permitted (EPERM).",
      );
      if (root) expect(proc.killed || proc.exitCode !== null).toBe(false);
    } finally {
      await server.stop();
    }
  }, 30_000);
});

function statOf(pid: number): string {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  return text.slice(text.lastIndexOf(")") + 2, text.lastIndexOf(")") + 3);
}

/** A process of another user (not pid 1), for a test run without root. */
function foreignPid(): number | null {
  const me = process.getuid?.();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid <= 1) continue;
    try {
      if (statSync(`/proc/${pid}`).uid !== me) return pid;
    } catch {
      // Ended meanwhile.
    }
  }
  return null;
}
