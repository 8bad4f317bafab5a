/** How long one look at a host's table keeps its agent sending it (pages poll faster). */
const LEASE_MS = 10_000;
/** How often expired looks are noticed. */
const SWEEP_MS = 2_000;

/**
 * Which agent hosts' live tables of one kind (processes, windows) someone on the hub looks
 * at, and the latest of each: a look (a page or its refresh) leases the host's table for
 * {@link LEASE_MS}; the first look asks the agent to send it every tick (`watch` on), the
 * lease running out tells it to stop (`watch` off) and forgets the table. Agents send
 * nothing while nobody looks.
 */
export class TableWatch<T> {
  /** Each watched host's latest table. */
  readonly tables = new Map<string, T>();
  #leases = new Map<string, number>();
  #timer: ReturnType<typeof setInterval> | null = null;

  /** `tell(hostId, watching)` sends `watch` to the host's agent, if connected; `timing` for tests. */
  constructor(
    private readonly tell: (hostId: string, watching: boolean) => void,
    private readonly timing = { leaseMs: LEASE_MS, sweepMs: SWEEP_MS },
  ) {}

  /** Starts noticing expired looks. */
  start(): void {
    this.#timer = setInterval(() => this.#sweep(Date.now()), this.timing.sweepMs);
    this.#timer.unref?.();
  }

  /** Stops (the hub shuts down). */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Someone looks at `hostId`'s table now. */
  look(hostId: string): void {
    const watched = this.#leases.has(hostId);
    this.#leases.set(hostId, Date.now() + this.timing.leaseMs);
    if (!watched) this.tell(hostId, true);
  }

  /** The host's agent was welcomed: asked again when someone still looks. */
  welcomed(hostId: string): void {
    if (this.#leases.has(hostId)) this.tell(hostId, true);
  }

  /** Keeps a table an agent sent, while someone looks (a late one after the lease is dropped). */
  store(hostId: string, report: T): void {
    if (this.#leases.has(hostId)) this.tables.set(hostId, report);
  }

  #sweep(now: number): void {
    for (const [hostId, until] of this.#leases)
      if (until <= now) {
        this.#leases.delete(hostId);
        this.tables.delete(hostId);
        this.tell(hostId, false);
      }
  }
}
