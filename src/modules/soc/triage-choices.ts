import { activePeopleFor } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import { can } from "../../kit/rbac.ts";
import { openIncidentChoices } from "../incidents/alerts.ts";
import type { CaseDeps } from "./cases.ts";

/** The choices an alert's or a case's page offers: whom to give it to, and the open incidents to escalate it into. */
export interface TriageChoices {
  people: { id: string; name: string }[];
  /** Null for a viewer who may not act on it (`update` on its resource). */
  incidents: { id: string; title: string }[] | null;
}

/** The triage choices for `actor` on an alert's (`alerts`) or a case's (`cases`) page. */
export async function triageChoices(
  deps: CaseDeps,
  actor: Actor,
  resource: "alerts" | "cases",
): Promise<TriageChoices> {
  return {
    people: await activePeopleFor(deps.db, actor, "read", "cases"),
    incidents: can(actor, "update", resource) ? await openIncidentChoices(deps.db, actor) : null,
  };
}
