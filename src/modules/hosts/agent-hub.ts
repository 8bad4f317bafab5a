import type { AppDeps } from "../../deps.ts";
import type { CoreDeps } from "../../kit/core-deps.ts";
import type { HistogramVec } from "../../lib/instruments.ts";
import type { AlertSink } from "../../monitor/alert-sink.ts";
import type { RuleEngine } from "../../monitor/rule-engine.ts";
import type { LiveSamples } from "./live-samples.ts";
import type { HostProcesses, ListeningPort, ReportedWindows } from "./protocol.ts";
import type { SampleWriter } from "./sample-writer.ts";
import type { TableWatch } from "./table-watch.ts";

/** What the agent gateway needs. */
export interface AgentGatewayDeps extends CoreDeps, Pick<AppDeps, "log" | "version" | "failures"> {
  /** Where `host_down` alerts go; without it no host is watched. */
  alerts?: AlertSink;
  /** The alert rules, told each host's newest sample as it arrives (they batch it per tick). */
  rules?: Pick<RuleEngine, "hostSample">;
  /** Durations of the writer's transactions, for `/metrics`. */
  writeDurations?: HistogramVec;
}

/**
 * What one agent's connection uses of the hub (the gateway implements it): the deps, where
 * samples, ports, process tables and window lists go, and the register of live connections.
 */
export interface AgentHub<C = unknown> {
  readonly deps: AgentGatewayDeps;
  readonly writer: Pick<SampleWriter, "add" | "setDisk">;
  readonly live: Pick<LiveSamples, "add">;
  readonly ports: Map<string, { at: number; ports: ListeningPort[] }>;
  readonly processes: TableWatch<HostProcesses>;
  readonly windows: TableWatch<ReportedWindows>;
  /** Records `connection` as the host's live one (closing an older one). */
  register(hostId: string, connection: C): void;
  /** Forgets `connection` when it is still the host's live one. */
  release(hostId: string, connection: C): void;
}
