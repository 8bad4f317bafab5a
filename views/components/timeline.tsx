/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { renderMarkdown } from "../../src/lib/markdown.ts";
import { TextAreaField } from "./form-field.tsx";
import { Panel } from "./record-panels.tsx";
import { RelativeTime } from "./relative-time.tsx";
import { SubmitButton } from "./submit-button.tsx";

/** Props of a timeline entry. */
export interface TimelineEntryProps {
  view: ViewContext;
  /** What happened (`status`, `comment` …): the entry's class `is-<kind>`. */
  kind: string;
  /** Who did it. */
  actor: Child;
  at: number;
  /** The sentence saying what happened, if any. */
  text?: string | null;
  /** A comment or note (markdown). */
  body?: string | null;
  testid?: string;
  /** Shown after the text (a link …). */
  children?: Child;
  /** Shown last, after what they wrote (a snapshot …). */
  after?: Child;
}

/** The message keys of a record kind's workflow events, and how its statuses and nobody are called. */
export interface WorkflowEventTexts {
  /** `<…>.status` key: moved from `{from}` to `{to}`. */
  status: string;
  /** `<…>.assignment` key: assigned to `{to}`. */
  assignment: string;
  /** Prefix of the status names: `<statuses>.<status>`. */
  statuses: string;
  /** Key of the word for nobody (unassigned). */
  nobody: string;
}

/**
 * The sentence of a status move or an assignment on a record's timeline (null for any
 * other kind of event): the people by their name from `nameOf`, else their id.
 */
export function workflowEventText(
  view: ViewContext,
  texts: WorkflowEventTexts,
  entry: { kind: string; fromValue: string | null; toValue: string | null },
  nameOf: (id: string) => string | undefined,
): string | null {
  const { t } = view;
  if (entry.kind === "status") {
    const name = (status: string | null) => t(`${texts.statuses}.${status}`);
    return t(texts.status, { from: name(entry.fromValue), to: name(entry.toValue) });
  }
  if (entry.kind !== "assignment") return null;
  const to = entry.toValue ? (nameOf(entry.toValue) ?? entry.toValue) : t(texts.nobody);
  return t(texts.assignment, { to });
}

/** One entry of a record's timeline: who and when, what happened, and what they wrote. */
export function TimelineEntry(props: TimelineEntryProps) {
  return (
    <li class={`timeline-entry is-${props.kind}`} data-testid={props.testid}>
      <div class="timeline-meta">
        <strong>{props.actor}</strong> <RelativeTime view={props.view} ms={props.at} />
      </div>
      {props.text ? <p class="timeline-text">{props.text}</p> : null}
      {props.children}
      {props.body ? <div class="prose">{raw(renderMarkdown(props.body))}</div> : null}
      {props.after}
    </li>
  );
}

/** Props of a note form. */
interface NoteFormProps {
  /** Where it posts (`/incidents/:id/comments`). */
  action: string;
  label: string;
  /** What was typed (kept after a refused post) and what was wrong with it. */
  note: { value: string; error?: string };
  help: string;
  submit: string;
  testid: string;
}

/** The box under a timeline for a comment or a note (markdown, up to 10,000 characters). */
function NoteForm({ action, label, note, help, submit, testid }: NoteFormProps) {
  return (
    <form method="post" action={action} class="form comment-form">
      <TextAreaField
        name="body"
        label={label}
        value={note.value}
        error={note.error}
        rows={3}
        maxlength={10_000}
        help={help}
      />
      <div class="form-actions">
        <SubmitButton variant="secondary" testid={testid}>
          {submit}
        </SubmitButton>
      </div>
    </form>
  );
}

/** Props of a timeline panel. */
export interface TimelinePanelProps {
  title: string;
  /** Id of the heading (a redirect after a note lands on it). */
  id: string;
  /** Shown before the list (a sentence when it is empty). */
  lead?: Child;
  /** Test id of the list. */
  testid?: string;
  /** The entries (`TimelineEntry`), oldest first. */
  children?: Child;
  /** The box to add a comment or a note; none for viewers who cannot. */
  note?: NoteFormProps | null;
}

/** A record's timeline: its entries, then the box to add a comment or a note. */
export function TimelinePanel({ title, id, lead, testid, children, note }: TimelinePanelProps) {
  return (
    <Panel title={title} id={id}>
      {lead}
      <ol class="timeline" data-testid={testid}>
        {children}
      </ol>
      {note ? <NoteForm {...note} /> : null}
    </Panel>
  );
}
