/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import { renderMarkdown } from "../../src/lib/markdown.ts";
import { Panel } from "./record-panels.tsx";

/** Props of a record's description panel. */
export interface DescriptionPanelProps {
  view: ViewContext;
  /** The record's kind: `<many>.field.description` heads it, `<many>.noDescription` stands for none, `<one>-description` is its test id. */
  kind: Pick<RecordKind, "one" | "many">;
  markdown: string | null;
  /** The message namespace of the heading, when not the kind's own. */
  heading?: string;
}

/** A record's description, rendered from its markdown (a sentence saying there is none when it is empty). */
export function DescriptionPanel({ view, kind, markdown, heading = kind.many }: DescriptionPanelProps) {
  return (
    <Panel title={view.t(`${heading}.field.description`)}>
      {markdown ? (
        <div class="prose" data-testid={`${kind.one}-description`}>
          {raw(renderMarkdown(markdown))}
        </div>
      ) : (
        <p class="muted">{view.t(`${kind.many}.noDescription`)}</p>
      )}
    </Panel>
  );
}
