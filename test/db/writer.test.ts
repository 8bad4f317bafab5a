import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type Database, openDatabase } from "../../src/db/client.ts";
import { isReadOnly, TransactionAwaitedOutsideWork, WriteOutsideTransaction } from "../../src/db/writer.ts";

let dir: string;
let database: Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "warden-writer-"));
  // A short busy timeout: an in-process lock wait would fail within 200 ms instead of 5 s.
  database = await openDatabase({ url: `file:${join(dir, "w.db")}`, busyTimeoutMs: 200 });
  await database.client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async () => Number((await database.client.execute("SELECT count(*) AS n FROM t")).rows[0]?.n);

describe("the serialising writer", () => {
  test("overlapping transactions, each awaiting several statements, all commit without SQLITE_BUSY", async () => {
    const { db } = database;
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.run(sql`INSERT INTO t (v) VALUES (${`a${i}`})`);
          await tx.run(sql`INSERT INTO t (v) VALUES (${`b${i}`})`);
          await tx.run(sql`UPDATE t SET v = v || '!' WHERE v = ${`a${i}`}`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await count()).toBe(80);
  });

  test("single writes, batches and transactions interleaved all land, in the order they were asked", async () => {
    const { db, client } = database;
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      work.push(client.execute({ sql: "INSERT INTO t (v) VALUES (?)", args: [`s${i}`] }));
      work.push(db.transaction(async (tx) => tx.run(sql`INSERT INTO t (v) VALUES (${`t${i}`})`)));
      work.push(client.batch([{ sql: "INSERT INTO t (v) VALUES (?)", args: [`b${i}`] }]));
    }
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const rows = (await client.execute("SELECT v FROM t ORDER BY id")).rows.map((r) => String(r.v));
    expect(rows.slice(0, 3)).toEqual(["s0", "t0", "b0"]);
    expect(rows).toHaveLength(90);
  });

  test("a body that awaits something other than the database is rolled back with a clear error", async () => {
    const { db } = database;
    const attempt = db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO t (v) VALUES ('lost')`);
      await Bun.sleep(1);
      await tx.run(sql`INSERT INTO t (v) VALUES ('lost too')`);
    });
    await expect(attempt).rejects.toBeInstanceOf(TransactionAwaitedOutsideWork);
    expect(await count()).toBe(0);
    // The lock was given back: the next transaction runs.
    await db.transaction(async (tx) => tx.run(sql`INSERT INTO t (v) VALUES ('next')`));
    expect(await count()).toBe(1);
  });

  test("a fetch inside a body is caught the same way", async () => {
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("ok") });
    try {
      const attempt = database.db.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO t (v) VALUES ('x')`);
        await fetch(server.url);
      });
      await expect(attempt).rejects.toBeInstanceOf(TransactionAwaitedOutsideWork);
      expect(await count()).toBe(0);
    } finally {
      server.stop(true);
    }
  });

  test("a write on the outer handle inside a body fails at once instead of waiting for itself", async () => {
    const { db } = database;
    const started = performance.now();
    const attempt = db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO t (v) VALUES ('inside')`);
      await db.run(sql`INSERT INTO t (v) VALUES ('outside')`);
    });
    // drizzle wraps a failed statement's error; the writer's is its cause.
    const error = await attempt.catch((e: Error) => e);
    expect((error as Error).cause).toBeInstanceOf(WriteOutsideTransaction);
    expect(performance.now() - started).toBeLessThan(150);
    expect(await count()).toBe(0);
  });

  test("a transaction opened inside another fails at once; savepoints through tx work", async () => {
    const { db } = database;
    await expect(db.transaction(async () => db.transaction(async () => undefined))).rejects.toBeInstanceOf(
      WriteOutsideTransaction,
    );
    await db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO t (v) VALUES ('outer')`);
      await tx
        .transaction(async (inner) => {
          await inner.run(sql`INSERT INTO t (v) VALUES ('inner')`);
          throw new Error("undo the savepoint");
        })
        .catch(() => undefined);
    });
    expect(await count()).toBe(1);
  });

  test("reads run while a transaction holds the lock and see the last committed state", async () => {
    const { db, client } = database;
    await client.execute("INSERT INTO t (v) VALUES ('committed')");
    let seen = -1;
    await db.transaction(async (tx) => {
      await tx.run(sql`INSERT INTO t (v) VALUES ('pending')`);
      seen = Number((await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM t`))[0]?.n);
    });
    expect(seen).toBe(1);
    expect(await count()).toBe(2);
  });

  test("a raw client transaction holds the lock until it ends", async () => {
    const { client } = database;
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t (v) VALUES ('raw')");
    let written = false;
    const queued = client.execute("INSERT INTO t (v) VALUES ('after')").then(() => {
      written = true;
    });
    await Bun.sleep(20);
    expect(written).toBe(false);
    await tx.commit();
    await queued;
    expect(await count()).toBe(2);
    expect(database.writer.stats().queued).toBe(0);
  });

  test("after another process held the lock, writes that failed leave no stale connection behind", async () => {
    const { db, client } = database;
    const holder = Bun.spawn(["bun", join(import.meta.dir, "../helpers/lock-holder.ts"), join(dir, "w.db")], {
      stdin: "pipe",
      stdout: "pipe",
    });
    const reader = holder.stdout.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("locked");
    const failed = await Promise.allSettled([
      client.execute("INSERT INTO t (v) VALUES ('busy') RETURNING id"),
      db.transaction(async (tx) => tx.run(sql`INSERT INTO t (v) VALUES ('busy')`)),
      client.execute("INSERT INTO t (v) VALUES ('busy')"),
    ]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    holder.stdin.write("release\n");
    await holder.stdin.flush();
    await holder.exited;
    for (let i = 0; i < 5; i++) {
      await db.transaction(async (tx) => tx.run(sql`INSERT INTO t (v) VALUES (${`ok${i}`})`));
      expect(await count()).toBe(i + 1);
    }
  });

  test("statements that only read are told apart from writes", () => {
    for (const read of [
      "select 1",
      "  SELECT * FROM t",
      "PRAGMA integrity_check",
      "pragma table_info(t)",
      "VACUUM INTO ?",
    ])
      expect(isReadOnly(read)).toBe(true);
    for (const write of [
      "INSERT INTO t VALUES (1)",
      "update t set v = 1",
      "PRAGMA journal_mode = WAL",
      "WITH x AS (SELECT 1) DELETE FROM t",
      "CREATE TABLE u (a)",
    ])
      expect(isReadOnly(write)).toBe(false);
  });
});
