import { isNull } from "drizzle-orm";
import type { AlertSink } from "../../monitor/alert-sink.ts";
import type { AgentGatewayDeps } from "./agent-hub.ts";
import { hosts } from "./schema.ts";

/** Longest pause between two checks; shorter when `hosts.downAfterSeconds` is short. */
const MAX_CHECK_MS = 5000;
const MIN_CHECK_MS = 1000;

/** The dedup key of a host's `host_down` alert: one open alert per host. */
export function hostDownKey(hostId: string): string {
  return `host_down:${hostId}`;
}

/**
 * Raises `host_down` for an agent host silent for `hosts.downAfterSeconds` and closes it (with
 * a note) once the host reports again. One query per check reads every enrolled host's
 * last-seen time; revoked hosts are not read, so they never raise (one revoked while down has
 * its alert closed). A host is judged from when the watch started at the earliest, so a hub
 * that was itself down does not call every agent down before they had time to reconnect. After
 * a restart the first check closes the alerts of hosts that are up and raises (counts again)
 * those of hosts still down.
 */
export class HostWatch {
  #timer: ReturnType<typeof setInterval> | null = null;
  #startedAt = 0;
  /** Hosts known down (true) or up (false); a host not in it was not judged yet. */
  #down = new Map<string, boolean>();
  #running: Promise<void> = Promise.resolve();

  /** `deps`: the gateway's, with where its alerts go. */
  constructor(private readonly deps: AgentGatewayDeps & { alerts: AlertSink }) {}

  /** Starts checking. */
  start(): void {
    this.#startedAt = Date.now();
    const downMs = this.deps.config.get().hosts.downAfterSeconds * 1000;
    const every = Math.max(MIN_CHECK_MS, Math.min(MAX_CHECK_MS, downMs / 5));
    this.#timer = setInterval(() => void this.check(), every);
  }

  /** Stops checking (a check under way finishes). */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Checks every host now (the timer calls it; tests too). */
  check(): Promise<void> {
    this.#running = this.#running
      .then(() => this.#check())
      .catch((error) => {
        this.deps.failures?.count("host watch");
        this.deps.log.warn("could not check whether agents are down", { error });
      });
    return this.#running;
  }

  async #check(): Promise<void> {
    const now = Date.now();
    const downMs = this.deps.config.get().hosts.downAfterSeconds * 1000;
    const rows = await this.deps.db
      .select({
        id: hosts.id,
        hostname: hosts.hostname,
        assetId: hosts.assetId,
        lastSeenAt: hosts.lastSeenAt,
      })
      .from(hosts)
      .where(isNull(hosts.revokedAt));
    const enrolled = new Set<string>();
    for (const host of rows) {
      enrolled.add(host.id);
      const since = Math.max(host.lastSeenAt ?? 0, this.#startedAt);
      const down = now - since >= downMs;
      if (this.#down.get(host.id) === down) continue;
      this.#down.set(host.id, down);
      if (down) {
        const silent = Math.round((now - (host.lastSeenAt ?? this.#startedAt)) / 1000);
        await this.deps.alerts.raise({
          title: `Host ${host.hostname} is down`,
          description: `The agent of ${host.hostname} has sent nothing for ${silent} s (hosts.downAfterSeconds is ${downMs / 1000}).`,
          severity: "high",
          source: "rule",
          dedupKey: hostDownKey(host.id),
          host: host.hostname,
          context: { rule: "host_down", hostId: host.id, assetId: host.assetId, lastSeenAt: host.lastSeenAt },
        });
        this.deps.log.warn("agent host down", { hostId: host.id, hostname: host.hostname });
      } else {
        await this.deps.alerts.close(hostDownKey(host.id), `${host.hostname} reports again.`);
      }
    }
    // A host revoked while down: nobody waits for it any more.
    for (const [id, down] of this.#down)
      if (!enrolled.has(id)) {
        this.#down.delete(id);
        if (down) await this.deps.alerts.close(hostDownKey(id), "The host's agent was revoked.");
      }
  }
}
