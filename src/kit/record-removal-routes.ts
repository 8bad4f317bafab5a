import type { Context, Hono } from "hono";
import type { AppEnv } from "../lib/context.ts";
import type { RecordKind } from "./record-kind.ts";
import { type Refused, recordPost } from "./record-pages.tsx";

/** How a record is deleted and (where it can be) restored. */
export interface RecordRemoval {
  /** Deletes (soft) the record; the browser goes on to the list with the "deleted" notice. */
  remove: (c: Context<AppEnv>, id: string) => Promise<unknown>;
  /** Restores it; the browser goes on to the record with the "restored" notice. */
  restore?: (c: Context<AppEnv>, id: string) => Promise<unknown>;
  /** Shows a refused delete on the record's page (e.g. others still depend on it). */
  refused?: Refused;
}

/** Registers `POST <path>/:id/delete` and (with `restore`) `POST <path>/:id/restore` on `router`. */
export function recordRemovalRoutes(router: Hono<AppEnv>, kind: RecordKind, removal: RecordRemoval): void {
  const { path } = kind;
  router.post(
    `${path}/:id/delete`,
    recordPost(removal.remove, () => `${path}?notice=deleted`, removal.refused),
  );
  const { restore } = removal;
  if (restore)
    router.post(
      `${path}/:id/restore`,
      recordPost(restore, (id) => `${path}/${id}?notice=restored`),
    );
}
