import { AsyncLocalStorage } from "node:async_hooks";
import type { Client, InStatement, Transaction, TransactionMode } from "@libsql/client";
import { databaseUnavailableCode } from "./unavailable.ts";

/**
 * A database write was attempted where it would wait for itself: on the outer database
 * handle inside a transaction body (use the body's `tx`), or a transaction opened inside
 * another. A programming error, reported instead of a deadlock.
 */
export class WriteOutsideTransaction extends Error {
  override name = "WriteOutsideTransaction";
}

/**
 * A transaction body awaited something that is not the database (a fetch, a timer, file
 * I/O, a password hash) while it held the write lock. The transaction is rolled back: a body
 * touches only the database, everything else happens before or after it.
 */
export class TransactionAwaitedOutsideWork extends Error {
  override name = "TransactionAwaitedOutsideWork";
}

/** What the writer knows about the work holding the lock in the current async context. */
interface WriteScope {
  /** True once the scope's libSQL transaction has been opened. */
  transactionOpened: boolean;
}

/**
 * The one writer of the process. The embedded libSQL driver waits for a lock synchronously
 * on the JavaScript thread, so two write transactions open at once on two connections would
 * stall each other for `busy_timeout` and then fail with SQLITE_BUSY. Every write therefore
 * takes this lock first: at most one write or write transaction is open at any time, the
 * others queue in order without blocking the thread. Reads do not take it (WAL lets them run
 * beside a writer).
 */
export class SerialWriter {
  readonly #scope = new AsyncLocalStorage<WriteScope>();
  #tail: Promise<void> = Promise.resolve();
  #stats = {
    /** Writes and transactions run through the writer since start. */
    writes: 0,
    /** Writes waiting for the lock right now. */
    queued: 0,
    /** Longest wait for the lock so far, in milliseconds. */
    maxWaitMs: 0,
  };

  /** A copy of the writer's figures, for `/metrics` and benchmarks. */
  stats() {
    return { ...this.#stats };
  }

  /** The scope of the write under way in this async context, if any. */
  current(): WriteScope | undefined {
    return this.#scope.getStore();
  }

  /** Runs `work` alone: after every write queued before it, before every write queued after. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.current()) throw new WriteOutsideTransaction("a transaction cannot be opened inside another");
    const release = await this.acquire();
    try {
      return await this.#scope.run({ transactionOpened: false }, work);
    } finally {
      release();
    }
  }

  /** Takes the lock; the answer releases it (once, however often it is called). */
  async acquire(): Promise<() => void> {
    const previous = this.#tail;
    const { promise, resolve: open } = Promise.withResolvers<void>();
    this.#tail = promise;
    const queuedAt = performance.now();
    this.#stats.queued++;
    await previous;
    this.#stats.queued--;
    this.#stats.writes++;
    this.#stats.maxWaitMs = Math.max(this.#stats.maxWaitMs, performance.now() - queuedAt);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open();
    };
  }
}

const READ_ONLY = /^\s*(select\b|explain\b|vacuum\s+into\b|pragma\s+\w+\s*(\(\s*[\w.]*\s*\))?\s*;?\s*$)/i;

/** True when the statement only reads (and so may run beside the writer). */
export function isReadOnly(stmt: InStatement | string): boolean {
  return READ_ONLY.test(typeof stmt === "string" ? stmt : stmt.sql);
}

/**
 * Wraps a libSQL client so every write goes through `writer`: single statements and batches
 * that write queue for the lock; `transaction()` holds it until commit, rollback or close.
 * A write on this client from inside a transaction body throws `WriteOutsideTransaction`
 * instead of waiting for a lock its own transaction holds.
 *
 * A statement that failed with SQLITE_BUSY (another process held the lock) stays active on
 * its pooled connection until it is finalized: that connection keeps an old read snapshot
 * and every later COMMIT on it fails with "SQL statements in progress". So after a failure
 * that says the database is unavailable, the pool's connections are replaced (`reconnect`),
 * under the lock, when no transaction holds one.
 */
export function serialisedClient(inner: Client, writer: SerialWriter): Client {
  const write = <T>(work: () => Promise<T>): Promise<T> => {
    if (writer.current())
      return Promise.reject(
        new WriteOutsideTransaction("a write on the database handle inside a transaction body: use its `tx`"),
      );
    return writer.exclusive(() => work().catch((error) => Promise.reject(renewAfter(inner, error))));
  };
  const read = <T>(work: () => Promise<T>): Promise<T> =>
    work().catch((error) => {
      if (databaseUnavailableCode(error) && !writer.current())
        void writer.exclusive(async () => renewAfter(inner, error)).catch(() => undefined);
      throw error;
    });
  return {
    execute(stmtOrSql: InStatement | string, args?: unknown) {
      const run = () => inner.execute(stmtOrSql as never, args as never);
      return isReadOnly(stmtOrSql) ? read(run) : write(run);
    },
    batch(stmts, mode) {
      return mode === "read" ? inner.batch(stmts, mode) : write(() => inner.batch(stmts, mode));
    },
    migrate: (stmts) => write(() => inner.migrate(stmts)),
    executeMultiple: (sql) => write(() => inner.executeMultiple(sql)),
    transaction: (mode?: TransactionMode) => openTransaction(inner, writer, mode),
    sync: () => inner.sync(),
    close: () => inner.close(),
    reconnect: () => inner.reconnect(),
    get closed() {
      return inner.closed;
    },
    get protocol() {
      return inner.protocol;
    },
  } as Client;
}

/**
 * Opens a transaction under the lock. Inside `SerialWriter.exclusive` (drizzle's
 * `db.transaction`, see client.ts) the lock is already held and the scope's first transaction
 * is that one; anywhere else the lock is taken here and given back when the transaction ends.
 */
async function openTransaction(
  inner: Client,
  writer: SerialWriter,
  mode?: TransactionMode,
): Promise<Transaction> {
  const scope = writer.current();
  if (scope) {
    if (scope.transactionOpened)
      throw new WriteOutsideTransaction("a transaction cannot be opened inside another");
    scope.transactionOpened = true;
    return inner.transaction(mode === "read" ? "read" : "write");
  }
  if (mode === "read") return inner.transaction("read");
  const release = await writer.acquire();
  try {
    return releasingOnEnd(await inner.transaction("write"), release);
  } catch (error) {
    renewAfter(inner, error);
    release();
    throw error;
  }
}

/**
 * Replaces the client's connections when `error` says the database was unavailable (see
 * `serialisedClient`); answers `error`. Call only while holding the lock with no transaction open.
 */
export function renewAfter(client: Client, error: unknown): unknown {
  if (databaseUnavailableCode(error)) void client.reconnect();
  return error;
}

/** A transaction that calls `release` once it has committed, rolled back or closed. */
function releasingOnEnd(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "commit" || property === "rollback")
        return async () => {
          try {
            await target[property]();
          } finally {
            release();
          }
        };
      if (property === "close")
        return () => {
          try {
            target.close();
          } finally {
            release();
          }
        };
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
