// JavaScriptCore compiles a function to machine code once it has run often enough: first with
// its Baseline JIT, then with the optimizing DFG and FTL. At Warden's idle load (one sample a
// second, a viewer or two) nothing runs often enough to pay a compile back, yet under the
// normal policy ~200 functions were DFG-compiled within two minutes of start, and one compile
// after the start-up page release brings the compiler's own code pages back: about 8 MiB more
// resident memory in all, and more CPU spent compiling than the compiled code saved. So while
// the main thread is quiet its tier-up thresholds are QUIET_JIT_SCALE times the normal ones
// (Bun.unsafe.setJITPolicy): in effect it interprets. Once the main thread is busy (a request
// load, a big import) the normal policy applies for the rest of the run, so a loaded server
// compiles what it runs as it always would. The scale is per thread: the sampler worker
// (sampler.worker.ts), whose only work is a few milliseconds a second, stays quiet for good.

import type { Config } from "../config/schema.ts";
import type { Logger } from "./log.ts";

/**
 * How many times the normal tier-up thresholds a quiet thread uses. Measured with a server and
 * one viewer: at 100, code run once a second was still being optimized after 5 and 10 minutes
 * (RSS 63.7 → 67.7 → 71.5 MiB); at 1,000 a function looping 150 times per call is optimized after
 * ~10,700 calls (3 hours at 1 Hz); at 10,000 not within 300,000.
 */
export const QUIET_JIT_SCALE = 10_000;

/** `server.jit`: `adaptive` is quiet until the main thread is busy, then normal; `normal` is normal from `start()` on. */
export type JitMode = Config["server"]["jit"];

/** Makes the calling thread's JIT wait: with QUIET_JIT_SCALE it in effect interprets. */
export function quietJit(): void {
  Bun.unsafe.setJITPolicy(QUIET_JIT_SCALE);
}

/** Options of the main thread's JIT policy. */
export interface JitPolicyOptions {
  /** The configured mode, read again on every check (a config reload applies). */
  mode: () => JitMode;
  /** Where the switch to the normal policy (info) and every scale change (debug) are logged. */
  log: Logger;
  /** The share of one core the main thread must use over `windowMs` to count as busy. */
  busyShare?: number;
  /** The window over which the main thread's CPU time is looked at. */
  windowMs?: number;
  /** How often the main thread's CPU time is read. */
  checkMs?: number;
}

/**
 * Busy means 3 % of one core over 10 s (300 ms of CPU time). Measured on the main thread: one
 * viewer 0.13 %, a hundred 0.6 %, a page view ~6 ms while quiet; a thousand live streams 4 %,
 * opening them 720 ms at once.
 */
const DEFAULTS = { busyShare: 0.03, windowMs: 10_000, checkMs: 1000 };

/** CPU time (user + system) the calling thread has used, in microseconds. */
function threadCpuMicros(): number {
  const { user, system } = process.threadCpuUsage();
  return user + system;
}

/**
 * The main thread's JIT policy (see the top of this file). In `adaptive` mode it is quiet until
 * the main thread has used `busyShare` of a core over `windowMs`, then normal until the process
 * ends; `normal` mode is normal at once. Call it from the main thread.
 */
export class JitPolicy {
  readonly #options: Required<JitPolicyOptions>;
  #scale: number | null = null;
  #busy = false;
  /** The thread's CPU time (µs) at each check and when it was read, oldest first, within `windowMs`. */
  #readings: { at: number; cpu: number }[] = [];
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: JitPolicyOptions) {
    this.#options = { ...DEFAULTS, ...options };
  }

  /** The tier-up scale in force: 1 is normal. */
  get scale(): number {
    return this.#scale ?? 1;
  }

  /** Whether the main thread has been busy (the policy then stays normal). */
  get busy(): boolean {
    return this.#busy;
  }

  /** Applies the configured mode now and starts watching the main thread's CPU time (once busy, only applies). */
  start(): void {
    this.stop();
    this.#apply();
    if (this.#busy) return;
    this.#readings = [{ at: performance.now(), cpu: threadCpuMicros() }];
    this.#timer = setInterval(() => this.#check(), this.#options.checkMs);
    this.#timer.unref();
  }

  /** Stops watching; the scale in force stays. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #check(): void {
    const { busyShare, windowMs, mode, log } = this.#options;
    const now = { at: performance.now(), cpu: threadCpuMicros() };
    this.#readings.push(now);
    // The oldest reading kept is the last one at least a window old (timers may run late).
    while ((this.#readings[1]?.at ?? now.at) <= now.at - windowMs) this.#readings.shift();
    const usedMicros = now.cpu - (this.#readings[0] ?? now).cpu;
    if (mode() === "adaptive" && usedMicros >= busyShare * windowMs * 1000) {
      this.#busy = true;
      this.stop();
      log.info("main thread busy: JIT policy normal from now on", {
        cpuMs: Math.round(usedMicros / 1000),
        windowMs,
      });
    }
    this.#apply();
  }

  #apply(): void {
    const wanted = this.#busy || this.#options.mode() === "normal" ? 1 : QUIET_JIT_SCALE;
    if (wanted === this.#scale) return;
    Bun.unsafe.setJITPolicy(wanted);
    this.#scale = wanted;
    this.#options.log.debug("JIT policy", { scale: wanted });
  }
}
