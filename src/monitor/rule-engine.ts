import type { ConfigSource } from "../config/live.ts";
import type { BackgroundFailures } from "../lib/background-failures.ts";
import type { Logger } from "../lib/log.ts";
import { LOCAL_HOST, type Rule, rulesFromConfig, scopeIncludes } from "../lib/rule-definition.ts";
import type { Bus, BusEvent } from "../realtime/bus.ts";
import type { AlertSink } from "./alert-sink.ts";
import {
  type CompiledRule,
  compileRule,
  dedupKey,
  describeAlert,
  portCandidates,
  processKey,
  processNames,
} from "./compiled-rule.ts";
import { type AgentHost, AgentSamples, HOST_PREFIX, hostSubject } from "./host-directory.ts";
import type { MetricsHub, ProcessSnapshot } from "./hub.ts";
import { firingContext, type ListeningPort, listeningPorts } from "./rule-context.ts";
import type { SeriesReader } from "./rule-metrics.ts";
import { idleState, type StepAction, stateWord, step } from "./rule-state.ts";
import { NO_STATUS, type RuleStatus, type SubjectStatus, type TestReading } from "./rule-status.ts";
import type { FilesystemUsage, Sample } from "./sample.ts";

/** Options of the rule engine. */
export interface RuleEngineOptions {
  hub: MetricsHub;
  bus: Bus;
  config: ConfigSource;
  log: Logger;
  sink: AlertSink;
  /** The host name alerts carry. */
  host: string;
  /** The rules stored in the database (read at start and after every change). */
  loadStored: () => Promise<Rule[]>;
  /** Where failures of the engine's background work are counted. */
  failures?: BackgroundFailures;
  /** The enrolled agent hosts with their assets' tags (one query), for rules scoped beyond the local host. */
  agentHosts?: () => Promise<AgentHost[]>;
}

/**
 * Evaluates the alert rules in the main thread: metric rules on every hub tick (disk
 * rules against the filesystems of the slower cadence), process-absent rules on every
 * process table the hub reads (it reads them only while such rules exist), and
 * new-listening-port rules every `alerts.portIntervalMs`. A rule fires once its condition
 * held for `forSeconds`, recovers when the value crosses back past its clear threshold,
 * and re-notifies every `renotifySeconds` while firing. Alerts are written through the
 * sink without waiting; a failed write is logged, never thrown into the hub.
 */
export class RuleEngine {
  #all = new Map<string, CompiledRule>();
  #tickRules: CompiledRule[] = [];
  #diskRules: CompiledRule[] = [];
  #processRules: CompiledRule[] = [];
  #portRules: CompiledRule[] = [];
  /** Metric rules (not disk) whose scope reaches agent hosts. */
  #agentRules: CompiledRule[] = [];
  #hostTimer: ReturnType<typeof setInterval> | null = null;
  /** Agent hosts' newest samples since the last evaluation, and the hosts' names and tags. */
  #agents: AgentSamples | null = null;
  #stored: Rule[] = [];
  #filesystems: FilesystemUsage[] = [];
  #writes = new Set<Promise<void>>();
  #unsubscribe: (() => void) | null = null;
  #unwatchProcesses: (() => void) | null = null;
  #unwatchConfig: (() => void) | null = null;
  #portTimer: ReturnType<typeof setInterval> | null = null;
  #portIntervalMs = 0;

  constructor(private readonly options: RuleEngineOptions) {
    if (options.agentHosts) this.#agents = new AgentSamples(options.agentHosts);
  }

  /** Reads the stored rules and starts evaluating. */
  async start(): Promise<void> {
    this.#stored = await this.options.loadStored();
    this.#filesystems = this.options.hub.snapshot().filesystems;
    this.#rebuild();
    this.#unsubscribe = this.options.bus.subscribe(["metrics"], (event) => this.#onMetrics(event));
    this.#unwatchConfig =
      this.options.config.onChange?.((_config, changes) => {
        if (Object.keys(changes).some((key) => key.startsWith("alerts."))) this.#rebuild();
      }) ?? null;
    this.#hostTimer = setInterval(() => void this.tickHosts(), this.options.config.get().monitor.intervalMs);
    this.#hostTimer.unref?.();
  }

  /** Stops evaluating; resolves once the alert writes under way are done. */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unwatchConfig?.();
    this.#unwatchProcesses?.();
    this.#unwatchProcesses = null;
    if (this.#portTimer) clearInterval(this.#portTimer);
    this.#portTimer = null;
    if (this.#hostTimer) clearInterval(this.#hostTimer);
    this.#hostTimer = null;
    await this.settled();
  }

  /** Reads the stored rules again (after one was created, changed or deleted). */
  async reloadStored(): Promise<void> {
    this.#stored = await this.options.loadStored();
    this.#rebuild();
  }

  /** Resolves when every alert write started so far is done. */
  async settled(): Promise<void> {
    while (this.#writes.size > 0) await Promise.all(this.#writes);
  }

  /** The rules in force: the configuration's first (shipped defaults, then `alerts.rules`), then the stored ones. */
  rules(): Rule[] {
    return [...this.#all.values()].map((c) => c.rule);
  }

  /** Where a rule stands now. */
  status(id: string): RuleStatus {
    const compiled = this.#all.get(id);
    if (!compiled) return NO_STATUS;
    const subjects: SubjectStatus[] = [...compiled.states].map(([subject, s]) => ({
      subject,
      state: stateWord(s),
      value: s.value,
      since: s.firingSince ?? s.pendingSince,
    }));
    const worst =
      subjects.find((s) => s.state === "firing") ??
      subjects.find((s) => s.state === "pending") ??
      subjects[0];
    return {
      state: compiled.rule.enabled ? (worst?.state ?? "ok") : "disabled",
      value: worst?.value ?? null,
      since: worst?.since ?? null,
      subjects,
    };
  }

  /** Evaluates the metric rules on one sample (the hub's tick; benchmarks call it directly). */
  tick(sample: Sample, now = sample.at): void {
    for (const c of this.#tickRules) this.#measureMetric(c, "", (c.read as SeriesReader)(sample), now);
    for (const c of this.#diskRules)
      for (const fs of this.#filesystems)
        if (c.mount === "*" || c.mount === fs.mount) this.#measureMetric(c, fs.mount, fs.usePercent, now);
  }

  /**
   * Notes an agent host's sample (at hub time) as it is ingested: kept until the next
   * evaluation ({@link tickHosts}), only the newest per host, and only while rules watch agents.
   */
  hostSample(hostId: string, sample: Sample): void {
    if (this.#agentRules.length > 0) this.#agents?.note(hostId, sample);
  }

  /**
   * Evaluates the agent-scoped metric rules on every host's newest sample since the last
   * call, in one batch (the engine's timer calls it at `monitor.intervalMs`; tests too).
   * Host names and tags are read with them: one query when a host is new or the copy is old.
   */
  async tickHosts(): Promise<void> {
    if (!this.#agents) return;
    const batch = await this.#agents.take().catch((error) => {
      this.options.failures?.count("alert rules");
      this.options.log.warn("alert rules could not read the agent hosts", { error });
      return [];
    });
    for (const { hostId, host, sample } of batch) {
      for (const c of this.#agentRules)
        if (scopeIncludes(c.rule.hosts, hostId, host.tags))
          this.#measureMetric(c, hostSubject(hostId), (c.read as SeriesReader)(sample), sample.at);
    }
  }

  /** Evaluates the process-absent rules on one process table. */
  checkProcesses(snapshot: ProcessSnapshot, now = snapshot.at): void {
    const names = processNames(snapshot);
    for (const c of this.#processRules) {
      const count = names.get(processKey(c)) ?? 0;
      this.#measure(c, "", count, count === 0, count > 0, now);
    }
  }

  /**
   * Evaluates the new-listening-port rules on `sockets`, by default those listening now:
   * read without their owners (only /proc/net), and read again with them only when a
   * socket is new, so the alert can name its process.
   */
  checkPorts(sockets?: ListeningPort[], now = Date.now()): void {
    if (this.#portRules.length === 0) return;
    let current = sockets ?? listeningPorts(false);
    if (!sockets && this.#portRules.some((c) => this.#hasNewSocket(c, current)))
      current = listeningPorts(true);
    this.#checkPortRules(current, now);
  }

  #hasNewSocket(c: CompiledRule, sockets: ListeningPort[]): boolean {
    if (!c.known) return false;
    for (const key of portCandidates(c, sockets).keys())
      if (!c.known.has(key) && !c.states.has(key)) return true;
    return false;
  }

  #checkPortRules(sockets: ListeningPort[], now: number): void {
    for (const c of this.#portRules) {
      const current = portCandidates(c, sockets);
      if (!c.known) {
        c.known = new Set(current.keys());
        continue;
      }
      for (const [key, state] of c.states)
        if (!current.has(key)) {
          this.#measure(c, key, state.value ?? 0, false, true, now);
          c.states.delete(key);
          c.sockets.delete(key);
        }
      for (const [key, socket] of current)
        if (!c.known.has(key) || c.states.has(key)) {
          c.sockets.set(key, socket);
          this.#measure(c, key, socket.port, true, false, now);
        }
    }
  }

  /**
   * Evaluates one rule now without changing its state: each subject's measurement and
   * what the engine would do with it (a port rule not yet watching compares with nothing;
   * an agent host is measured by the value it reported last).
   */
  async test(id: string): Promise<TestReading[]> {
    const c = this.#all.get(id);
    if (!c) return [];
    const now = Date.now();
    const readings: Omit<TestReading, "outcome">[] = [];
    const condition = c.rule.condition;
    if (condition.type === "metric") {
      const latest = this.options.hub.snapshot().latest;
      const local = scopeIncludes(c.rule.hosts, LOCAL_HOST);
      if (c.read && latest && local) readings.push(this.#metricReading(c, "", c.read(latest)));
      for (const fs of c.read || !local ? [] : this.#filesystems)
        if (c.mount === "*" || c.mount === fs.mount)
          readings.push(this.#metricReading(c, fs.mount, fs.usePercent));
      // Agent hosts: the value each reported last (their samples are not kept here).
      for (const [subject, state] of c.states)
        if (subject.startsWith(HOST_PREFIX) && state.value !== null)
          readings.push(this.#metricReading(c, subject, state.value));
    } else if (condition.type === "process_absent") {
      const count = processNames(await this.options.hub.processes()).get(processKey(c)) ?? 0;
      readings.push({ subject: "", value: count, holds: count === 0 });
    } else {
      const current = portCandidates(c, listeningPorts(false));
      for (const [key, socket] of current)
        if (c.known && (!c.known.has(key) || c.states.has(key)))
          readings.push({ subject: key, value: socket.port, holds: true });
    }
    return readings.map((r) => {
      const state = { ...(c.states.get(r.subject) ?? idleState()) };
      const action = step(state, r.holds, !r.holds, now, c.forMs, c.renotifyMs);
      return { ...r, outcome: action === "none" ? stateWord(state) : action };
    });
  }

  #metricReading(c: CompiledRule, subject: string, value: number): Omit<TestReading, "outcome"> {
    return { subject, value, holds: c.compare(value, c.threshold) };
  }

  #measureMetric(c: CompiledRule, subject: string, value: number, now: number): void {
    this.#measure(c, subject, value, c.compare(value, c.threshold), !c.compare(value, c.clear), now);
  }

  #measure(c: CompiledRule, subject: string, value: number, holds: boolean, recovered: boolean, now: number) {
    const state = c.states.getOrInsertComputed(subject, () => idleState());
    state.value = value;
    const action = step(state, holds, recovered, now, c.forMs, c.renotifyMs);
    if (action !== "none") this.#act(c, subject, action, value, now);
  }

  #act(c: CompiledRule, subject: string, action: StepAction, value: number, now: number): void {
    const key = dedupKey(c, subject);
    if (action === "recover") {
      if (c.rule.autoClose) this.#write(() => this.options.sink.close(key, "The condition recovered."));
      return;
    }
    if (action === "fire" && c.known) c.known.add(subject);
    const hostId = subject.startsWith(HOST_PREFIX) ? subject.slice(HOST_PREFIX.length) : null;
    const agent = hostId ? this.#agents?.host(hostId) : undefined;
    this.#write(async () => {
      const { title, description, facts } = describeAlert(c, agent ? agent.hostname : subject, value);
      // An agent's processes and sockets are not here: its alert carries the measurement.
      const context = agent
        ? { ...facts, mount: null, at: now, hostId }
        : await firingContext(this.options.hub, facts, c.read, now);
      await this.options.sink.raise({
        title,
        description,
        severity: c.rule.severity,
        source: "rule",
        dedupKey: key,
        host: agent?.hostname ?? this.options.host,
        context,
        techniques: c.rule.techniques,
      });
    });
  }

  /** Runs an alert write in the background; its failure is logged. */
  #write(run: () => Promise<void>): void {
    const done = run()
      .catch((error) => {
        this.options.failures?.count("alert rules");
        this.options.log.error("alert rule could not write its alert", { error });
      })
      .finally(() => this.#writes.delete(done));
    this.#writes.add(done);
  }

  #onMetrics(event: BusEvent): void {
    if (event.name === "metrics.tick") this.tick(event.data as Sample);
    else if (event.name === "metrics.filesystems")
      this.#filesystems = (event.data as { filesystems: FilesystemUsage[] }).filesystems;
  }

  /** Compiles the rules in force again; unchanged rules keep their state, a removed or changed rule closes its alerts. */
  #rebuild(): void {
    const alerts = this.options.config.get().alerts;
    const fromConfig = rulesFromConfig(alerts);
    const next = new Map<string, CompiledRule>();
    for (const rule of [...fromConfig, ...this.#stored]) {
      const signature = JSON.stringify(rule);
      const before = this.#all.get(rule.id);
      next.set(rule.id, before?.signature === signature ? before : compileRule(rule, signature));
    }
    for (const [id, before] of this.#all) if (next.get(id) !== before) this.#retire(before);
    this.#all = next;
    const enabled = [...next.values()].filter((c) => c.rule.enabled);
    const local = enabled.filter((c) => scopeIncludes(c.rule.hosts, LOCAL_HOST));
    const ofType = (type: Rule["condition"]["type"]) => local.filter((c) => c.rule.condition.type === type);
    this.#agentRules = enabled.filter(
      (c) => c.rule.condition.type === "metric" && c.read !== null && c.rule.hosts !== LOCAL_HOST,
    );
    this.#tickRules = ofType("metric").filter((c) => c.read !== null);
    this.#diskRules = ofType("metric").filter((c) => c.read === null);
    this.#processRules = ofType("process_absent");
    this.#portRules = ofType("new_listening_port");
    this.#watchProcesses();
    this.#watchPorts(alerts.portIntervalMs);
  }

  /** Closes the alerts of a rule that was removed or changed (when it closes them on recovery). */
  #retire(c: CompiledRule): void {
    if (!c.rule.autoClose) return;
    for (const [subject, state] of c.states)
      if (state.firingSince !== null) {
        const key = dedupKey(c, subject);
        this.#write(() => this.options.sink.close(key, "The rule was changed or removed."));
      }
  }

  /** Subscribes to the process table (which makes the hub read it) only while process rules exist. */
  #watchProcesses(): void {
    if (this.#processRules.length > 0 && !this.#unwatchProcesses)
      this.#unwatchProcesses = this.options.bus.subscribe(["processes"], (event) => {
        if (event.name === "processes.list") this.checkProcesses(event.data as ProcessSnapshot);
      });
    else if (this.#processRules.length === 0 && this.#unwatchProcesses) {
      this.#unwatchProcesses();
      this.#unwatchProcesses = null;
    }
  }

  /** Reads the sockets every `intervalMs` only while port rules exist; the first reading is their baseline. */
  #watchPorts(intervalMs: number): void {
    const wanted = this.#portRules.length > 0;
    if (this.#portTimer && (!wanted || intervalMs !== this.#portIntervalMs)) {
      clearInterval(this.#portTimer);
      this.#portTimer = null;
    }
    if (!wanted || this.#portTimer) return;
    this.#portIntervalMs = intervalMs;
    this.#scanPorts();
    this.#portTimer = setInterval(() => this.#scanPorts(), intervalMs);
    this.#portTimer.unref?.();
  }

  #scanPorts(): void {
    try {
      this.checkPorts();
    } catch (error) {
      this.options.log.error("alert rules could not read the listening sockets", { error });
    }
  }
}
