import type { AgentActionClass } from "../../src/config/schema.ts";
import {
  AGENT_SOCKET_PATH,
  type HostFacts,
  type ListeningPort,
  PROTOCOL_VERSION,
  type ProcessRow,
  type WindowRow,
  type WireSample,
} from "../../src/modules/hosts/protocol.ts";

/** What a simulated agent says about its host, and the figures of its samples. */
export interface SimulatedHost {
  hostname: string;
  distribution: string;
  release: string;
  cores: number;
  /** Memory in GiB. */
  memoryGiB: number;
  /** Index making its machine key (one per simulated machine). */
  machine: number;
  /** The action classes its hello announces (`agent.allow`); none when absent. */
  allow?: readonly AgentActionClass[];
}

/** A simulated agent connected to a hub: it sends what it is told, speaking the real protocol. */
export interface SimulatedAgent {
  /** Sends one sample now (CPU busy `cpu` %, `memoryUsed` of its memory). */
  sample(cpu: number, memoryUsed: number): void;
  /** Sends the usage of its root filesystem. */
  disk(usePercent: number): void;
  /** Whether the hub last asked for its process table. */
  readonly watching: boolean;
  /** Sends a process table. */
  processes(processes: ProcessRow[]): void;
  /** Whether the hub last asked for its windows. */
  readonly watchingWindows: boolean;
  /** Sends its desktop's windows (on display `:0`). */
  windows(windows: WindowRow[]): void;
  /** Sends its listening sockets. */
  ports(ports: ListeningPort[]): void;
  close(): void;
}

/** An agent's `windows` message: `windows` on display `:0`. */
export function windowsMessage(windows: WindowRow[]) {
  return {
    type: "windows",
    at: Date.now(),
    available: true,
    reason: null,
    missing: [],
    display: ":0",
    windows,
  };
}

function facts(host: SimulatedHost): HostFacts {
  return {
    hostname: host.hostname,
    os: "linux",
    distribution: host.distribution,
    release: host.release,
    kernel: "6.1.0",
    arch: "x64",
    cpuModel: "Simulated",
    cores: host.cores,
    memoryTotal: host.memoryGiB * 2 ** 30,
    bootTime: Date.now() - 86_400_000,
    virtualization: null,
    ipAddresses: [`192.0.2.${10 + host.machine}`],
  };
}

/**
 * Connects a simulated agent to the hub at `url` (http(s)://…) with an enrolment token;
 * resolves once the hub welcomed it. `protocol`: the version its hello claims.
 */
export function connectSimulatedAgent(
  url: string,
  token: string,
  host: SimulatedHost,
  protocol = PROTOCOL_VERSION,
): Promise<SimulatedAgent> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}${AGENT_SOCKET_PATH}`);
  let seq = 0;
  const agent: SimulatedAgent = {
    sample: (cpu, memoryUsed) => {
      const busy = { user: cpu, system: 0, iowait: 0, idle: 100 - cpu, busy: cpu };
      const total = host.memoryGiB * 2 ** 30;
      const sample: WireSample = {
        at: Date.now(),
        cpu: busy,
        cores: [busy],
        load: [1, 1, 1],
        memory: {
          total,
          used: total * memoryUsed,
          available: total * (1 - memoryUsed),
          cached: 0,
          buffers: 0,
        },
        swap: { total: 0, used: 0 },
        network: { rx: 1000, tx: 2000, interfaces: [] },
        disk: { read: 0, write: 0 },
        processes: 200,
      };
      ws.send(JSON.stringify({ type: "samples", seq: seq++, sentAt: Date.now(), samples: [sample] }));
    },
    disk: (usePercent) =>
      ws.send(
        JSON.stringify({
          type: "filesystems",
          filesystems: [
            { mount: "/", fs: "/dev/sda1", type: "ext4", size: 1e11, used: 1e9 * usePercent, usePercent },
          ],
        }),
      ),
    watching: false,
    processes: (processes) =>
      ws.send(JSON.stringify({ type: "processes", at: Date.now(), total: processes.length, processes })),
    watchingWindows: false,
    windows: (windows) => ws.send(JSON.stringify(windowsMessage(windows))),
    ports: (ports) => ws.send(JSON.stringify({ type: "ports", ports })),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.onopen = () =>
      ws.send(
        JSON.stringify({
          type: "hello",
          protocol,
          agentVersion: "0.1.0",
          machineKey: (host.machine % 16).toString(16).repeat(32),
          clock: Date.now(),
          enrol: { token },
          host: facts(host),
          ...(host.allow ? { allow: host.allow } : {}),
        }),
      );
    ws.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as {
        type: string;
        message?: string;
        processes?: boolean;
        windows?: boolean;
      };
      if (message.type === "watch" && message.processes !== undefined)
        Object.assign(agent, { watching: message.processes });
      if (message.type === "watch" && message.windows !== undefined)
        Object.assign(agent, { watchingWindows: message.windows });
      if (message.type === "welcome") resolve(agent);
      if (message.type === "refused") reject(new Error(`the hub refused: ${message.message}`));
    };
    ws.onerror = () => reject(new Error(`cannot reach ${url}`));
  });
}
