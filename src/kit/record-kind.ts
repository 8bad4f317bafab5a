import type { Resource } from "./rbac.ts";

/**
 * The names of a record kind, declared once in its module (`src/modules/<module>/kind.ts`):
 * its API routes, pages, permissions, ids, test ids, message keys and paths all follow from
 * them (`/api/v1/incidents`, the `incidents` resource, `incident-count`, `new-incident`,
 * `incidents.title`, `/incidents/:id/edit` …).
 */
export interface RecordKind {
  /** One record, in ids, test ids and the API reference's texts: `incident`. */
  one: string;
  /** The records: RBAC resource, message namespace, realtime topic, test ids and export file name: `incidents`. */
  many: Resource;
  /** The pages' path: `/incidents` (the list; a record is `/incidents/:id`). */
  path: string;
  /** The API collection: `/api/v1/incidents` (the export is below it). */
  api: string;
}

/**
 * The names a list page is built from (a record kind's, or a live table's like the process
 * list): its messages `<many>.…`, its page `path`, its filter form `#<one>-filters`, its rows
 * at `<path>/rows` into `#<one>-rows`.
 */
export interface ListNames {
  one: string;
  many: string;
  path: string;
}
