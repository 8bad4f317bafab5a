/** @jsxImportSource hono/jsx */

import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import { buttonClass } from "./submit-button.tsx";

/** Props of a record's title cell. */
export interface RestorableTitleProps {
  view: ViewContext;
  kind: RecordKind;
  id: string;
  title: string;
  /** The list shows deleted records: the title is plain text beside a restore button. */
  deleted: boolean;
}

/** A record's title in its table row: a link to the record, or for a deleted one its restore button. */
export function RestorableTitle({ view, kind, id, title, deleted }: RestorableTitleProps) {
  return (
    <div class="cell-title">
      {deleted ? (
        <>
          <span>{title}</span>
          <form method="post" action={`${kind.path}/${id}/restore`}>
            <button type="submit" class={buttonClass("secondary", true)} data-testid={`restore-${id}`}>
              {view.t(`${kind.many}.restore`)}
            </button>
          </form>
        </>
      ) : (
        <a href={`${kind.path}/${id}`}>{title}</a>
      )}
    </div>
  );
}
