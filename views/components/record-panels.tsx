/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { ConfirmAction } from "./confirm-action.tsx";
import { HiddenFields, SelectField } from "./form-field.tsx";
import { namedChoices } from "./form-fields.tsx";
import type { RecordPageState } from "./record-detail.tsx";
import { buttonClass, SubmitButton } from "./submit-button.tsx";

/*
 * The panels of a record's side column that every record module has in one form or another:
 * a titled panel, the workflow's steps and the moves allowed from here, the person it is
 * given to, and a form that does one thing to the record (escalate …) at the version shown.
 */

/** Props of a panel. */
export interface PanelProps {
  title: Child;
  /** Id of the heading; the panel is then labelled by it (and can be linked to). */
  id?: string;
  testid?: string;
  children?: Child;
}

/** A panel of a record's page: a section under its heading. */
export function Panel({ title, id, testid, children }: PanelProps) {
  return (
    <section class="panel" aria-labelledby={id} data-testid={testid}>
      <h2 class="section-title" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Props of a workflow move button. */
interface StatusMoveProps {
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
function StatusMove({ action, to, version, primary, label, option }: StatusMoveProps) {
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

/** Props of the workflow moves. */
export interface StatusMovesProps<S extends string> {
  /** Where the moves post (`/incidents/:id/status`). */
  action: string;
  /** The moves the workflow allows from the record's status. */
  moves: readonly S[];
  /** The record's version, for the optimistic check. */
  version: number;
  /** The button of a move. */
  label: (to: S) => string;
  /** The moves the workflow expects next (primary buttons). */
  primary: (to: S) => boolean;
  /** A checkbox sent with a move. */
  option?: (to: S) => StatusMoveProps["option"];
  /** Moves that ask first (publish, archive …): the dialog's id prefix and what it says; null: at once. */
  confirm?: {
    view: ViewContext;
    /** The record's `one` (`document`): the dialog of a move is `<to>-<one>`. */
    one: string;
    ask: (to: S) => { title: string; body: string } | null;
  };
}

/** The moves allowed from here, one button (a small form) each. */
export function StatusMoves<S extends string>(props: StatusMovesProps<S>) {
  const { action, version, label, primary, confirm } = props;
  return (
    <div class="workflow-actions">
      {props.moves.map((to) => {
        const question = confirm?.ask(to);
        return confirm && question ? (
          <ConfirmAction
            view={confirm.view}
            id={`${to}-${confirm.one}`}
            testid={`move-${to}`}
            action={action}
            fields={{ status: to, version: String(version) }}
            trigger={label(to)}
            triggerVariant={primary(to) ? "primary" : "secondary"}
            variant="primary"
            title={question.title}
            body={question.body}
            confirm={label(to)}
          />
        ) : (
          <StatusMove
            action={action}
            to={to}
            version={version}
            primary={primary(to)}
            label={label(to)}
            option={props.option?.(to)}
          />
        );
      })}
    </div>
  );
}

/** A record whose status moves: its id, its status and its version. */
export interface MovingRecord<S extends string> {
  id: string;
  status: S;
  version: number;
}

/** Where a record's status moves post (`<base>/<id>/status`), at its version, and what `transitions` allows from its status. */
export function movesOf<S extends string>(
  base: string,
  record: MovingRecord<S>,
  transitions: Readonly<Record<S, readonly S[]>>,
): Pick<StatusMovesProps<S>, "action" | "moves" | "version"> {
  return {
    action: `${base}/${record.id}/status`,
    moves: transitions[record.status],
    version: record.version,
  };
}

/** The moves of a record's status on its page (`movesOf` below the kind's path) with their buttons, for one who may change it; null for one who may not. */
export function recordMoves<S extends string>(
  page: Pick<RecordPageState, "canEdit" | "kind">,
  record: MovingRecord<S>,
  transitions: Readonly<Record<S, readonly S[]>>,
  buttons: Pick<StatusMovesProps<S>, "label" | "primary" | "option">,
): StatusMovesProps<S> | null {
  return page.canEdit ? { ...movesOf(page.kind.path, record, transitions), ...buttons } : null;
}

/** Props of a workflow panel. */
export interface WorkflowPanelProps<S extends string> {
  title: string;
  /** The workflow's steps in order (each named by `name`), the record's (`current`) marked; labelled by `title`. */
  steps?: { steps: readonly string[]; current: string; name: (step: string) => string };
  /** Where the record stands, when the panel shows no steps (its status). */
  children?: Child;
  /** The moves the viewer may make from here; null for none. */
  moves: StatusMovesProps<S> | null;
}

/** A record's workflow: where it stands (its steps or its status), then the moves allowed from here. */
export function WorkflowPanel<S extends string>({ title, steps, children, moves }: WorkflowPanelProps<S>) {
  return (
    <Panel title={title}>
      {steps ? (
        <ol class="workflow" aria-label={title}>
          {steps.steps.map((step) => (
            <li aria-current={step === steps.current ? "step" : undefined}>{steps.name(step)}</li>
          ))}
        </ol>
      ) : null}
      {children}
      {moves && moves.moves.length > 0 ? <StatusMoves {...moves} /> : null}
    </Panel>
  );
}

/** Props of an assignment form. */
export interface AssignFormProps {
  /** Where it posts (`/soc/:id/assign`). */
  action: string;
  /** The field's name (`assignedTo`, `ownerId`) and element id. */
  name: string;
  id: string;
  label: string;
  /** Who has the record now (an id, or empty for nobody). */
  value: string;
  /** The choice for nobody. */
  none: string;
  people: readonly { id: string; name: string }[];
  version: number;
  submit: string;
  testid?: string;
}

/** Gives the record to someone (or no one), at the version shown. */
export function AssignForm({ action, version, none, people, submit, testid, ...field }: AssignFormProps) {
  return (
    <form method="post" action={action} class="inline-form">
      <HiddenFields fields={{ version: String(version) }} />
      <SelectField {...field} options={namedChoices([{ value: "", label: none }], people)} />
      <SubmitButton variant="secondary" small testid={testid}>
        {submit}
      </SubmitButton>
    </form>
  );
}

/** Props of an action panel. */
export interface ActionPanelProps extends Required<Pick<PanelProps, "title" | "id">> {
  /** Where the form posts. */
  action: string;
  version: number;
  /** The form's fields. */
  children?: Child;
  help: string;
  submit: string;
  testid: string;
}

/** A panel holding one form that acts on the record at the version shown (escalate …). */
export function ActionPanel(props: ActionPanelProps) {
  return (
    <Panel title={props.title} id={props.id}>
      <form method="post" action={props.action} class="form">
        <HiddenFields fields={{ version: String(props.version) }} />
        {props.children}
        <p class="field-help">{props.help}</p>
        <div class="form-actions">
          <SubmitButton testid={props.testid}>{props.submit}</SubmitButton>
        </div>
      </form>
    </Panel>
  );
}
