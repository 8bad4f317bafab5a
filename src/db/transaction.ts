import type { Db } from "./client.ts";

/** The database inside a write transaction: what `db.transaction` hands its body. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
