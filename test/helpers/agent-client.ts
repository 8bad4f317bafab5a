/**
 * A real agent for the hub's tests: a WebSocket client speaking the agent protocol
 * (docs/agent-protocol.md) by hand — hello, samples — and recording what the hub answers.
 */
import { expect } from "bun:test";
import type { WireSample } from "../../src/modules/hosts/protocol.ts";
import { HOST, hello } from "./agent-hello.ts";
import { createTestApp, jsonInit, type TestApp } from "./app.ts";
import { type ListeningApp, listen } from "./listen.ts";
import { watchSocket } from "./ws-client.ts";

export { HOST, hello };

/** A test app acting as a hub: its agent gateway started and served on a free port. */
export interface TestHub {
  t: TestApp;
  served: ListeningApp;
  /** Stops serving, the gateway and the app. */
  stop(): Promise<void>;
}

/** Creates a test app (as {@link createTestApp}), starts its agent gateway and serves it. */
export async function startHub(...args: Parameters<typeof createTestApp>): Promise<TestHub> {
  const t = await createTestApp(...args);
  t.hosts.start();
  const served = listen(t);
  return {
    t,
    served,
    stop: async () => {
      await served.stop();
      await t.hosts.stop();
      await t.close();
    },
  };
}

/** A message from the hub. */
export type Message = { type: string; [key: string]: unknown };

/** An agent's socket to the hub served at `base`: what the hub sent, and how it closed. */
export function agentSocket(base: string) {
  const watched = watchSocket<Message>(new WebSocket(`${base.replace("http", "ws")}/api/v1/agents/connect`));
  return {
    ...watched,
    /** The first message of `type` the hub sent (waiting for it), typed as the caller expects. */
    message: async <T = Message>(type: string): Promise<T> =>
      (await watched.waitFor((m) => m.type === type)) as T,
    closed: () => watched.ended,
  };
}

/** A sample at `at` with `busy` percent CPU. */
export function sample(at: number, busy = 12.5): WireSample {
  const cpu = { user: busy, system: 0, iowait: 0, idle: 100 - busy, busy };
  return {
    at,
    cpu,
    cores: [cpu],
    load: [0.5, 0.4, 0.3],
    memory: { total: 1000, used: 250, available: 750, cached: 0, buffers: 0 },
    swap: { total: 0, used: 0 },
    network: { rx: 10, tx: 20, interfaces: [] },
    disk: { read: 1, write: 2 },
    processes: 42,
  };
}

/** A new enrolment token of `app` for `maxUses` agents, made by its admin. */
export async function enrolmentToken(app: TestApp, maxUses = 1): Promise<string> {
  const res = await app.as(
    "admin",
    "/api/v1/hosts/enrolment-tokens",
    jsonInit({ name: `Agents ${Math.random()}`, maxUses }),
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** A raw agent of `protocol` allowing `allow`, enrolled with `hub` and welcomed: its socket and host id. */
export async function rawAgent(hub: TestHub, protocol: number, allow?: string[]) {
  const token = await enrolmentToken(hub.t);
  const agent = agentSocket(hub.served.url);
  await agent.opened;
  const name = `raw-${protocol}-${Math.random().toString(36).slice(2, 8)}`;
  agent.send(
    hello(
      { enrol: { token } },
      {
        protocol,
        machineKey: Bun.hash(name).toString(16).padStart(32, "0").slice(0, 32),
        host: { ...HOST, hostname: name },
        ...(allow ? { allow: allow as never } : {}),
      },
    ),
  );
  const welcome = await agent.message<{ hostId: string; protocol: number }>("welcome");
  expect(welcome.protocol).toBe(protocol);
  return { agent, hostId: welcome.hostId, name };
}

/**
 * Waits for the next action request `agent` receives and takes it off its messages (so the
 * one after it is next), then answers it: `outcome` (`{ ok, result }` or `{ ok, error }`) as
 * its action_result, or a function does what it does instead. Resolves to the request.
 */
export async function answerAction(
  agent: ReturnType<typeof agentSocket>,
  outcome: Record<string, unknown> | ((request: Message) => void),
): Promise<Message> {
  const request = await agent.message<Message>("action");
  agent.messages.splice(agent.messages.indexOf(request), 1);
  if (typeof outcome === "function") outcome(request);
  else agent.send({ type: "action_result", id: request.id, ...outcome });
  return request;
}
