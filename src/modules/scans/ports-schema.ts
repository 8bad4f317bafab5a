import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { requiredRef } from "../../kit/table-columns.ts";
import { scans } from "./schema.ts";

/** The open ports a scan found, with their service name and banner (closed and filtered ports are only counted). */
export const scanPorts = sqliteTable(
  "scan_ports",
  {
    scanId: requiredRef("scan_id", () => scans.id, { onDelete: "cascade" }),
    host: text("host").notNull(),
    port: integer("port").notNull(),
    service: text("service"),
    banner: text("banner"),
    foundAt: integer("found_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scanId, t.host, t.port] }),
    // Ports by host: what a risk's evidence reads for its assets' addresses.
    index("scan_ports_host_idx").on(sql`lower(${t.host})`),
  ],
);

/** An open port row. */
export type ScanPort = typeof scanPorts.$inferSelect;
