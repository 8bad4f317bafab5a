/** Seconds of flooding (strikes) after which a connection is closed. */
const MAX_STRIKES = 3;

/** One connection's message rate: messages over it are dropped, each second of that is a strike. */
export class FloodCount {
  #sent: number[] = [];
  #strikes = 0;
  #lastStrike = 0;

  /** Counts a message: `ok` within `perSecond`; over it `drop`, or `strike` for a second's first, `close` for the last. */
  count(perSecond: number): "ok" | "drop" | "strike" | "close" {
    const now = Date.now();
    this.#sent = this.#sent.filter((t) => now - t < 1000);
    this.#sent.push(now);
    if (this.#sent.length <= perSecond) return "ok";
    if (now - this.#lastStrike < 1000) return "drop";
    this.#lastStrike = now;
    return ++this.#strikes >= MAX_STRIKES ? "close" : "strike";
  }
}
