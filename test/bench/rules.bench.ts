// Alert rule evaluation: the cost per hub tick of 100 rules (metric rules on every tick series,
// disk rules per mount, process-absent and new-listening-port rules), replaying real samples
// from a real hub; then the cost of one process-table check and of one socket check (its
// /proc read apart from the evaluation). Evaluation runs in the main thread on every tick, so
// this is what each tick adds to the hub. Port rules read /proc/net every alerts.portIntervalMs
// and walk every process's descriptors (to name the owner) only when a socket is new.
//
//   bun test/bench/rules.bench.ts [--samples=40] [--ticks=20000]
import { createLogger } from "../../src/lib/log.ts";
import { type ConfigRule, METRIC_SERIES } from "../../src/lib/rule-definition.ts";
import type { AlertSink } from "../../src/monitor/alert-sink.ts";
import { MetricsHub } from "../../src/monitor/hub.ts";
import { listeningPorts } from "../../src/monitor/rule-context.ts";
import { RuleEngine } from "../../src/monitor/rule-engine.ts";
import type { Sample } from "../../src/monitor/sample.ts";
import { Bus } from "../../src/realtime/bus.ts";
import { testConfig } from "../helpers/app.ts";
import { intOption } from "./helpers.ts";
import { figure, heading, printMachine, printRows, runBench, stats } from "./report.ts";

const SAMPLES = intOption("samples", "BENCH_SAMPLES", 40);
const TICKS = intOption("ticks", "BENCH_TICKS", 20_000);

/** 100 rules: 60 on tick series, 20 disk (every mount or one), 10 process-absent, 10 new-port; about one in ten fires (once: the others sit at limits no sample reaches, so nothing flaps). */
function hundredRules(mounts: string[]): ConfigRule[] {
  const rules: ConfigRule[] = [];
  const base = {
    enabled: true,
    severity: "medium" as const,
    renotifySeconds: 0,
    autoClose: true,
    techniques: [],
    hosts: "local" as const,
  };
  const series = METRIC_SERIES.filter((s) => s !== "disk");
  for (let i = 0; i < 60; i++) {
    const s = series[i % series.length] ?? "cpu";
    const fires = i % 10 === 0;
    rules.push({
      ...base,
      id: `metric-${i}`,
      name: `metric ${i}`,
      condition: {
        type: "metric",
        series: s,
        operator: fires ? ">=" : ">",
        threshold: fires ? 0 : s === "cpu" || s === "memory" || s === "swap" ? 100 : 1e12,
      },
      forSeconds: i % 3 === 0 ? 0 : 300,
    });
  }
  /** `n` rules of one kind, named `<kind> <i>`, each with the condition and delay `rule(i)` gives. */
  const addRules = (
    kind: string,
    n: number,
    rule: (i: number) => Pick<ConfigRule, "condition" | "forSeconds">,
  ) => {
    for (let i = 0; i < n; i++) rules.push({ ...base, id: `${kind}-${i}`, name: `${kind} ${i}`, ...rule(i) });
  };
  addRules("disk", 20, (i) => ({
    condition: {
      type: "metric",
      series: "disk",
      mount: i % 2 === 0 ? "*" : (mounts[i % mounts.length] ?? "/"),
      operator: ">",
      threshold: i === 1 ? 0 : 100,
    },
    forSeconds: 0,
  }));
  addRules("process", 10, (i) => ({
    condition: { type: "process_absent", name: i === 0 ? "no-such-proc" : "bun" },
    forSeconds: 60,
  }));
  addRules("port", 10, (i) => ({
    condition: { type: "new_listening_port", ignorePorts: [22], udp: i % 2 === 0 },
    forSeconds: 0,
  }));
  return rules;
}

const us = (ms: number) => `${(ms * 1000).toFixed(2)} µs`;

runBench(async () => {
  await printMachine();
  const log = createLogger(() => ({ level: "error", format: "json" }));
  const base = testConfig("/tmp");
  const hubConfig = { ...base, monitor: { ...base.monitor, intervalMs: 250, filesystemIntervalMs: 1000 } };
  const hubBus = new Bus();
  const hub = new MetricsHub({ bus: hubBus, config: { get: () => hubConfig }, log });
  const samples: Sample[] = [];
  hubBus.subscribe(["metrics"], (e) => {
    if (e.name === "metrics.tick") samples.push(e.data as Sample);
  });
  hub.start();
  while (samples.length < SAMPLES || hub.snapshot().filesystems.length === 0) await Bun.sleep(50);
  const mounts = hub.snapshot().filesystems.map((fs) => fs.mount);

  let raised = 0;
  const sink: AlertSink = {
    raise: async () => ({ id: String(++raised), created: true }),
    close: async () => {},
  };
  const rules = hundredRules(mounts);
  const config = { ...base, alerts: { defaults: false, rules, portIntervalMs: 3_600_000 } };
  // Its own bus: nothing live drives it, the benchmark calls tick() itself.
  const engine = new RuleEngine({
    hub,
    bus: new Bus(),
    config: { get: () => config },
    log,
    sink,
    host: "bench",
    loadStored: async () => [],
  });
  await engine.start();

  // Warm up (first fires and their snapshots happen here), then replay the samples with a moving clock.
  const t0 = samples[0]?.at ?? Date.now();
  for (let i = 0; i < 200; i++) engine.tick(samples[i % samples.length] as Sample, t0 + i * 1000);
  await engine.settled();
  const perTick: number[] = [];
  for (let i = 0; i < TICKS; i++) {
    const sample = samples[i % samples.length] as Sample;
    const start = performance.now();
    engine.tick(sample, t0 + (200 + i) * 1000);
    perTick.push(performance.now() - start);
  }
  const tick = stats(perTick);

  const snapshot = await hub.processes();
  const processCosts: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    engine.checkProcesses(snapshot, snapshot.at + i * 2000);
    processCosts.push(performance.now() - start);
  }
  const sockets = listeningPorts();
  const readCost = (owners: boolean) => {
    const costs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      listeningPorts(owners);
      costs.push(performance.now() - start);
    }
    return stats(costs);
  };
  const read = readCost(false);
  const readOwners = readCost(true);
  const portCosts: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    engine.checkPorts(sockets, Date.now());
    portCosts.push(performance.now() - start);
  }
  await engine.stop();
  hub.stop();

  const proc = stats(processCosts);
  const port = stats(portCosts);
  heading(
    `100 rules (60 tick series, 20 disk over ${mounts.length} mounts, 10 process, 10 port), ${samples.length} real samples replayed ${TICKS} times`,
  );
  printRows([
    [
      "tick (60 metric + 20 disk rules)",
      `median ${us(tick.median)} · p90 ${us(tick.p90)} · p99 ${us(tick.p99)} · max ${us(tick.max)}`,
    ],
    ["per metric rule per tick", `${((tick.median * 1e6) / 80).toFixed(0)} ns (median / 80)`],
    [
      `process check (${snapshot.processes.length} processes, 10 rules)`,
      `median ${us(proc.median)} · p99 ${us(proc.p99)}`,
    ],
    [
      `socket read, /proc/net only (${sockets.length} listening)`,
      `median ${us(read.median)} · p99 ${us(read.p99)}`,
    ],
    ["socket read with owners (fd walk)", `median ${us(readOwners.median)} · p99 ${us(readOwners.p99)}`],
    ["port check (10 rules, evaluation only)", `median ${us(port.median)} · p99 ${us(port.p99)}`],
    ["alerts raised while measuring", String(raised)],
  ]);
  figure("rule evaluation per tick, 100 rules (median / p99)", `${us(tick.median)} / ${us(tick.p99)}`);
  figure("process-absent check, 10 rules (median)", us(proc.median));
  figure(
    "port rules' socket read, /proc/net only / with owners (median)",
    `${us(read.median)} / ${us(readOwners.median)}`,
  );
});
