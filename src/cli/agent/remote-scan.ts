import type { Config } from "../../config/schema.ts";
import { Validation } from "../../lib/errors.ts";
import {
  type ActionParams,
  type ActionResult,
  MAX_SCAN_BANNER,
  MAX_SCAN_PORTS,
  SCAN_TIMEOUT_MS,
} from "../../modules/hosts/action-protocol.ts";
import { assertProbeBudget } from "../../modules/scans/limits.ts";
import { parsePortSpec, serviceName } from "../../modules/scans/ports.ts";
import { resolveTargets } from "../../modules/scans/targets.ts";
import { PortScan } from "../../monitor/scanner.ts";

/** The agent stops a scan this long before the hub gives up waiting, and answers what it found. */
const MARGIN_MS = 10_000;

/**
 * A TCP connect scan from the agent's host, for the hub: the target must lie inside the
 * agent's own `agent.scanTargets` (403 naming it, before any packet), hosts × ports within
 * its `scanner.maxProbesPerScan` (422), run with its `scanner.*` settings (the local scans'
 * target check, budget and scanner). Stops at the hub's deadline less a margin (`aborted`).
 */
export async function scanFromAgent(
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
