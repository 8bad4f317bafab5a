/** A plain JSON-like object. */
export type Tree = { [key: string]: unknown };

/** True for plain objects (not arrays, not null). */
export function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaf values of a nested object keyed by dotted path: `{a:{b:1}}` → `{"a.b": 1}`. */
export function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isTree(value)) for (const [p, v] of flatten(value, path)) out.set(p, v);
    else out.set(path, value);
  }
  return out;
}

/**
 * Deep merge of `over` onto `base`; arrays and scalars replace, objects merge. Keys are
 * own properties on both sides (a `__proto__` key in a file is a key, never a prototype).
 */
export function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = Object.hasOwn(out, key) ? out[key] : undefined;
    const merged = isTree(prev) && isTree(value) ? deepMerge(prev, value) : value;
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Sets `value` at a dotted path, creating objects on the way. */
export function setPath(tree: Tree, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    if (!isTree(node[key])) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** Reads the value at a dotted path, or undefined. */
export function getPath(tree: unknown, path: string): unknown {
  let node = tree;
  for (const key of path.split(".")) {
    if (!isTree(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Freezes an object and everything inside it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
