import type { Sample } from "./sample.ts";

/** The subject of an agent host's measurement in the alert rules: `host:<id>` (dedup key `rule:<id>:host:<hostId>`). */
export const HOST_PREFIX = "host:";

/** The subject of agent host `hostId`. */
export const hostSubject = (hostId: string) => `${HOST_PREFIX}${hostId}`;

/** An agent host as alert rules see it: its name and its CMDB asset's tags. */
export interface AgentHost {
  id: string;
  hostname: string;
  tags: string[];
}

/** How long the directory is trusted before it is read again (tags change rarely). */
const MAX_AGE_MS = 60_000;

/**
 * The agent hosts known to the alert rules, read in ONE query (through `load`) when a
 * sample names a host it does not know or once it is a minute old — never per sample.
 */
export class HostDirectory {
  #hosts = new Map<string, AgentHost>();
  #readAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly load: () => Promise<AgentHost[]>) {}

  /** Reads the hosts again if one of `ids` is unknown or the copy is old. */
  async refreshFor(ids: Iterable<string>, now = Date.now()): Promise<void> {
    if (now - this.#readAt <= MAX_AGE_MS && [...ids].every((id) => this.#hosts.has(id))) return;
    this.#readAt = now;
    this.#hosts = new Map((await this.load()).map((host) => [host.id, host]));
  }

  /** The host `id`, if enrolled (not revoked) when last read. */
  get(id: string): AgentHost | undefined {
    return this.#hosts.get(id);
  }
}

/**
 * Agent hosts' newest samples between two evaluations of the alert rules (only the newest per
 * host), handed out with the hosts they came from in one batch.
 */
export class AgentSamples {
  #samples = new Map<string, Sample>();
  readonly directory: HostDirectory;

  constructor(load: () => Promise<AgentHost[]>) {
    this.directory = new HostDirectory(load);
  }

  /** Keeps `sample` of `hostId` unless a newer one is kept already. */
  note(hostId: string, sample: Sample): void {
    const known = this.#samples.get(hostId);
    if (!known || known.at <= sample.at) this.#samples.set(hostId, sample);
  }

  /**
   * The samples kept since the last call, each with its (enrolled) host; the directory is read
   * again first when one of them is new to it.
   * @throws when the directory cannot be read (the samples are dropped: newer ones follow).
   */
  async take(): Promise<{ hostId: string; host: AgentHost; sample: Sample }[]> {
    if (this.#samples.size === 0) return [];
    const batch = this.#samples;
    this.#samples = new Map();
    await this.directory.refreshFor(batch.keys());
    return [...batch].flatMap(([hostId, sample]) => {
      const host = this.directory.get(hostId);
      return host ? [{ hostId, host, sample }] : [];
    });
  }
}
