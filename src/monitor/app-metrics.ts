import type { MetricFamily } from "../lib/exposition.ts";
import { CounterVec, HistogramVec } from "../lib/instruments.ts";
import type { PortState } from "./scanner.ts";

const PORT_STATES: readonly PortState[] = ["open", "closed", "filtered"];

/**
 * What Warden counts of its own work since start, for `/metrics`: HTTP requests and their
 * durations (counted by the http-metrics middleware), delivery attempts of e-mails and
 * webhook calls (by the delivery worker) and scans' port probes (by the scan runner). One
 * instance per process, built by `serve` (or a test) and handed to each counter's owner.
 */
export class AppMetrics {
  /** Requests by the route pattern that matched (never the raw URL), method and status code. */
  readonly httpRequests = new CounterVec(
    "warden_http_requests_total",
    "HTTP requests answered, by matched route pattern, method and status code.",
    ["route", "method", "status"],
  );

  /** Time to the response (its start, for a stream) by route pattern and method. */
  readonly httpDuration = new HistogramVec(
    "warden_http_request_duration_seconds",
    "Time from a request's arrival to its response (a stream's start), by matched route pattern and method.",
    ["route", "method"],
  );

  /** Delivery attempts by channel and outcome (`sent`, `retry`: failed and tried again later, `failed`: given up). */
  readonly deliveries = new CounterVec(
    "warden_notification_deliveries_total",
    "Delivery attempts of e-mails and webhook calls, by channel and outcome (sent; retry: failed, tried again later; failed: given up).",
    ["channel", "outcome"],
  );

  /** Port probes of scans (host discovery's included) by what they found. */
  readonly scanProbes = new CounterVec(
    "warden_scan_probes_total",
    "Port probes made by scans, host discovery included, by result (open, closed, filtered).",
    ["result"],
    PORT_STATES.map((result) => ({ result })),
  );

  /** Transactions storing agents' samples (one per tick for all agents), by duration. */
  readonly hostSampleWrites = new HistogramVec(
    "warden_host_sample_write_seconds",
    "Duration of each transaction storing the samples every agent sent during one tick.",
    [],
  );

  /** Every family, in a fixed order. */
  families(): MetricFamily[] {
    return [
      this.httpRequests.family(),
      this.httpDuration.family(),
      this.deliveries.family(),
      this.scanProbes.family(),
      this.hostSampleWrites.family(),
    ];
  }
}
