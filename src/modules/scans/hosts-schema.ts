import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { requiredRef } from "../../kit/table-columns.ts";
import { scans } from "./schema.ts";

/** The hosts of a scan that answered (a port accepted or refused a connection). */
export const scanHosts = sqliteTable(
  "scan_hosts",
  {
    scanId: requiredRef("scan_id", () => scans.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    openCount: integer("open_count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scanId, t.address] })],
);
