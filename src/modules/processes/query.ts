import { z } from "zod";
import { PROCESS_STATES, type ProcessInfo } from "../../monitor/processes.ts";

/** Columns a process list can be sorted by. */
export const PROCESS_SORT_KEYS = [
  "pid",
  "ppid",
  "name",
  "user",
  "state",
  "cpu",
  "rss",
  "memory",
  "threads",
  "startedAt",
  "nice",
] as const;

const SORT_PATTERN = new RegExp(`^-?(${PROCESS_SORT_KEYS.join("|")})$`);

/** The words of the process states, in their table's order (the schemas' enums, the filter's menu). */
export const STATE_WORDS = Object.values(PROCESS_STATES) as [string, ...string[]];

/** Query of a process list; the same rules serve the API, the WebSocket method and the page. */
export const processQuerySchema = z.object({
  sort: z
    .string()
    .regex(SORT_PATTERN, `Sort by one of ${PROCESS_SORT_KEYS.join(", ")}, with "-" for descending.`)
    .default("-cpu")
    .describe("A column, `-` first for descending, e.g. `-cpu`"),
  q: z.string().trim().max(200).default("").describe("Text in the name, command line, user or pid"),
  user: z.string().trim().max(64).default("").describe("Exact user name"),
  state: z
    .enum(["", ...STATE_WORDS], { error: `Choose a state: ${STATE_WORDS.join(", ")}.` })
    .default("")
    .describe("A state word; empty for any"),
  view: z
    .enum(["flat", "tree"], { error: "Choose flat or tree." })
    .default("flat")
    .describe("`tree`: parents before children, with `depth`"),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A parsed process query. */
export type ProcessQuery = z.infer<typeof processQuerySchema>;

/** A process in a list; `depth` is its level in the tree view (0 in the flat view). */
export type ListedProcess = ProcessInfo & { depth: number };

/** Orders processes by a sort like `-cpu` (a column, `-` first for descending), then by pid. */
function comparator(sort: string): (a: ProcessInfo, b: ProcessInfo) => number {
  const descending = sort.startsWith("-");
  const key = (descending ? sort.slice(1) : sort) as (typeof PROCESS_SORT_KEYS)[number];
  const direction = descending ? -1 : 1;
  return (a, b) => {
    const x = a[key];
    const y = b[key];
    const order = typeof x === "string" ? x.localeCompare(y as string) : (x as number) - (y as number);
    return order * direction || a.pid - b.pid;
  };
}

function matches(p: ProcessInfo, query: ProcessQuery): boolean {
  if (query.user && p.user !== query.user) return false;
  if (query.state && p.state !== query.state) return false;
  if (!query.q) return true;
  const q = query.q.toLowerCase();
  return (
    String(p.pid) === q ||
    p.name.toLowerCase().includes(q) ||
    p.command.toLowerCase().includes(q) ||
    p.user.toLowerCase().includes(q)
  );
}

/**
 * Orders processes as a tree: each parent before its children, siblings in the sort
 * order. With filters, the matches keep their ancestors so the tree stays connected.
 */
function asTree(all: ProcessInfo[], shown: Set<number>, compare: (a: ProcessInfo, b: ProcessInfo) => number) {
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const keep = new Set<number>();
  for (const pid of shown) {
    let p = byPid.get(pid);
    while (p && !keep.has(p.pid)) {
      keep.add(p.pid);
      p = byPid.get(p.ppid);
    }
  }
  const kept = all.filter((p) => keep.has(p.pid));
  const isChild = (p: ProcessInfo) => p.ppid !== p.pid && keep.has(p.ppid);
  const children = Map.groupBy(kept.filter(isChild), (p) => p.ppid);
  const roots = kept.filter((p) => !isChild(p));
  const out: ListedProcess[] = [];
  const walk = (list: ProcessInfo[], depth: number) => {
    for (const p of list.sort(compare)) {
      out.push({ ...p, depth });
      walk(children.get(p.pid) ?? [], depth + 1);
    }
  };
  walk(roots, 0);
  return out;
}

/** Filters, sorts and pages a process table read at `at` (Unix ms). */
export function queryProcesses(at: number, all: ProcessInfo[], query: ProcessQuery) {
  const compare = comparator(query.sort);
  const matching = all.filter((p) => matches(p, query));
  const ordered =
    query.view === "tree"
      ? asTree(all, new Set(matching.map((p) => p.pid)), compare)
      : matching.sort(compare).map((p) => ({ ...p, depth: 0 }));
  return {
    at,
    /** Processes matching the filters (before limit and offset). */
    total: ordered.length,
    /** Every process on the host. */
    all: all.length,
    items: ordered.slice(query.offset, query.offset + query.limit),
    /** The users present, for the filter menu. */
    users: [...new Set(all.map((p) => p.user))].sort(),
  };
}

/** A page of a process list. */
export type ProcessPage = ReturnType<typeof queryProcesses>;
