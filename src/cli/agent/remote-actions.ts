import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import type { ConfigSource } from "../../config/live.ts";
import { AppError, Forbidden, Validation } from "../../lib/errors.ts";
import type { Logger } from "../../lib/log.ts";
import {
  ACTION_KINDS,
  type ActionMessage,
  type ActionResultMessage,
  notAllowedMessage,
} from "../../modules/hosts/action-protocol.ts";
import { sendSignal, setNice } from "../../modules/processes/control.ts";
import { performWindowAction } from "../../modules/windows/service.ts";
import { scanFromAgent } from "./remote-scan.ts";

/** The agent's audit file in its data dir: one JSON object a line, appended, never rewritten. */
export const AGENT_AUDIT_FILE = "agent-audit.log";

/** One line of the agent's audit file. */
export interface AgentAuditEntry {
  /** Agent's clock, Unix ms. */
  at: number;
  /** The hub's request id (its `action` message's `id`). */
  id: string;
  /** Who asked on the hub. */
  by: string;
  kind: ActionMessage["kind"];
  params: ActionMessage["params"];
  outcome: "done" | "refused" | "failed";
  /** What was done (`done`), or why not. */
  result?: Record<string, unknown>;
  error?: string;
}

/**
 * Carries out the hub's `action` requests on the agent's host — each only when the agent's
 * own config (`agent.allow`, read again for every request) enables its class, whatever the
 * hub believes — with the same functions as the local routes, and audits every request,
 * refused or not, as a line of `<dataDir>/agent-audit.log` and a log line.
 */
export class RemoteActions {
  readonly auditPath: string;

  constructor(
    private readonly config: ConfigSource,
    private readonly log: Logger,
  ) {
    this.auditPath = join(config.get().dataDir, AGENT_AUDIT_FILE);
  }

  /** Carries out `message` (or refuses it) and says how, as the `action_result` to send. */
  async run(message: ActionMessage): Promise<ActionResultMessage> {
    const { id, kind } = message;
    let answer: ActionResultMessage;
    let entry: AgentAuditEntry;
    const base = { at: Date.now(), id, by: message.by, kind, params: message.params };
    try {
      const result = await this.#carryOut(message);
      answer = { type: "action_result", id, ok: true, result };
      entry = { ...base, outcome: "done", result };
    } catch (error) {
      const known = error instanceof AppError;
      const refused = known && [403, 404, 409, 422].includes(error.status);
      if (!known) this.log.error("a remote action failed", { id, kind, error });
      const status = known ? error.status : 502;
      const text =
        error instanceof Validation
          ? Object.values(error.fields).join(" ")
          : known
            ? (error.detail ?? error.title)
            : "the action failed on the agent (see its log)";
      answer = {
        type: "action_result",
        id,
        ok: false,
        error: { status, code: known ? error.code : "action_failed", message: text },
      };
      entry = { ...base, outcome: refused ? "refused" : "failed", error: text };
    }
    this.log.info("remote action", { ...entry });
    await appendFile(this.auditPath, `${JSON.stringify(entry)}\n`, { mode: 0o600 }).catch((error) =>
      this.log.error("could not write the agent's audit file", { path: this.auditPath, error }),
    );
    return answer;
  }

  async #carryOut(message: ActionMessage): Promise<Record<string, unknown>> {
    const allow = this.config.get().agent.allow;
    if (!allow.includes(ACTION_KINDS[message.kind].allow))
      throw new Forbidden(`${notAllowedMessage(message.kind)}.`);
    switch (message.kind) {
      case "process.signal": {
        const { pid, signal } = message.params;
        return { pid, name: sendSignal(pid, signal), signal };
      }
      case "process.renice": {
        const { pid, nice } = message.params;
        return { pid, name: setNice(pid, nice).name, nice };
      }
      case "window.action": {
        const { window, action } = message.params;
        const { title } = await performWindowAction(this.config, window, action);
        return { window, action, title };
      }
      case "scan.run":
        return scanFromAgent(this.config.get(), message.params);
    }
  }
}
