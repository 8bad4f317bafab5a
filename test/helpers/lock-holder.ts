/**
 * Another process holding the database's write lock, as a second program on the same file
 * would: `bun test/helpers/lock-holder.ts <db file>` prints "locked" once it holds the lock,
 * and commits and exits when a line arrives on standard input (or after 60 s).
 */
import { createClient } from "@libsql/client";

const path = process.argv[2];
if (!path) throw new Error("usage: lock-holder.ts <db file>");
const client = createClient({ url: `file:${path}` });
const tx = await client.transaction("write");
await tx.execute("CREATE TABLE IF NOT EXISTS lock_holder (at INTEGER)");
console.log("locked");
const released = new Promise<void>((resolve) => {
  process.stdin.once("data", () => resolve());
  setTimeout(resolve, 60_000).unref();
});
await released;
await tx.rollback();
client.close();
process.exit(0);
