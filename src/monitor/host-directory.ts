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

/** How long the hosts read are trusted before they are read again (tags change rarely). */
const MAX_AGE_MS = 60_000;

/**
 * Agent hosts' newest samples between two evaluations of the alert rules (only the newest per
 * host), handed out with the hosts they came from in one batch. The hosts are read in ONE
 * query (through `load`) when a sample names a host not known yet or once they are a minute
 * old — never per sample.
 */
export class AgentSamples {
  #samples = new Map<string, Sample>();
  #hosts = new Map<string, AgentHost>();
  #readAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly load: () => Promise<AgentHost[]>) {}

  /** Keeps `sample` of `hostId` unless a newer one is kept already. */
  note(hostId: string, sample: Sample): void {
    const known = this.#samples.get(hostId);
    if (!known || known.at <= sample.at) this.#samples.set(hostId, sample);
  }

  /** The host `id`, if enrolled (not revoked) when last read. */
  host(id: string): AgentHost | undefined {
    return this.#hosts.get(id);
  }

  /**
   * The samples kept since the last call, each with its (enrolled) host; the hosts are read
   * again first when one of them is new or they are old.
   * @throws when the hosts cannot be read (the samples are dropped: newer ones follow).
   */
  async take(): Promise<{ hostId: string; host: AgentHost; sample: Sample }[]> {
    if (this.#samples.size === 0) return [];
    const batch = this.#samples;
    this.#samples = new Map();
    const now = Date.now();
    if (now - this.#readAt > MAX_AGE_MS || [...batch.keys()].some((id) => !this.#hosts.has(id))) {
      this.#readAt = now;
      this.#hosts = new Map((await this.load()).map((host) => [host.id, host]));
    }
    return [...batch].flatMap(([hostId, sample]) => {
      const host = this.#hosts.get(hostId);
      return host ? [{ hostId, host, sample }] : [];
    });
  }
}
