/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { StatusMove } from "./status-move.tsx";

/** One move the workflow allows from the record's status. */
export interface WorkflowMove {
  to: string;
  label: string;
  /** The move the workflow expects next (a primary button). */
  primary: boolean;
}

/** Props of a record's workflow panel. */
export interface WorkflowPanelProps {
  title: string;
  /** The status as shown (a label or badge). */
  status: Child;
  /** Where the moves post (`/vulnerabilities/:id/status`). */
  action: string;
  version: number;
  /** The moves allowed from here; null for a viewer who may not move it. */
  moves: WorkflowMove[] | null;
}

/** The side panel of a record's workflow: its status, then a button per move allowed from it. */
export function WorkflowPanel({ title, status, action, version, moves }: WorkflowPanelProps) {
  return (
    <section class="panel">
      <h2 class="section-title">{title}</h2>
      <p>{status}</p>
      {moves ? (
        <div class="workflow-actions">
          {moves.map((move) => (
            <StatusMove
              action={action}
              to={move.to}
              version={version}
              primary={move.primary}
              label={move.label}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}
