// The agent ↔ hub protocol (docs/agent-protocol.md): every message either side may send, as
// zod schemas both sides validate against. The agent imports this file too, so the two
// cannot drift; it holds no hub code.
import { z } from "zod";
import { AGENT_ACTION_CLASSES } from "../../config/schema.ts";
import { actionResultSchema, actionSchema } from "./action-protocol.ts";
import { CLOSE } from "./close-codes.ts";

/**
 * The protocol version this build speaks. A change either side could misread bumps it.
 * 2: the agent's `ports` and `processes` messages, the hub's `watch`.
 * 3: remote actions, the hub's `action` and the agent's `action_result` (action-protocol.ts);
 *    the agent's `windows` message and the hub's `watch` of `windows`.
 */
export const PROTOCOL_VERSION = 3;
/** The oldest agent protocol this hub still serves. */
export const MIN_PROTOCOL_VERSION = 1;

/** Path of the agents' WebSocket on the hub. */
export const AGENT_SOCKET_PATH = "/api/v1/agents/connect";

/** Most samples one `samples` message carries. */
export const MAX_BATCH_SAMPLES = 60;
/** Largest message either side sends, in bytes (the hub closes a socket sending more). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** Close codes after which the agent stops instead of reconnecting. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CLOSE.unauthorized,
  CLOSE.revoked,
  CLOSE.protocol,
]);

const ms = z.number().int().min(0).max(8_640_000_000_000_000);
const finite = z.number().finite();
/**
 * A count of bytes (or bytes per second): at most 2^53 (8 PiB), beyond which a number has no
 * exact integer value; a minute's sum of such figures still cannot overflow its average.
 */
const bytes = z.number().min(0).max(Number.MAX_SAFE_INTEGER);
/** A share in percent: the sampler rounds its shares, so 100 is the most it sends. */
const percent = z.number().min(0).max(100);
const cpu = z.strictObject({ user: percent, system: percent, iowait: percent, idle: percent, busy: percent });
/**
 * A load average: an average count of runnable tasks, so never negative nor more than the
 * tasks Linux can have at all (PID_MAX_LIMIT, 2^22).
 */
const load = z.number().min(0).max(4_194_304);

/** `schema`, refusing a figure of bytes whose `used` is more than its `total`. */
function usedWithinTotal<T extends z.ZodType<{ total: number; used: number }>>(schema: T) {
  return schema.refine((v) => v.used <= v.total, { path: ["used"], message: "used is more than total" });
}

/** Facts about the agent's host, sent once per connection. */
export const hostFactsSchema = z.strictObject({
  hostname: z.string().min(1).max(253),
  os: z.string().max(60),
  distribution: z.string().max(120),
  release: z.string().max(120),
  kernel: z.string().max(120),
  arch: z.string().max(40),
  cpuModel: z.string().max(200),
  cores: z.number().int().min(0).max(65_536),
  memoryTotal: bytes,
  bootTime: ms,
  virtualization: z.string().max(120).nullable(),
  ipAddresses: z.array(z.string().max(64)).max(64),
});

/** Host facts as the agent sends them. */
export type HostFacts = z.infer<typeof hostFactsSchema>;

/** One tick of host metrics (the sampler's `Sample`), timestamped by the agent's clock. */
export const sampleSchema = z.strictObject({
  at: ms,
  cpu,
  cores: z.array(cpu).max(4096),
  load: z.tuple([load, load, load]),
  memory: usedWithinTotal(
    z.strictObject({ total: bytes, used: bytes, available: bytes, cached: bytes, buffers: bytes }),
  ),
  swap: usedWithinTotal(z.strictObject({ total: bytes, used: bytes })),
  network: z.strictObject({
    rx: bytes,
    tx: bytes,
    interfaces: z.array(z.strictObject({ name: z.string().max(64), rx: bytes, tx: bytes })).max(256),
  }),
  disk: z.strictObject({ read: bytes, write: bytes }),
  processes: z.number().int().min(0).max(4_194_304),
});

/** Usage of one filesystem (slow cadence). */
export const filesystemSchema = z
  .strictObject({
    mount: z.string().max(4096),
    fs: z.string().max(4096),
    type: z.string().max(64),
    size: bytes,
    used: bytes,
    usePercent: percent,
  })
  .refine((v) => v.used <= v.size, { path: ["used"], message: "used is more than size" });

/** One listening socket of the agent's host (slow cadence, with the filesystems). */
export const listeningPortSchema = z.strictObject({
  protocol: z.enum(["tcp", "tcp6", "udp", "udp6"]),
  address: z.string().max(64),
  port: z.number().int().min(0).max(65_535),
  /** The process holding it, null when the agent cannot see it. */
  pid: z.number().int().min(0).nullable(),
  process: z.string().max(64).nullable(),
});

/** A listening socket as the agent reports it. */
export type ListeningPort = z.infer<typeof listeningPortSchema>;

/**
 * The first message of every connection. Its `type` and `protocol` are read before anything
 * else and never change meaning in any version, so any hub can tell any agent which
 * version it speaks. Either `credential` (an enrolled agent) or `enrol` (a first start).
 */
export const helloSchema = z.strictObject({
  type: z.literal("hello"),
  protocol: z.number().int().min(1),
  agentVersion: z.string().min(1).max(40),
  /** A digest of the machine id (never the id itself): what matches the host's CMDB asset. */
  machineKey: z.string().regex(/^[0-9a-f]{32}$/),
  /** The agent's clock when sending, Unix ms. */
  clock: ms,
  host: hostFactsSchema,
  credential: z
    .strictObject({ id: z.string().min(1).max(64), secret: z.string().min(1).max(200) })
    .optional(),
  enrol: z.strictObject({ token: z.string().min(1).max(200) }).optional(),
  /** The action classes its `agent.allow` enables (protocol 3; none when absent): the hub offers only these. */
  allow: z.array(z.enum(AGENT_ACTION_CLASSES)).max(AGENT_ACTION_CLASSES.length).optional(),
});

/** A batch of samples, oldest first; `seq` grows by one per batch on a connection. */
export const samplesSchema = z.strictObject({
  type: z.literal("samples"),
  seq: z.number().int().min(0),
  /** The agent's clock when sending, Unix ms: the hub measures the clock skew from it. */
  sentAt: ms,
  samples: z.array(sampleSchema).min(1).max(MAX_BATCH_SAMPLES),
});

/** Filesystem usage, on the slow cadence. */
export const filesystemsSchema = z.strictObject({
  type: z.literal("filesystems"),
  filesystems: z.array(filesystemSchema).max(512),
});

/** The host's listening sockets, on the slow cadence after `filesystems` (protocol 2). */
export const portsSchema = z.strictObject({
  type: z.literal("ports"),
  ports: z.array(listeningPortSchema).max(1024),
});

/** Most processes one `processes` message carries (the busiest; the message stays under 64 KiB). */
export const MAX_PROCESSES = 200;

/** One process of the agent's host, as its process table shows it. */
export const processRowSchema = z.strictObject({
  pid: z.number().int().min(0),
  ppid: z.number().int().min(0),
  name: z.string().max(64),
  user: z.string().max(64),
  state: z.string().max(24),
  /** Percent of one core (a process of several threads may use more than one). */
  cpu: z.number().finite().min(0),
  /** Resident memory, bytes and percent of the host's. */
  rss: bytes,
  memory: percent,
  threads: z.number().int().min(0),
  command: z.string().max(160),
});

/** A process as the agent reports it. */
export type ProcessRow = z.infer<typeof processRowSchema>;

/** The busiest processes, while the hub watches them (protocol 2). */
export const processesSchema = z.strictObject({
  type: z.literal("processes"),
  /** When the table was read, agent's Unix ms. */
  at: ms,
  /** Processes on the host in all (the list holds the busiest of them). */
  total: z.number().int().min(0),
  processes: z.array(processRowSchema).max(MAX_PROCESSES),
});

/** Most windows one `windows` message carries (the message stays under 64 KiB). */
export const MAX_WINDOWS = 256;

/** One top-level window of the agent's desktop, as the local windows page lists it. */
export const windowRowSchema = z.strictObject({
  id: z.string().regex(/^0x[0-9a-f]{8}$/),
  title: z.string().max(200),
  pid: z.number().int().min(0).nullable(),
  class: z.string().max(128).nullable(),
  desktop: z.number().int().min(0).nullable(),
  geometry: z.strictObject({ x: finite, y: finite, width: finite, height: finite }),
  state: z.array(z.string().max(40)).max(16),
});

/** A window as the agent reports it. */
export type WindowRow = z.infer<typeof windowRowSchema>;

/**
 * The agent's desktop windows, while the hub watches them (protocol 3): the local windows
 * list's fields; without a desktop `available` is false and `reason` says why ("no desktop
 * session"), never an empty list that would look like no windows.
 */
export const windowsSchema = z.strictObject({
  type: z.literal("windows"),
  /** When the list was read, agent's Unix ms. */
  at: ms,
  available: z.boolean(),
  reason: z.string().max(200).nullable(),
  missing: z.array(z.string().max(20)).max(8),
  display: z.string().max(100).nullable(),
  windows: z.array(windowRowSchema).max(MAX_WINDOWS),
});

/** The agent's desktop windows as it sends them. */
export type WindowsMessage = z.infer<typeof windowsSchema>;

/** A host's busiest processes, when they were read (null: not yet) and how many it runs. */
export const hostProcessesSchema = z.object({
  at: z.number().int().nullable(),
  total: z.number().int(),
  processes: z.array(processRowSchema),
});

/** A host's process table. */
export type HostProcesses = z.infer<typeof hostProcessesSchema>;

/**
 * An agent host's desktop windows: `agent` says whether they can come (`ready`: connected and
 * of protocol 3 or later; `offline`; `outdated`: its version never sends windows); `at` when
 * the list came (null: not yet); the list as the local windows page has it.
 */
export const hostWindowsSchema = z.object({
  agent: z.enum(["ready", "offline", "outdated"]),
  at: z.number().int().nullable(),
  available: z.boolean().describe("false: no desktop on the host (or not yet a list); `reason` says why"),
  reason: z.string().nullable(),
  missing: z.array(z.string()),
  display: z.string().nullable(),
  windows: z.array(windowRowSchema),
});

/** A host's desktop windows. */
export type HostWindows = z.infer<typeof hostWindowsSchema>;

/** A list as an agent last sent it (hub time). */
export type ReportedWindows = Omit<HostWindows, "agent">;

/** What an agent sends after its hello. */
export const agentMessageSchema = z.discriminatedUnion("type", [
  samplesSchema,
  filesystemsSchema,
  portsSchema,
  processesSchema,
  windowsSchema,
  actionResultSchema,
]);

/** A message from the agent after its hello. */
export type AgentMessage = z.infer<typeof agentMessageSchema>;
/** The agent's hello. */
export type Hello = z.infer<typeof helloSchema>;
/** One sample as sent. */
export type WireSample = z.infer<typeof sampleSchema>;

/** The hub's answer to a hello it accepts. */
export const welcomeSchema = z.strictObject({
  type: z.literal("welcome"),
  protocol: z.number().int().min(1),
  hubVersion: z.string(),
  hostId: z.string(),
  /** The hub's clock when answering, Unix ms. */
  clock: ms,
  /** The agent's own credential, sent once, when it enrolled on this connection. */
  credential: z.strictObject({ id: z.string(), secret: z.string() }).optional(),
});

/** The hub stored every sample of batch `seq` (and every batch before it). */
export const ackSchema = z.strictObject({ type: z.literal("ack"), seq: z.number().int().min(0) });

/** Why the hub closes the socket (sent just before closing, as the close reason may be cut). */
export const refusalSchema = z.strictObject({
  type: z.literal("refused"),
  code: z.number().int(),
  message: z.string(),
  /** The versions this hub serves, on a protocol refusal. */
  protocols: z.strictObject({ min: z.number().int(), max: z.number().int() }).optional(),
});

/**
 * Someone on the hub looks at this host's processes or windows (`true`: send them every tick)
 * or no longer does (`false`: stop); a field left out keeps its state. `processes` goes to
 * agents of protocol 2 and later, `windows` to agents of protocol 3 and later only.
 */
export const watchSchema = z.strictObject({
  type: z.literal("watch"),
  processes: z.boolean().optional(),
  windows: z.boolean().optional(),
});

/** What the hub watches, as a `watch` message says it (a field left out: unchanged). */
export type WatchChange = { processes?: boolean; windows?: boolean };

/** What the hub sends. */
export const hubMessageSchema = z.discriminatedUnion("type", [
  welcomeSchema,
  ackSchema,
  refusalSchema,
  watchSchema,
  actionSchema,
]);

/** A message from the hub. */
export type HubMessage = z.infer<typeof hubMessageSchema>;

/** The version envelope every message can be read with, whatever else it holds. */
const envelopeSchema = z.looseObject({ type: z.string(), protocol: z.number().int().optional() });

/** Reads a raw frame as JSON with a `type`; null when it is not even that (garbage). */
export function readEnvelope(raw: string | Buffer) {
  try {
    const value: unknown = JSON.parse(typeof raw === "string" ? raw : raw.toString("utf8"));
    const envelope = envelopeSchema.safeParse(value);
    return envelope.success ? { ...envelope.data, value } : null;
  } catch {
    return null;
  }
}

/**
 * Why a peer speaking `theirs` cannot be served by one speaking [`min`, `max`], or null when
 * it can: the message names which side to upgrade.
 */
export function protocolMismatch(theirs: number, min: number, max: number, peer: "agent" | "hub") {
  if (theirs > max)
    return `the ${peer} speaks protocol ${theirs}, this side at most ${max}: upgrade the ${peer === "agent" ? "hub" : "agent"}`;
  if (theirs < min)
    return `the ${peer} speaks protocol ${theirs}, this side at least ${min}: upgrade the ${peer}`;
  return null;
}

/** A zod error as one short line (for a close reason or a log). */
export function issueLine(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "message"}: ${issue.message}` : "invalid message";
}
