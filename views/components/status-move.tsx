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
  /** A checkbox sent with the move, ticked by default (e.g. "close its open alerts too"); `alertChoice=1` says it was offered. */
  option?: { name: string; label: string };
}

/** One workflow move: a small form posting the new status and the version it was seen at. */
export function StatusMove({ action, to, version, primary, label, option }: StatusMoveProps) {
  return (
    <form method="post" action={action} class={option ? "move-with-option" : undefined}>
      <HiddenFields
        fields={{ status: to, version: String(version), ...(option ? { alertChoice: "1" } : {}) }}
      />
      {option ? (
        <label class="check-label">
          <input
            type="checkbox"
            name={option.name}
            value="on"
            checked
            data-testid={`move-${to}-${option.name}`}
          />
          {option.label}
        </label>
      ) : null}
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
