import { listeningPorts as listeningNow } from "../../monitor/rule-context.ts";
import type { ListeningPort } from "./protocol.ts";

/** Most listening sockets one `ports` message carries (the protocol's limit). */
const MAX_PORTS = 1024;

/**
 * This host's listening sockets (TCP listeners and unconnected UDP sockets) with the process
 * holding each where it is visible, by port, as the agent's `ports` message carries them.
 */
export function listeningPorts(): ListeningPort[] {
  return listeningNow()
    .slice(0, MAX_PORTS)
    .map((port) => ({ ...port, process: port.process?.slice(0, 64) ?? null }));
}
