/**
 * A table the agent sends while the hub watches it (its processes, its windows): `read`
 * reads and sends it once; turned on, it runs at once and every `everyMs`, never two reads
 * at a time (a slow read skips a turn); turned off (or stopped), it runs no more.
 */
export class WatchedTable {
  #timer: ReturnType<typeof setInterval> | null = null;
  #reading = false;

  /** `read` reads the table and sends it; `failed` is told why a read failed (the next turn tries again). */
  constructor(
    private readonly read: () => Promise<void>,
    private readonly everyMs: number,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Starts or stops sending (the hub's `watch`); `undefined` leaves it as it is. */
  set(on: boolean | undefined): void {
    if (on && !this.#timer) {
      this.#timer = setInterval(() => this.#turn(), this.everyMs);
      this.#turn();
    } else if (on === false) this.stop();
  }

  /** Stops sending. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #turn(): void {
    if (this.#reading) return;
    this.#reading = true;
    this.read()
      .catch(this.failed)
      .finally(() => {
        this.#reading = false;
      });
  }
}
