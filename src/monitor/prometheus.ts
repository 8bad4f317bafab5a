import type { WriterStats } from "../db/writer.ts";
import type { AlertQueueStats } from "./alert-queue.ts";
import type { MetricsSnapshot } from "./hub.ts";

type Labels = Record<string, string>;

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
}

/** Warden's own health, shown after the host's figures. */
export interface WardenHealth {
  alerts: AlertQueueStats;
  /** The database's one writer. */
  writer: WriterStats;
  /** Failures of background jobs by job name. */
  failures: [job: string, failures: number][];
}

/**
 * The latest sample in the Prometheus text exposition format (0.0.4), one HELP and TYPE line
 * per metric, labels for interfaces and mounts; then Warden's own health: the alert write
 * queue's failures (a counter) and what waits in it, and failures of background jobs.
 */
export function prometheusText(snapshot: MetricsSnapshot, health: WardenHealth): string {
  const { alerts, failures, writer } = health;
  const lines: string[] = [];
  const metric = (type: "gauge" | "counter", name: string, help: string, values: [Labels, number][]) => {
    if (values.length === 0) return;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of values) {
      const tags = Object.entries(labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(",");
      lines.push(`${name}${tags ? `{${tags}}` : ""} ${Number.isFinite(value) ? value : 0}`);
    }
  };
  const gauge = (name: string, help: string, values: [Labels, number][]) =>
    metric("gauge", name, help, values);
  const s = snapshot.latest;
  if (s) {
    gauge("warden_cpu_busy_percent", "CPU time not idle over the last interval, percent.", [
      [{}, s.cpu.busy],
    ]);
    gauge("warden_cpu_iowait_percent", "CPU time waiting for I/O over the last interval, percent.", [
      [{}, s.cpu.iowait],
    ]);
    gauge("warden_load_average", "Load average.", [
      [{ period: "1m" }, s.load[0]],
      [{ period: "5m" }, s.load[1]],
      [{ period: "15m" }, s.load[2]],
    ]);
    gauge("warden_memory_total_bytes", "Physical memory.", [[{}, s.memory.total]]);
    gauge("warden_memory_used_bytes", "Memory in use (without buffers and cache).", [[{}, s.memory.used]]);
    gauge("warden_memory_available_bytes", "Memory available for new work.", [[{}, s.memory.available]]);
    gauge("warden_swap_total_bytes", "Swap space.", [[{}, s.swap.total]]);
    gauge("warden_swap_used_bytes", "Swap in use.", [[{}, s.swap.used]]);
    gauge(
      "warden_network_receive_bytes_per_second",
      "Bytes received per second.",
      s.network.interfaces.map((i) => [{ interface: i.name }, i.rx]),
    );
    gauge(
      "warden_network_transmit_bytes_per_second",
      "Bytes sent per second.",
      s.network.interfaces.map((i) => [{ interface: i.name }, i.tx]),
    );
    gauge("warden_disk_read_bytes_per_second", "Bytes read from disks per second.", [[{}, s.disk.read]]);
    gauge("warden_disk_write_bytes_per_second", "Bytes written to disks per second.", [[{}, s.disk.write]]);
    gauge("warden_processes", "Processes running.", [[{}, s.processes]]);
  }
  gauge(
    "warden_filesystem_size_bytes",
    "Size of a mounted filesystem.",
    snapshot.filesystems.map((f) => [{ mount: f.mount, type: f.type }, f.size]),
  );
  gauge(
    "warden_filesystem_used_bytes",
    "Used space of a mounted filesystem.",
    snapshot.filesystems.map((f) => [{ mount: f.mount, type: f.type }, f.used]),
  );
  metric("counter", "warden_alert_writes_total", "Alert writes by rules and scans, by what became of them.", [
    [{ result: "queued" }, alerts.queued],
    [{ result: "raised" }, alerts.raised],
    [{ result: "closed" }, alerts.closed],
    [{ result: "dropped" }, alerts.dropped],
  ]);
  metric(
    "counter",
    "warden_alert_write_failures_total",
    "Failed attempts to store an alert (each is retried).",
    [[{}, alerts.failures]],
  );
  gauge("warden_alert_writes_waiting", "Alert writes not yet stored, in memory or in the spool file.", [
    [{ where: "memory" }, alerts.pending],
    [{ where: "spool" }, alerts.spooled],
  ]);
  metric("counter", "warden_db_writes_total", "Writes and write transactions through the one writer.", [
    [{}, writer.writes],
  ]);
  gauge("warden_db_writes_queued", "Writes waiting for the writer's lock now.", [[{}, writer.queued]]);
  gauge("warden_db_write_wait_max_milliseconds", "Longest wait for the writer's lock since start.", [
    [{}, writer.maxWaitMs],
  ]);
  metric(
    "counter",
    "warden_background_failures_total",
    "Failures of background jobs (each logged and retried by its job).",
    failures.map(([job, n]) => [{ job }, n]),
  );
  return `${lines.join("\n")}\n`;
}
