/**
 * The hello a test or simulated agent opens with: its host's facts and its auth (no test
 * runner needed, so the benches use it too).
 */
import { type Hello, PROTOCOL_VERSION } from "../../src/modules/hosts/protocol.ts";

/** The facts of a test agent's host. */
export const HOST = {
  hostname: "agent-one",
  os: "linux",
  distribution: "Debian GNU/Linux",
  release: "12",
  kernel: "6.1.0",
  arch: "x64",
  cpuModel: "Test CPU",
  cores: 4,
  memoryTotal: 8 * 2 ** 30,
  bootTime: Date.now() - 3_600_000,
  virtualization: null,
  ipAddresses: ["192.0.2.10"],
};

/** A hello with `auth` (a credential or an enrolment token). */
export function hello(auth: Pick<Hello, "credential" | "enrol">, extra: Partial<Hello> = {}): Hello {
  return {
    type: "hello",
    protocol: PROTOCOL_VERSION,
    agentVersion: "9.9.9",
    machineKey: "0123456789abcdef0123456789abcdef",
    clock: Date.now(),
    host: HOST,
    ...auth,
    ...extra,
  };
}
