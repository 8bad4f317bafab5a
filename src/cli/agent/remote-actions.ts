import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import type { ConfigSource } from "../../config/live.ts";
import type { Config } from "../../config/schema.ts";
import { AppError, Forbidden, Validation } from "../../lib/errors.ts";
import type { Logger } from "../../lib/log.ts";
import {
  ACTION_KINDS,
  type ActionMessage,
  type ActionParams,
  type ActionResult,
  type ActionResultMessage,
  MAX_SCAN_BANNER,
  MAX_SCAN_PORTS,
  notAllowedMessage,
  SCAN_TIMEOUT_MS,
} from "../../modules/hosts/action-protocol.ts";
import { sendSignal, setNice } from "../../modules/processes/control.ts";
import { assertProbeBudget } from "../../modules/scans/limits.ts";
import { parsePortSpec, serviceName } from "../../modules/scans/ports.ts";
import { resolveTargets } from "../../modules/scans/targets.ts";
import { performWindowAction } from "../../modules/windows/service.ts";
import { PortScan } from "../../monitor/scanner.ts";

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

/** The agent stops a scan this long before the hub gives up waiting, and answers what it found. */
const MARGIN_MS = 10_000;

/**
 * A TCP connect scan from the agent's host, for the hub: the target must lie inside the
 * agent's own `agent.scanTargets` (403 naming it, before any packet), hosts × ports within
 * its `scanner.maxProbesPerScan` (422), run with its `scanner.*` settings (the local scans'
 * target check, budget and scanner). Stops at the hub's deadline less a margin (`aborted`).
 */
async function scanFromAgent(
  config: Config,
  params: ActionParams<"scan.run">,
): Promise<ActionResult<"scan.run">> {
  const spec = parsePortSpec(params.ports);
  if (!spec.ok) throw new Validation({ ports: spec.message });
  const hosts = await resolveTargets(params.target, config.agent.scanTargets, undefined, "agent.scanTargets");
  const { scanner } = config;
  assertProbeBudget(hosts.length, spec.ports.length, scanner.maxProbesPerScan);
  const found: ActionResult<"scan.run">["ports"] = [];
  const scan = new PortScan(
    {
      hosts,
      ports: spec.ports,
      concurrency: scanner.concurrency,
      connectTimeoutMs: scanner.connectTimeoutMs,
      bannerTimeoutMs: scanner.bannerTimeoutMs,
      signal: AbortSignal.timeout(SCAN_TIMEOUT_MS - MARGIN_MS),
    },
    (host, port, state, banner) => {
      if (state === "open" && found.length < MAX_SCAN_PORTS)
        found.push({
          host,
          port,
          service: serviceName(port),
          banner: banner?.slice(0, MAX_SCAN_BANNER) ?? null,
        });
    },
  );
  const outcome = await scan.run();
  return {
    target: params.target,
    hosts: hosts.length,
    probes: outcome.done,
    open: outcome.open,
    closed: outcome.closed,
    filtered: outcome.filtered,
    aborted: outcome.aborted,
    ports: found,
  };
}
