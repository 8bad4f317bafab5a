/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { renderMarkdown } from "../../src/lib/markdown.ts";
import { NoteForm, type NoteFormProps } from "./note-form.tsx";
import { Panel } from "./record-panels.tsx";
import { RelativeTime } from "./relative-time.tsx";

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

/** One entry of a record's timeline: who and when, what happened, and what they wrote. */
export function TimelineEntry({
  view,
  kind,
  actor,
  at,
  text,
  body,
  testid,
  children,
  after,
}: TimelineEntryProps) {
  return (
    <li class={`timeline-entry is-${kind}`} data-testid={testid}>
      <div class="timeline-meta">
        <strong>{actor}</strong> <RelativeTime view={view} ms={at} />
      </div>
      {text ? <p class="timeline-text">{text}</p> : null}
      {children}
      {body ? <div class="prose">{raw(renderMarkdown(body))}</div> : null}
      {after}
    </li>
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
