import type { Context } from "hono";
import type { AppEnv } from "../../lib/context.ts";
import { AppError, Conflict } from "../../lib/errors.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { socketData, upgradingServer } from "../../realtime/ws.ts";
import type { ActionKind, ActionParams } from "./action-protocol.ts";
import type { AgentConnection } from "./agent-connection.ts";
import type { AgentGatewayDeps, AgentHub } from "./agent-hub.ts";
import type { AgentRequests } from "./agent-requests.ts";
import { markDisconnected } from "./agents.ts";
import { CLOSE } from "./close-codes.ts";
import { HostWatch } from "./host-watch.ts";
import { LiveSamples } from "./live-samples.ts";
import type { HostProcesses, ListeningPort, ReportedWindows } from "./protocol.ts";
import { SampleWriter } from "./sample-writer.ts";
import { TableWatch } from "./table-watch.ts";

/** 409: the host's agent is not connected, so nothing was sent. */
export class AgentOffline extends Conflict {
  constructor() {
    super("The agent of this host is not connected; nothing was sent. Try again once it is back.");
  }
}

/**
 * The hub's side of the agent protocol (docs/agent-protocol.md) at `GET
 * /api/v1/agents/connect`: admits each agent by its hello, hands its samples (at hub time,
 * the measured clock skew added) to the {@link SampleWriter}, acknowledges them once stored,
 * and disconnects with a reason an agent that sends garbage, floods, or is revoked (at once,
 * on the bus's `host.revoked`). Samples also go to viewers at once ({@link LiveSamples}), and
 * hosts that fall silent raise `host_down` ({@link HostWatch}).
 */
export class AgentGateway implements AgentHub {
  readonly writer: SampleWriter;
  readonly live: LiveSamples;
  readonly watch: HostWatch | null;
  /** Each agent host's listening sockets as last reported (memory only: agents resend them every slow tick). */
  readonly ports = new Map<string, { at: number; ports: ListeningPort[] }>();
  /** The agent hosts whose processes someone looks at, and their tables. */
  readonly processes = new TableWatch<HostProcesses>((hostId, processes) =>
    this.#connections.get(hostId)?.watch({ processes }),
  );
  /** The agent hosts whose desktop windows someone looks at, and their lists. */
  readonly windows = new TableWatch<ReportedWindows>((hostId, windows) =>
    this.#connections.get(hostId)?.watch({ windows }),
  );
  #connections = new Map<string, AgentConnection>();
  #unsubscribe: (() => void) | null = null;

  constructor(readonly deps: AgentGatewayDeps) {
    this.writer = new SampleWriter(deps);
    this.live = new LiveSamples(deps.bus);
    this.watch = deps.alerts ? new HostWatch({ ...deps, alerts: deps.alerts }) : null;
  }

  /** Starts the writer and listens for revocations; hosts marked connected by a hub that crashed are not. */
  start(): void {
    markDisconnected(this.deps.db).catch((error) =>
      this.deps.log.warn("could not mark the agents disconnected", { error }),
    );
    this.writer.start();
    this.live.start();
    this.watch?.start();
    this.processes.start();
    this.windows.start();
    this.#unsubscribe = this.deps.bus.subscribe(["hosts"], (event) => {
      if (event.name !== "host.revoked") return;
      const id = (event.data as { id: string }).id;
      this.#connections.get(id)?.refuse(CLOSE.revoked, "this agent was revoked on the hub");
    });
  }

  /** Stores what is pending and stops (after the server closed the sockets). */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.live.stop();
    await this.watch?.stop();
    this.processes.stop();
    this.windows.stop();
    await this.writer.stop();
  }

  /**
   * Asks `hostId`'s agent to carry out `kind` for `by` (a user's label); its result.
   * @throws {@link AgentOffline} when it is not connected; what {@link AgentRequests.request} throws.
   */
  act<K extends ActionKind>(hostId: string, kind: K, params: ActionParams<K>, by: string) {
    const requests = this.#connections.get(hostId)?.requests;
    if (!requests) throw new AgentOffline();
    return requests.request(kind, params, by);
  }

  /**
   * Refuses, before anything is sent, what `hostId`'s agent cannot carry out now.
   * @throws {@link AgentOffline} when it is not connected; what {@link AgentRequests.assertCan} throws.
   */
  assertCanAct(hostId: string, kind: ActionKind): void {
    const requests = this.#connections.get(hostId)?.requests;
    if (!requests) throw new AgentOffline();
    requests.assertCan(kind);
  }

  /** Whether `hostId`'s agent is connected and can carry out `kind` (its protocol and `agent.allow`). */
  allows(hostId: string, kind: ActionKind): boolean {
    return this.#connections.get(hostId)?.requests?.allows(kind) ?? false;
  }

  /**
   * Whether `hostId`'s agent is connected, and whether it reports its windows (protocol 3 on):
   * `offline`, `outdated` or `ready`.
   */
  windowsAgent(hostId: string): "offline" | "outdated" | "ready" {
    const connection = this.#connections.get(hostId);
    if (!connection) return "offline";
    return connection.reportsWindows ? "ready" : "outdated";
  }

  /** Upgrades an agent's request to its socket; the agent then says hello. */
  upgrade(c: Context<AppEnv>): Response {
    const server = upgradingServer(c, "Agents connect here with a WebSocket.");
    const request = requestFacts(c, this.deps.config);
    // The connection's code and the protocol's schemas load with the first agent that connects.
    const { AgentConnection } = require("./agent-connection.ts") as typeof import("./agent-connection.ts");
    const connection = new AgentConnection(this, request.ip ?? null);
    if (!server.upgrade(c.req.raw, { data: socketData(request, null, connection) }))
      throw new AppError(400, "bad_request", "Bad request", "The WebSocket handshake failed.");
    return new Response(null);
  }

  /** Records `connection` as its host's; an older one of the same host is closed. */
  register(hostId: string, connection: AgentConnection): void {
    const previous = this.#connections.get(hostId);
    this.#connections.set(hostId, connection);
    if (previous && previous !== connection)
      previous.refuse(CLOSE.replaced, "the same agent connected again");
  }

  /** Forgets `connection` (closed) and marks its host disconnected. */
  release(hostId: string, connection: AgentConnection): void {
    if (this.#connections.get(hostId) !== connection) return;
    this.#connections.delete(hostId);
    markDisconnected(this.deps.db, hostId)
      .then(() => this.deps.bus.publish("hosts", "host.disconnected", { id: hostId }))
      .catch((error) => this.deps.log.warn("could not mark an agent disconnected", { hostId, error }));
  }
}
