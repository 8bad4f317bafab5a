/**
 * The names a record module's views are built from: its ids, test ids, message keys and
 * paths all follow from them (`incident-count`, `new-incident`, `incidents.title`,
 * `/incidents/:id/edit` …).
 */
export interface RecordKind {
  /** One record, in ids and test ids: `incident`. */
  one: string;
  /** The records: message namespace, realtime topic and test ids: `incidents`. */
  many: string;
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
export type ListNames = Pick<RecordKind, "one" | "many" | "path">;
