/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { Severity } from "../../src/lib/severity.ts";
import type { SortSpec } from "./data-table.tsx";
import type { CellContext, RecordColumn } from "./record-table.tsx";
import { RelativeTime } from "./relative-time.tsx";
import { SeverityBadge } from "./severity-badge.tsx";
import { buttonClass } from "./submit-button.tsx";

/*
 * The columns most record tables share, declared once: a record's title, a severity, a
 * person (or the word for nobody) and a time.
 */

/** A record's title in its table row: a link to the record, or for a deleted one its restore button. */
function RestorableTitle({
  view,
  kind,
  id,
  title,
  deleted,
}: CellContext & { kind: RecordKind; id: string; title: string }) {
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

/** The header part of a column: sort key, label and the rest (the cell is given). */
type Header = SortSpec & { class?: string; testid?: string };

/**
 * The title column: the record's title linking to it (in the deleted view, its restore
 * button), with `sub` (a muted line) under it.
 */
export function titleColumn<T extends { id: string; title: string }>(
  kind: RecordKind,
  sub?: (item: T, ctx: CellContext) => Child,
): RecordColumn<T> {
  return {
    key: "title",
    label: "title",
    cell: (item, ctx) => (
      <>
        <RestorableTitle view={ctx.view} kind={kind} id={item.id} title={item.title} deleted={ctx.deleted} />
        {sub?.(item, ctx)}
      </>
    ),
  };
}

/** The name column of a kind whose records have a name rather than a title (sorted by `name`). */
export function nameColumn<T extends { id: string; name: string }>(kind: RecordKind): RecordColumn<T> {
  return {
    key: "name",
    label: "name",
    cell: (item, { view, deleted }) => (
      <RestorableTitle view={view} kind={kind} id={item.id} title={item.name} deleted={deleted} />
    ),
  };
}

/** A severity (or criticality) as its badge. */
export function severityColumn<T>(header: Header, severity: (item: T) => Severity): RecordColumn<T> {
  return { ...header, cell: (item, { view }) => <SeverityBadge view={view} severity={severity(item)} /> };
}

/** A person's name (owner, assignee), or `none` (a message key) muted when there is nobody. */
export function personColumn<T>(
  header: Header,
  person: (item: T) => { name: string } | null | undefined,
  none: string,
): RecordColumn<T> {
  return {
    class: "nowrap",
    ...header,
    cell: (item, { view }) => {
      const who = person(item);
      return who ? who.name : <span class="muted">{view.t(none)}</span>;
    },
  };
}

/** A time, relative ("3 min ago") with the exact one on hover. */
export function timeColumn<T>(header: Header, ms: (item: T) => number): RecordColumn<T> {
  return { class: "nowrap", ...header, cell: (item, { view }) => <RelativeTime view={view} ms={ms(item)} /> };
}
