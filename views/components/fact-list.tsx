/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/** One fact of a record: its label and value; a missing value shows `empty` (a dash unless given), muted. */
export interface Fact {
  label: string;
  value: Child;
  empty?: string;
  /** Class of the value (`num`, `mono` …). */
  class?: string;
  testid?: string;
}

/** The fact of the person a record names (owner, assignee): their name, or `none` muted for nobody. */
export function personFact(
  label: string,
  person: { name: string } | null | undefined,
  none: string,
  testid?: string,
): Fact {
  return { label, value: person?.name, empty: none, testid };
}

/** Props of a fact list. */
export interface FactListProps {
  /** The facts in order; `null` leaves one out. */
  facts: (Fact | null)[];
  /** An extra class of the list. */
  class?: string;
  testid?: string;
}

/** A record's facts as a description list (label, value), each missing value shown muted. */
export function FactList({ facts, testid, ...rest }: FactListProps) {
  return (
    <dl class={rest.class ? `facts ${rest.class}` : "facts"} data-testid={testid}>
      {facts.map((fact) =>
        fact ? (
          <>
            <dt>{fact.label}</dt>
            <dd class={fact.class} data-testid={fact.testid}>
              {fact.value === null || fact.value === undefined || fact.value === "" ? (
                <span class="muted">{fact.empty ?? "—"}</span>
              ) : (
                fact.value
              )}
            </dd>
          </>
        ) : null,
      )}
    </dl>
  );
}

/** Props of a panel of facts. */
export interface FactsPanelProps extends FactListProps {
  /** Shown under the facts (a note on where they come from). */
  children?: Child;
}

/** A record's facts as a panel of its page's side column. */
export function FactsPanel({ children, ...list }: FactsPanelProps) {
  return (
    <section class="panel">
      <FactList {...list} />
      {children}
    </section>
  );
}
