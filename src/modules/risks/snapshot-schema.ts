import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The risk register as it stood each day: one row per risk and day (`YYYY-MM-DD` in the
 * server's time zone), taken by the daily snapshot, so the trend of current and residual
 * levels can be drawn without an event log. `risk_id` keeps no foreign key: a snapshot
 * outlives the risk it describes. A day's rows are replaced as a whole when it is taken again.
 */
export const riskSnapshots = sqliteTable(
  "risk_snapshots",
  {
    day: text("day").notNull(),
    riskId: text("risk_id").notNull(),
    status: text("status").notNull(),
    currentLikelihood: integer("current_likelihood"),
    currentImpact: integer("current_impact"),
    residualLikelihood: integer("residual_likelihood"),
    residualImpact: integer("residual_impact"),
  },
  (t) => [primaryKey({ columns: [t.day, t.riskId] })],
);
