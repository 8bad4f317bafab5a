import { and, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { claimOnce } from "../../kit/claim-once.ts";
import type { NotificationEvents } from "../notifications/events.ts";
import { overdueCondition } from "./queries.ts";
import { vulnerabilities } from "./schema.ts";

/**
 * Tells the people of each vulnerability that passed its due date since the last check
 * (its assignee, else whoever recorded it), once per vulnerability: `overdue_notified_at`
 * remembers it. Answers how many were found.
 */
export async function notifyOverdueVulnerabilities(
  db: Db,
  events: NotificationEvents,
  now = Date.now(),
): Promise<number> {
  const due = await db
    .select()
    .from(vulnerabilities)
    .where(
      and(
        isNull(vulnerabilities.deletedAt),
        isNull(vulnerabilities.overdueNotifiedAt),
        overdueCondition(now),
      ),
    );
  let told = 0;
  for (const v of due) {
    // Claimed row by row, so two checks running at once never tell anyone twice.
    if (
      !(await claimOnce(db, vulnerabilities, v.id, vulnerabilities.overdueNotifiedAt, now)) ||
      v.dueAt === null
    )
      continue;
    const person = v.assignedTo ?? v.createdBy;
    events.overdue(
      { id: v.id, title: v.title, severity: v.severity, dueAt: v.dueAt, link: `/vulnerabilities/${v.id}` },
      person ? [person] : [],
    );
    told++;
  }
  return told;
}
