import type { AlertSink } from "../../monitor/alert-sink.ts";
import type { NewOpenPortsListener } from "./runner.ts";
import { LOCAL_SCAN_ORIGIN } from "./schema.ts";

/**
 * What a completed scan tells the SOC: one alert per port found newly open since the previous
 * scan of the same target from the same host (dedup key `scan:<host>:<port>`, or
 * `scan:<origin host id>:<host>:<port>` for a scan from an agent's host, so a port that keeps
 * flapping is counted on its open alert and 127.0.0.1 of two machines are two alerts), raised
 * through `sink` (the alert write queue, which retries until each is stored); the scan's own
 * result is already stored.
 */
export function newOpenPortAlerts(sink: AlertSink): NewOpenPortsListener {
  return (scan, ports) => {
    const remote = scan.hostId !== LOCAL_SCAN_ORIGIN;
    const from = remote ? ` from ${scan.hostName ?? scan.hostId}` : "";
    for (const { host, port, service } of ports) {
      const name = service ? `${port}/tcp (${service})` : `${port}/tcp`;
      void sink.raise({
        title: `New open port ${name} on ${host}${from}`,
        description: `Scan of ${scan.target}${from} found ${name} open on ${host}; the previous scan of that target did not.`,
        severity: "medium",
        source: "scan",
        dedupKey: remote ? `scan:${scan.hostId}:${host}:${port}` : `scan:${host}:${port}`,
        host,
        context: {
          scanId: scan.id,
          target: scan.target,
          host,
          port,
          service,
          scan: `/network/scans/${scan.id}`,
          ...(remote ? { fromHostId: scan.hostId, fromHost: scan.hostName } : {}),
        },
      });
    }
  };
}
