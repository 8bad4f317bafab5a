import type { AgentActionClass } from "../../config/schema.ts";
import { AppError, Forbidden } from "../../lib/errors.ts";
import {
  ACTION_KINDS,
  ACTIONS_PROTOCOL,
  type ActionKind,
  type ActionMessage,
  type ActionParams,
  type ActionResult,
  type ActionResultMessage,
  actionTimeoutMs,
  notAllowedMessage,
} from "./action-protocol.ts";

interface Waiting {
  kind: ActionKind;
  resolve: (result: unknown) => void;
  reject: (error: AppError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * One agent connection's remote actions on the hub's side: refuses what cannot work before
 * sending anything (an agent too old to read `action`, a class its `agent.allow` leaves
 * out), sends the `action`, and settles the caller's promise with the agent's
 * `action_result`, with a timeout, or when the socket closes first.
 */
export class AgentRequests {
  #waiting = new Map<string, Waiting>();

  /** `protocol` and `allow` as the agent's hello said; `send` writes a message to its socket. */
  constructor(
    private readonly protocol: number,
    private readonly allow: readonly AgentActionClass[],
    private readonly send: (message: ActionMessage) => void,
  ) {}

  /** Whether the agent can carry out actions of `kind` (what the UI offers). */
  allows(kind: ActionKind): boolean {
    return this.protocol >= ACTIONS_PROTOCOL && this.allow.includes(ACTION_KINDS[kind].allow);
  }

  /**
   * Refuses what the agent cannot carry out, before anything is sent.
   * @throws Conflict (409) for an agent of an older protocol; Forbidden (403) for a class its config does not allow.
   */
  assertCan(kind: ActionKind): void {
    if (this.protocol < ACTIONS_PROTOCOL)
      throw new AppError(
        409,
        "agent_outdated",
        "Agent outdated",
        `This agent speaks protocol ${this.protocol}; its version cannot run remote actions (protocol ${ACTIONS_PROTOCOL} and later can): upgrade it.`,
      );
    const refusal = notAllowedMessage(kind);
    if (!this.allows(kind)) throw new Forbidden(`${refusal[0]?.toUpperCase()}${refusal.slice(1)}.`);
  }

  /**
   * Asks the agent to carry out `kind` with `params` for `by` (a user's label).
   * @throws Conflict (409) for an agent of an older protocol; Forbidden (403) for a class
   * its config does not allow; 504 when the agent does not answer in time (it may still have
   * acted: its audit file says); the agent's own refusal as an AppError.
   */
  request<K extends ActionKind>(kind: K, params: ActionParams<K>, by: string): Promise<ActionResult<K>> {
    this.assertCan(kind);
    const id = Bun.randomUUIDv7();
    const timeoutMs = actionTimeoutMs(kind);
    return new Promise<ActionResult<K>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        const seconds = Math.round(timeoutMs / 1000);
        const detail = `The agent did not answer within ${seconds} s; whether it acted is in its audit file.`;
        reject(new AppError(504, "agent_timeout", "Agent timeout", detail));
      }, timeoutMs);
      this.#waiting.set(id, { kind, resolve: resolve as (result: unknown) => void, reject, timer });
      this.send({ type: "action", id, by, kind, params } as ActionMessage);
    });
  }

  /** Settles the request the agent answered; false for an id not waited for (late, after its timeout). */
  settle(message: ActionResultMessage): boolean {
    const waiting = this.#waiting.get(message.id);
    if (!waiting) return false;
    this.#waiting.delete(message.id);
    clearTimeout(waiting.timer);
    if (!message.ok) {
      const { status, code, message: text } = message.error;
      waiting.reject(new AppError(status, code, "Refused by the agent", `The agent answered: ${text}`));
      return true;
    }
    const result = ACTION_KINDS[waiting.kind].result.safeParse(message.result);
    if (result.success) waiting.resolve(result.data);
    else
      waiting.reject(
        new AppError(502, "agent_bad_answer", "Bad answer", "The agent's answer was not one of this action."),
      );
    return true;
  }

  /** The socket closed: every request still waiting fails (the agent may or may not have acted). */
  abandon(): void {
    for (const waiting of this.#waiting.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(
        new AppError(
          502,
          "agent_disconnected",
          "Agent disconnected",
          "The agent disconnected before answering; whether it acted is in its audit file.",
        ),
      );
    }
    this.#waiting.clear();
  }
}
