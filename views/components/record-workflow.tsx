/** @jsxImportSource hono/jsx */
import type { RecordPageState } from "./record-head.tsx";
import { WorkflowPanel } from "./record-panels.tsx";

/** Props of a record's workflow panel. */
export interface RecordWorkflowProps<S extends string> {
  page: RecordPageState;
  record: { id: string; status: S; version: number };
  /** From each status, the statuses the workflow allows. */
  transitions: Readonly<Record<S, readonly S[]>>;
  /** The moves the workflow expects next (primary buttons). */
  primary: (to: S) => boolean;
  /** The button of a move. */
  label: (to: S) => string;
}

/**
 * A record's workflow panel headed `<many>.field.status`: the moves its status allows, each
 * posting to `<path>/:id/status` with the version seen, for a viewer who may edit it.
 */
export function RecordWorkflow<S extends string>({
  page,
  record,
  transitions,
  primary,
  label,
}: RecordWorkflowProps<S>) {
  const { kind, view } = page;
  const moves = {
    action: `${kind.path}/${record.id}/status`,
    moves: transitions[record.status],
    version: record.version,
  };
  return (
    <WorkflowPanel
      title={view.t(`${kind.many}.field.status`)}
      moves={page.canEdit ? { ...moves, primary, label } : null}
    />
  );
}
