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
    let stale = now - this.#readAt > MAX_AGE_MS;
    for (const id of ids) if (!stale && !this.#hosts.has(id)) stale = true;
    if (!stale) return;
    this.#readAt = now;
    this.#hosts = new Map((await this.load()).map((host) => [host.id, host]));
  }

  /** The host `id`, if enrolled (not revoked) when last read. */
  get(id: string): AgentHost | undefined {
    return this.#hosts.get(id);
  }
}
