import type { usage } from "./filesystems.ts";
import type { readHostFacts } from "./host-facts.ts";
import type { CpuUsage } from "./proc.ts";
import type { ProcessInfo } from "./processes.ts";

/** Facts about the host read once at start. */
export type HostInfo = Awaited<ReturnType<typeof readHostFacts>>;

/** One tick of host metrics; rates are per second over the time since the previous tick. */
export interface Sample {
  at: number;
  cpu: CpuUsage;
  cores: CpuUsage[];
  load: [number, number, number];
  memory: { total: number; used: number; available: number; cached: number; buffers: number };
  swap: { total: number; used: number };
  network: { rx: number; tx: number; interfaces: { name: string; rx: number; tx: number }[] };
  disk: { read: number; write: number };
  processes: number;
}

/** Usage of one mounted filesystem (slow cadence). */
export type FilesystemUsage = ReturnType<typeof usage>;

/** Messages from the sampler worker to the hub. */
export type WorkerMessage =
  | { type: "host"; host: HostInfo }
  | { type: "sample"; sample: Sample }
  | { type: "filesystems"; filesystems: FilesystemUsage[]; temperature: number | null }
  | { type: "processes"; at: number; processes: ProcessInfo[] }
  | { type: "error"; message: string };

/**
 * Messages from the hub to the sampler worker: (re)start ticking at these cadences; read
 * the process table every `intervalMs` (0: stop, nobody is looking).
 */
export type HubMessage =
  | { type: "config"; intervalMs: number; filesystemIntervalMs: number }
  | { type: "processes"; intervalMs: number };
