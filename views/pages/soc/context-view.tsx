/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { TableHead } from "../../components/data-table.tsx";
import {
  outlineContext,
  type Shown,
  type ShownFacts,
  type ShownList,
  type ShownScalar,
  type ShownTable,
} from "./context-outline.ts";

/*
 * An alert's context (the JSON snapshot its source attached) shown readably: each key a
 * heading, an array of objects a table (one column per key found), a list of plain values
 * a line, a nested object a list of facts, a value as text. Never a raw JSON blob. What is
 * drawn is the bounded outline of context-outline.ts; what it leaves out is said, and a
 * long table starts folded so the page stays readable.
 */

/** Tables longer than this start folded under a summary. */
const FOLD_ROWS = 10;

/** "topCpu", "top_cpu" → "Top cpu", "memoryMiB" → "Memory MiB": a key as a heading. */
function heading(key: string): string {
  const words = key
    .replace(/([a-z0-9])(?=[A-Z][a-z])/g, "$1 ")
    .replace(/[_-]+/g, " ")
    .trim()
    .split(/\s+/)
    // A word with capitals inside (MiB, IPv4) keeps them; the others read as plain words.
    .map((word) => (/.[A-Z]/.test(word) ? word : word.toLowerCase()))
    .join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Omitted({ view, count, message }: { view: ViewContext; count: number; message: string }) {
  if (count <= 0) return null;
  return <p class="muted context-omitted">{view.t(message, { count: view.fmt.number(count) })}</p>;
}

function Scalar({ view, shown }: { view: ViewContext; shown: ShownScalar }) {
  const { value, cut } = shown;
  const more = cut > 0 ? view.t("alerts.context.cut", { count: view.fmt.number(cut) }) : "";
  if (value === null || value === "") return <span class="muted">—</span>;
  // Whole numbers are often ids (PIDs, ports): no grouping; fractions (percentages) one decimal.
  if (typeof value === "number")
    return <span class="num">{Number.isInteger(value) ? String(value) : view.fmt.number(value, 1)}</span>;
  if (typeof value === "boolean") return <span>{String(value)}</span>;
  const text = shown.json ? <code class="mono">{value}</code> : <span>{value}</span>;
  return more ? (
    <>
      {text}
      <span class="muted">{more}</span>
    </>
  ) : (
    text
  );
}

function Table({ view, table }: { view: ViewContext; table: ShownTable }) {
  const body = (
    <>
      <div class="table-wrap">
        <table class="table context-table">
          <TableHead
            columns={table.columns.map((column) => ({ label: heading(column.key), numeric: column.numeric }))}
          />
          <tbody>
            {table.rows.map((row) => (
              <tr>
                {row.map((cell, i) => (
                  <td class={table.columns[i]?.numeric ? "is-num" : undefined}>
                    <Scalar view={view} shown={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Omitted view={view} count={table.moreRows} message="alerts.context.moreRows" />
      <Omitted view={view} count={table.moreColumns} message="alerts.context.moreColumns" />
    </>
  );
  if (table.total <= FOLD_ROWS) return body;
  return (
    <details class="context-fold">
      <summary class="context-fold-summary">
        {view.t("alerts.context.showRows", { count: view.fmt.number(table.total) })}
      </summary>
      {body}
    </details>
  );
}

function List({ view, list }: { view: ViewContext; list: ShownList }) {
  if (list.items.length === 0 && list.more === 0) return <span class="muted">—</span>;
  return (
    <span>
      {list.items.map((item, i) => (
        <>
          {i > 0 ? ", " : ""}
          <Scalar view={view} shown={item} />
        </>
      ))}
      {list.more > 0 ? (
        <span class="muted">
          {" "}
          {view.t("alerts.context.moreItems", { count: view.fmt.number(list.more) })}
        </span>
      ) : null}
    </span>
  );
}

/** Keys and their values as a description list. */
function Entries({ view, entries }: { view: ViewContext; entries: ShownFacts["entries"] }) {
  return (
    <dl class="facts context-facts">
      {entries.map(({ key, value }) => (
        <>
          <dt>{heading(key)}</dt>
          <dd>
            <Value view={view} shown={value} />
          </dd>
        </>
      ))}
    </dl>
  );
}

function Facts({ view, facts }: { view: ViewContext; facts: ShownFacts }) {
  return (
    <>
      <Entries view={view} entries={facts.entries} />
      <Omitted view={view} count={facts.more} message="alerts.context.moreKeys" />
    </>
  );
}

function Value({ view, shown }: { view: ViewContext; shown: Shown }) {
  switch (shown.kind) {
    case "table":
      return <Table view={view} table={shown} />;
    case "list":
      return <List view={view} list={shown} />;
    case "facts":
      return <Facts view={view} facts={shown} />;
    default:
      return <Scalar view={view} shown={shown} />;
  }
}

/** The context of an alert, readably and bounded in size; `empty` when it holds nothing. */
export function ContextView({
  view,
  context,
  empty,
}: {
  view: ViewContext;
  context: Record<string, unknown>;
  empty: string;
}) {
  const outline = outlineContext(context);
  if (outline.plain.length === 0 && outline.blocks.length === 0 && outline.more === 0)
    return <p class="muted">{empty}</p>;
  return (
    <div class="context-view" data-testid="alert-context">
      {outline.plain.length > 0 ? <Entries view={view} entries={outline.plain} /> : null}
      {outline.blocks.map(({ key, value }) => (
        <section class="context-block">
          <h3 class="context-title">{heading(key)}</h3>
          <Value view={view} shown={value} />
        </section>
      ))}
      <Omitted view={view} count={outline.more} message="alerts.context.moreKeys" />
    </div>
  );
}
