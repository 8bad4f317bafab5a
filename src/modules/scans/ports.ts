import { PORT_SERVICES, TOP_1000_PORTS } from "../../monitor/port-services.generated.ts";
import { TOP_100_PORTS } from "../../monitor/top-ports.ts";

let allPorts: readonly number[] | null = null;

/** Ports 1–65535, made on first use (an array of 65,535 numbers is 0.5 MiB of heap). */
const everyPort = (): readonly number[] => {
  allPorts ??= Array.from({ length: 65535 }, (_, i) => i + 1);
  return allPorts;
};

/** Named port sets a scan accepts instead of a list, each made when asked. */
const PRESET_PORTS: Record<string, () => readonly number[]> = {
  top100: () => TOP_100_PORTS,
  top1000: () => TOP_1000_PORTS,
  all: everyPort,
};

/** Why a port specification was refused (the message a form shows under its field). */
export type PortSpecResult = { ok: true; ports: readonly number[] } | { ok: false; message: string };

/**
 * Parses a port specification: `top100`, `top1000`, `all`, or a comma-separated list of
 * ports and ranges (`22,80,443,8000-8100`), each port 1–65535. Ports come out sorted, once each.
 */
export function parsePortSpec(spec: string): PortSpecResult {
  const text = spec.trim().toLowerCase();
  // Own keys only: `constructor` or `__proto__` is no preset.
  const preset = Object.hasOwn(PRESET_PORTS, text) ? PRESET_PORTS[text] : undefined;
  if (preset) return { ok: true, ports: preset() };
  const ports = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(part);
    const from = Number(match?.[1]);
    const to = match?.[2] === undefined ? from : Number(match[2]);
    if (!match || from < 1 || to > 65535 || from > to)
      return {
        ok: false,
        message: `"${part.trim()}" is not a port (1–65535) or range (8000-8100); or use top100, top1000, all.`,
      };
    for (let port = from; port <= to; port++) ports.add(port);
  }
  return { ok: true, ports: [...ports].sort((a, b) => a - b) };
}

/** The IANA service name of a TCP port, or null. */
export function serviceName(port: number): string | null {
  return PORT_SERVICES[port] ?? null;
}
