// Remote actions in the agent protocol (protocol 3, docs/agent-protocol.md): the hub's
// `action` request and the agent's `action_result`, and which `agent.allow` class each kind
// of action needs. Both sides validate against these; this file holds no hub code.
import { z } from "zod";
import type { AgentActionClass } from "../../config/schema.ts";
import { WINDOW_ACTIONS } from "../../desktop/x11.ts";
import { SIGNALS } from "../processes/control.ts";

/** The first protocol version whose agents carry out remote actions. */
export const ACTIONS_PROTOCOL = 3;

/** How long the hub waits for an agent's `action_result` before giving up on it (a scan: {@link SCAN_TIMEOUT_MS}). */
export const ACTION_TIMEOUT_MS = 10_000;

/** How long the hub waits for a scan from an agent; the agent stops its scan 10 s before and answers what it found. */
export const SCAN_TIMEOUT_MS = 60_000;

/** Most open ports a scan's answer lists (the message stays under 64 KiB); `open` counts them all. */
export const MAX_SCAN_PORTS = 256;

/** Longest banner of an open port in a scan's answer. */
export const MAX_SCAN_BANNER = 120;

const pid = z.number().int().min(1).max(4_194_304);
const name = z.string().max(64);
const id = z.string().min(1).max(64);
const windowId = z.string().regex(/^0x[0-9a-f]{8}$/);
const count = z.number().int().min(0);

/** An open port a scan from an agent found. */
const scanPortSchema = z.strictObject({
  host: z.string().max(64),
  port: z.number().int().min(1).max(65_535),
  service: z.string().max(64).nullable(),
  banner: z.string().max(MAX_SCAN_BANNER).nullable(),
});

/** Each kind of action: its parameters and what the agent answers when it is done. */
export const ACTION_KINDS = {
  "process.signal": {
    allow: "signals",
    params: z.strictObject({ pid, signal: z.enum(SIGNALS) }),
    result: z.strictObject({ pid, name, signal: z.enum(SIGNALS) }),
  },
  "process.renice": {
    allow: "renice",
    params: z.strictObject({ pid, nice: z.number().int().min(-20).max(19) }),
    result: z.strictObject({ pid, name, nice: z.number().int() }),
  },
  "window.action": {
    allow: "windows",
    params: z.strictObject({ window: windowId, action: z.enum(WINDOW_ACTIONS) }),
    result: z.strictObject({
      window: windowId,
      action: z.enum(WINDOW_ACTIONS),
      title: z.string().nullable(),
    }),
  },
  "scan.run": {
    allow: "scans",
    params: z.strictObject({ target: z.string().min(1).max(253), ports: z.string().min(1).max(2000) }),
    result: z.strictObject({
      target: z.string().max(253),
      /** Addresses scanned (the target resolved, each inside the agent's `agent.scanTargets`). */
      hosts: count,
      probes: count,
      open: count,
      closed: count,
      filtered: count,
      /** Stopped at the agent's deadline before every probe was done. */
      aborted: z.boolean(),
      ports: z.array(scanPortSchema).max(MAX_SCAN_PORTS),
    }),
  },
} as const satisfies Record<string, { allow: AgentActionClass; params: z.ZodType; result: z.ZodType }>;

/** How long the hub waits for the agent's answer to an action of `kind`. */
export function actionTimeoutMs(kind: ActionKind): number {
  return kind === "scan.run" ? SCAN_TIMEOUT_MS : ACTION_TIMEOUT_MS;
}

/** A kind of remote action. */
export type ActionKind = keyof typeof ACTION_KINDS;
/** The parameters of an action of `K`. */
export type ActionParams<K extends ActionKind> = z.infer<(typeof ACTION_KINDS)[K]["params"]>;
/** What the agent answers when an action of `K` is done. */
export type ActionResult<K extends ActionKind> = z.infer<(typeof ACTION_KINDS)[K]["result"]>;

const requestBase = {
  type: z.literal("action"),
  /** Unique per hub: the `action_result` names it. */
  id,
  /** Who asked on the hub (a user's label), for the agent's audit file. */
  by: z.string().max(200),
};

/** The request of an action of `kind`. */
const actionRequest = <K extends ActionKind>(kind: K) => {
  const params: (typeof ACTION_KINDS)[K]["params"] = ACTION_KINDS[kind].params;
  return z.strictObject({ ...requestBase, kind: z.literal(kind), params });
};

/** The hub asks the agent to carry out an action (agents of protocol 3 on). */
export const actionSchema = z.discriminatedUnion("kind", [
  actionRequest("process.signal"),
  actionRequest("process.renice"),
  actionRequest("window.action"),
  actionRequest("scan.run"),
]);

/** An action request as sent. */
export type ActionMessage = z.infer<typeof actionSchema>;

/** Why an action failed on the agent, as the hub answers its caller (a status of 4xx/5xx). */
export const actionErrorSchema = z.strictObject({
  status: z.number().int().min(400).max(599),
  code: z.string().min(1).max(60),
  message: z.string().max(1000),
});

/**
 * The agent's answer to `action` `id`: done (`result`, the kind's result fields) or not
 * (`error`: refused by its config, no such process, the OS refused …).
 */
export const actionResultSchema = z.discriminatedUnion("ok", [
  z.strictObject({
    type: z.literal("action_result"),
    id,
    ok: z.literal(true),
    result: z.record(z.string(), z.unknown()),
  }),
  z.strictObject({ type: z.literal("action_result"), id, ok: z.literal(false), error: actionErrorSchema }),
]);

/** An action's answer as sent. */
export type ActionResultMessage = z.infer<typeof actionResultSchema>;

/** The sentence both sides use when `agent.allow` leaves out an action's class. */
export function notAllowedMessage(kind: ActionKind): string {
  const allow = ACTION_KINDS[kind].allow;
  return `the agent's config does not allow ${allow} (add "${allow}" to agent.allow on that host)`;
}
