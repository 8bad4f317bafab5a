import type { Rule } from "../lib/rule-definition.ts";
import type { ProcessSnapshot } from "./hub.ts";
import type { ListeningPort } from "./rule-context.ts";
import { comparator, SERIES_READERS, type SeriesReader, seriesUnit } from "./rule-metrics.ts";
import type { SubjectState } from "./rule-state.ts";

/** A rule made ready for evaluation: its pieces picked once, its state per subject. */
export interface CompiledRule {
  rule: Rule;
  /** The rule as JSON: an edit that changes nothing keeps the state. */
  signature: string;
  forMs: number;
  renotifyMs: number;
  /** Per subject: "" for the host, a mount, or `<protocol>:<address>:<port>`. */
  states: Map<string, SubjectState>;
  /** Metric rules on a tick series. */
  read: SeriesReader | null;
  compare: (value: number, limit: number) => boolean;
  threshold: number;
  clear: number;
  /** Disk rules: the mount, or `*`. */
  mount: string | null;
  /** Port rules: sockets known when the rule started watching, plus those reported since. */
  known: Set<string> | null;
  /** Port rules: the sockets now listening that are not known, by subject. */
  sockets: Map<string, ListeningPort>;
}

/** The `comm` of a process is cut to 15 characters; a rule's name is compared the same way. */
const COMM_LENGTH = 15;

/** Picks a rule's pieces once: its reader, comparison, thresholds and timings. */
export function compileRule(rule: Rule, signature: string): CompiledRule {
  const c = rule.condition;
  const metric = c.type === "metric" ? c : null;
  return {
    rule,
    signature,
    forMs: rule.forSeconds * 1000,
    renotifyMs: rule.renotifySeconds * 1000,
    states: new Map(),
    read: metric && metric.series !== "disk" ? SERIES_READERS[metric.series] : null,
    compare: comparator(metric?.operator ?? ">"),
    threshold: metric?.threshold ?? 0,
    clear: metric?.clear ?? metric?.threshold ?? 0,
    mount: metric?.series === "disk" ? (metric.mount ?? "*") : null,
    known: null,
    sockets: new Map(),
  };
}

/** A socket's subject: `<protocol>:<address>:<port>`. */
const socketKey = (s: ListeningPort) => `${s.protocol}:${s.address}:${s.port}`;

/** The dedup key of a rule's alert for `subject`: `rule:<id>` or `rule:<id>:<subject>`. */
export function dedupKey(c: CompiledRule, subject: string): string {
  return subject ? `rule:${c.rule.id}:${subject}` : `rule:${c.rule.id}`;
}

/** An alert's title, description and measured facts, for `subject` at `value`. */
export function describeAlert(c: CompiledRule, subject: string, value: number) {
  const condition = c.rule.condition;
  const rule = { id: c.rule.id, name: c.rule.name };
  if (condition.type === "metric") {
    const unit = seriesUnit(condition.series);
    const where = subject ? ` on ${subject}` : "";
    return {
      title: subject ? `${c.rule.name}: ${subject}` : c.rule.name,
      description: `${condition.series}${where} is ${Math.round(value * 10) / 10}${unit} (${condition.operator} ${condition.threshold}${unit}).`,
      facts: {
        rule,
        series: condition.series,
        mount: subject || null,
        value,
        operator: condition.operator,
        threshold: c.threshold,
        clear: c.clear,
      },
    };
  }
  if (condition.type === "process_absent")
    return {
      title: c.rule.name,
      description: `No process named ${condition.name} is running.`,
      facts: { rule, process: condition.name, running: value },
    };
  const socket = c.sockets.get(subject);
  const owner = socket?.process ? `${socket.process} (pid ${socket.pid})` : "a process Warden cannot see";
  return {
    title: `${c.rule.name}: ${socket?.protocol} ${socket?.address}:${value}`,
    description: `${owner} listens on ${socket?.protocol} ${socket?.address}:${value}.`,
    facts: { rule, socket: socket ?? null },
  };
}

/** The name a process-absent rule looks for, cut as `comm` is. */
export function processKey(c: CompiledRule): string {
  return c.rule.condition.type === "process_absent" ? c.rule.condition.name.slice(0, COMM_LENGTH) : "";
}

/** How many processes run under each name. */
export function processNames(snapshot: ProcessSnapshot): Map<string, number> {
  const names = new Map<string, number>();
  for (const p of snapshot.processes) names.set(p.name, (names.get(p.name) ?? 0) + 1);
  return names;
}

/** The sockets a port rule looks at (UDP only when asked, ignored ports left out), by subject. */
export function portCandidates(c: CompiledRule, sockets: ListeningPort[]): Map<string, ListeningPort> {
  const condition = c.rule.condition;
  const current = new Map<string, ListeningPort>();
  if (condition.type !== "new_listening_port") return current;
  for (const s of sockets)
    if ((condition.udp || s.protocol.startsWith("tcp")) && !condition.ignorePorts.includes(s.port))
      current.set(socketKey(s), s);
  return current;
}
