import type { AlertSink } from "../../monitor/alert-sink.ts";
import type { NewOpenPortsListener } from "./runner.ts";

/**
 * What a completed scan tells the SOC: one alert per port found newly open since the previous
 * scan of the same target (dedup key `scan:<host>:<port>`, so a port that keeps flapping is
 * counted on its open alert), raised through `sink` (the alert write queue, which retries
 * until each is stored); the scan's own result is already stored.
 */
export function newOpenPortAlerts(sink: AlertSink): NewOpenPortsListener {
  return (scan, ports) => {
    for (const { host, port, service } of ports) {
      const name = service ? `${port}/tcp (${service})` : `${port}/tcp`;
      void sink.raise({
        title: `New open port ${name} on ${host}`,
        description: `Scan of ${scan.target} found ${name} open on ${host}; the previous scan of that target did not.`,
        severity: "medium",
        source: "scan",
        dedupKey: `scan:${host}:${port}`,
        host,
        context: {
          scanId: scan.id,
          target: scan.target,
          host,
          port,
          service,
          scan: `/network/scans/${scan.id}`,
        },
      });
    }
  };
}
