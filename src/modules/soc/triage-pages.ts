import type { z } from "zod";
import type { RecordDetailSpec } from "../../../views/components/record-detail.tsx";
import { activePeopleFor } from "../../kit/active-user.ts";
import { can } from "../../kit/rbac.ts";
import { type AssignAction, recordActions, type StatusAction } from "../../kit/record-action-routes.tsx";
import type { RecordDetailPages } from "../../kit/record-detail.tsx";
import type { RecordChange, RecordPagesPart, RecordRead } from "../../kit/record-module-pages.ts";
import { openIncidentChoices } from "../incidents/alerts.ts";
import { noteSchema } from "./alert-input.ts";
import type { CaseDeps } from "./cases.ts";

/*
 * What an alert's and a case's pages share: records worked through, not edited (no edit
 * form), with whom to give them to and the incidents to escalate them into beside them, a
 * status, a person and notes.
 */

/** The choices an alert's or a case's page offers: whom to give it to, and the open incidents to escalate it into. */
export interface TriageChoices {
  people: { id: string; name: string }[];
  /** Null for a viewer who may not act on it (`update` on its resource). */
  incidents: { id: string; title: string }[] | null;
}

/** The page of a triaged record of `resource`, read by `get`, declared by `page` (no edit form). */
export function triageDetail<D, T>(
  choices: CaseDeps,
  resource: "alerts" | "cases",
  get: RecordRead<D, T>,
  page: RecordDetailSpec<T, TriageChoices>,
): RecordDetailPages<D, T, object, TriageChoices> {
  return {
    get,
    page,
    props: async (actor) => ({
      people: await activePeopleFor(choices.db, actor, "cases"),
      incidents: can(actor, "update", resource) ? await openIncidentChoices(choices.db, actor) : null,
    }),
  };
}

/** A triaged record's posts: its status, its person, and a note (`notes`, landing on `anchor`). */
export function triageActions<D, S extends z.ZodType, R, A extends z.ZodType>(
  status: StatusAction<D, S, R>,
  assign: AssignAction<D, A>,
  note: { change: RecordChange<D, z.output<typeof noteSchema>, unknown>; anchor: string },
): RecordPagesPart<D> {
  return recordActions({
    status,
    assign,
    note: { path: "notes", schema: noteSchema, notice: "noted", ...note },
  });
}
