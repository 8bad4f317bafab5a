/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { RecordPageState } from "./record-detail.tsx";

/** One fact of a record: its label and value; a missing value shows `empty` (a dash unless given), muted. */
export interface Fact {
  label: string;
  value: Child;
  empty?: string;
  /** Class of the value (`num`, `mono` …). */
  class?: string;
  testid?: string;
}

/** How a fact shows: the class of its value, its test id and what shows when it is missing. */
export type FactSpec = Pick<Fact, "empty" | "class" | "testid">;

/**
 * The fact builders of a record page, labelled from its kind's messages: `fact`, one of the
 * record's fields, labelled `<many>.field.<name>`; `meta`, about the record (who recorded it,
 * its version …), labelled by the message `key`; `person`, the person a field names (owner,
 * assignee), labelled as `fact`: their name, or `<many>.<none>` muted for nobody.
 */
export function factBuilders({ view, kind }: Pick<RecordPageState, "view" | "kind">) {
  const { t } = view;
  const { many } = kind;
  const fact = (name: string, value: Child, spec?: FactSpec): Fact => ({
    label: t(`${many}.field.${name}`),
    value,
    ...spec,
  });
  return {
    t,
    fact,
    meta: (key: string, value: Child, spec?: FactSpec): Fact => ({ label: t(key), value, ...spec }),
    person: (name: string, who: { name: string } | null | undefined, none: string, testid?: string) =>
      fact(name, who?.name, { empty: t(`${many}.${none}`), testid }),
  };
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

/** A record's facts as a panel of its page's side column, `children` under them (a note on their source). */
export function FactsPanel({ children, ...list }: FactListProps & { children?: Child }) {
  return (
    <section class="panel">
      <FactList {...list} />
      {children}
    </section>
  );
}
