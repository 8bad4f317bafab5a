/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";

/*
 * An alert's context (the JSON snapshot its source attached) shown readably: each key a
 * heading, an array of objects a table (one column per key found), a list of plain values
 * a line, a nested object a list of facts, a value as text. Never a raw JSON blob.
 */

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

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

function Scalar({ view, value }: { view: ViewContext; value: Json }) {
  if (value === null || value === undefined || value === "") return <span class="muted">—</span>;
  // Whole numbers are often ids (PIDs, ports): no grouping; fractions (percentages) one decimal.
  if (typeof value === "number")
    return <span class="num">{Number.isInteger(value) ? String(value) : view.fmt.number(value, 1)}</span>;
  if (typeof value === "boolean") return <span>{String(value)}</span>;
  if (typeof value === "string") return <span>{value}</span>;
  return <code class="mono">{JSON.stringify(value)}</code>;
}

function ObjectTable({ view, rows }: { view: ViewContext; rows: Record<string, Json>[] }) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const numeric = (key: string) =>
    rows.every((row) => row[key] === undefined || typeof row[key] === "number");
  return (
    <div class="table-wrap">
      <table class="table context-table">
        <thead>
          <tr>
            {columns.map((key) => (
              <th scope="col" class={numeric(key) ? "is-num" : undefined}>
                {heading(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((key) => (
                <td class={numeric(key) ? "is-num" : undefined}>
                  <Scalar view={view} value={row[key]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Value({ view, value, depth }: { view: ViewContext; value: Json; depth: number }) {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isObject)) return <ObjectTable view={view} rows={value} />;
    if (value.length === 0) return <span class="muted">—</span>;
    return (
      <span>
        {value.map((item, i) => (
          <>
            {i > 0 ? ", " : ""}
            <Scalar view={view} value={item} />
          </>
        ))}
      </span>
    );
  }
  if (isObject(value) && depth < 3)
    return (
      <dl class="facts context-facts">
        {Object.entries(value).map(([key, inner]) => (
          <>
            <dt>{heading(key)}</dt>
            <dd>
              <Value view={view} value={inner} depth={depth + 1} />
            </dd>
          </>
        ))}
      </dl>
    );
  return <Scalar view={view} value={value} />;
}

/** The context of an alert, readably; `empty` when it holds nothing. */
export function ContextView({
  view,
  context,
  empty,
}: {
  view: ViewContext;
  context: Record<string, unknown>;
  empty: string;
}) {
  const entries = Object.entries(context);
  if (entries.length === 0) return <p class="muted">{empty}</p>;
  const blocks = entries.filter(([, v]) => Array.isArray(v) || isObject(v));
  const plain = entries.filter(([, v]) => !(Array.isArray(v) || isObject(v)));
  return (
    <div class="context-view" data-testid="alert-context">
      {plain.length > 0 ? (
        <dl class="facts context-facts">
          {plain.map(([key, value]) => (
            <>
              <dt>{heading(key)}</dt>
              <dd>
                <Scalar view={view} value={value} />
              </dd>
            </>
          ))}
        </dl>
      ) : null}
      {blocks.map(([key, value]) => (
        <section class="context-block">
          <h3 class="context-title">{heading(key)}</h3>
          <Value view={view} value={value} depth={1} />
        </section>
      ))}
    </div>
  );
}
