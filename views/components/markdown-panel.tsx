/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
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
