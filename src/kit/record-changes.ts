import type { Changes } from "./audit.ts";

/** Equal values; arrays (tags, addresses, frameworks) element by element. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}

/**
 * The fields of `wanted` whose value differs from the stored row `before`, each with its
 * value before and after; a field left `undefined` is not asked for and not compared.
 */
export function changesOf<R extends object>(before: R, wanted: { [K in keyof R]?: unknown }): Changes {
  const changes: Changes = {};
  for (const key of Object.keys(wanted) as (keyof R & string)[]) {
    const value = wanted[key];
    if (value !== undefined && !sameValue(value, before[key]))
      changes[key] = { before: before[key], after: value };
  }
  return changes;
}

/** The change of a set kept beside the row (linked ids, sorted) from `before` to `after`; none when they are the same. */
export function linksChange(field: string, before: string[], after: string[]): Changes {
  return sameValue(before, after) ? {} : { [field]: { before, after } };
}

/** The changes of a record just created: each field from null to its value. */
export function createdChanges(values: Record<string, unknown>): Changes {
  return Object.fromEntries(Object.entries(values).map(([field, after]) => [field, { before: null, after }]));
}

/** The changes of a record deleted for good: each field from its value to null. */
export function deletedChanges(values: Record<string, unknown>): Changes {
  return Object.fromEntries(
    Object.entries(values).map(([field, before]) => [field, { before, after: null }]),
  );
}

/** The values the changes set, by field: what an UPDATE writes. */
export function valuesAfter(changes: Changes): Record<string, unknown> {
  return Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.after]));
}

/** The changes as audited: a long text `field` that changed shows as "…" → "…", not in full. */
export function withTextElided(changes: Changes, field: string): Changes {
  return changes[field] ? { ...changes, [field]: { before: "…", after: "…" } } : changes;
}
