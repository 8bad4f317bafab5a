/** @jsxImportSource hono/jsx */
import { HiddenFields } from "./form-field.tsx";
import { buttonClass } from "./submit-button.tsx";

/** Props of a workflow move button. */
export interface StatusMoveProps {
  /** Where the move posts (`/incidents/:id/status`). */
  action: string;
  /** The status moved to. */
  to: string;
  /** The record's version, for the optimistic check. */
  version: number;
  /** The move the workflow expects next (a primary button). */
  primary: boolean;
  label: string;
}

/** One workflow move: a small form posting the new status and the version it was seen at. */
export function StatusMove({ action, to, version, primary, label }: StatusMoveProps) {
  return (
    <form method="post" action={action}>
      <HiddenFields fields={{ status: to, version: String(version) }} />
      <button
        type="submit"
        class={buttonClass(primary ? "primary" : "secondary", true)}
        data-testid={`move-${to}`}
      >
        {label}
      </button>
    </form>
  );
}
