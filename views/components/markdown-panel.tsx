/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import { renderMarkdown } from "../../src/lib/markdown.ts";
import { Panel } from "./record-panels.tsx";

/** Props of a markdown panel. */
export interface MarkdownPanelProps {
  /** The panel's heading. */
  title: string;
  /** The markdown; empty: `empty` is shown instead. */
  markdown: string | null;
  /** What the panel says when there is no text. */
  empty: string;
  /** Test id of the rendered text. */
  testid: string;
}

/** A panel with a heading and a record's markdown text rendered (a description …). */
export function MarkdownPanel({ title, markdown, empty, testid }: MarkdownPanelProps) {
  return (
    <Panel title={title}>
      {markdown ? (
        <div class="prose" data-testid={testid}>
          {raw(renderMarkdown(markdown))}
        </div>
      ) : (
        <p class="muted">{empty}</p>
      )}
    </Panel>
  );
}

/** Props of a record's description panel. */
export interface DescriptionPanelProps {
  view: ViewContext;
  /** The record's kind: `<many>.field.description` heads it, `<many>.noDescription` stands for none, `<one>-description` is its test id. */
  kind: Pick<RecordKind, "one" | "many">;
  markdown: string | null;
  /** The message namespace of the heading, when not the kind's own. */
  heading?: string;
}

/** A record's description, rendered from its markdown. */
export function DescriptionPanel({ view, kind, markdown, heading = kind.many }: DescriptionPanelProps) {
  return (
    <MarkdownPanel
      title={view.t(`${heading}.field.description`)}
      markdown={markdown}
      empty={view.t(`${kind.many}.noDescription`)}
      testid={`${kind.one}-description`}
    />
  );
}
