import type { Child } from "hono/jsx";
import type { z } from "zod";
import type { RecordPageState } from "../../../views/components/record-head.tsx";
import { type AssignAction, recordActions, type StatusAction } from "../../kit/record-action-routes.tsx";
import type {
  RecordChange,
  RecordDetailPages,
  RecordPagesPart,
  RecordRead,
} from "../../kit/record-module-pages.ts";
import type { TypedNote } from "../../kit/record-pages.tsx";
import { actorOf } from "../../lib/context.ts";
import { noteSchema } from "./alert-input.ts";
import type { CaseDeps } from "./cases.ts";
import { type TriageChoices, triageChoices } from "./triage-choices.ts";

/*
 * What an alert's and a case's pages share: records worked through, not edited (no edit
 * form), with whom to give them to and the incidents to escalate them into beside them, a
 * status, a person and notes.
 */

/** What a triaged record's view is given besides the record. */
export type TriageView = RecordPageState & TriageChoices & { note: TypedNote };

/** The page of a triaged record of `resource`, read by `get` and drawn by `show`. */
export function triageDetail<D, T extends { title: string }>(
  choices: CaseDeps,
  resource: "alerts" | "cases",
  get: RecordRead<D, T>,
  show: (record: T, props: TriageView) => Child,
): RecordDetailPages<D, T, object> {
  return {
    get,
    editable: false,
    title: (record) => record.title,
    content: async (c, record, page, state) =>
      show(record, {
        ...page,
        ...(await triageChoices(choices, actorOf(c), resource)),
        note: state.note ?? { value: "" },
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
