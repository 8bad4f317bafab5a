/**
 * The hosts `scripts/screenshots.ts` shows: enrolment tokens, and three simulated agents
 * speaking the real protocol to the server — two keep streaming (up), one said hello and
 * went quiet (stale once its socket closes).
 */
import { AGENT_SOCKET_PATH, PROTOCOL_VERSION, type WireSample } from "../src/modules/hosts/protocol.ts";

type Api = (path: string, method: string, body: unknown) => Promise<{ id: string }>;

const AGENTS = [
  {
    hostname: "web-01",
    distribution: "Debian GNU/Linux",
    release: "12",
    cores: 8,
    memory: 16,
    cpu: 23,
    used: 0.41,
    streams: true,
  },
  {
    hostname: "db-01",
    distribution: "Ubuntu",
    release: "24.04",
    cores: 16,
    memory: 64,
    cpu: 61,
    used: 0.78,
    streams: true,
  },
  {
    hostname: "build-07",
    distribution: "Rocky Linux",
    release: "9.4",
    cores: 4,
    memory: 8,
    cpu: 5,
    used: 0.2,
    streams: false,
  },
] as const;

function sampleOf(agent: (typeof AGENTS)[number]): WireSample {
  const busy = agent.cpu + Math.random() * 4;
  const cpu = { user: busy, system: 0, iowait: 0, idle: 100 - busy, busy };
  const total = agent.memory * 2 ** 30;
  return {
    at: Date.now(),
    cpu,
    cores: [cpu],
    load: [1, 1, 1],
    memory: { total, used: total * agent.used, available: total * (1 - agent.used), cached: 0, buffers: 0 },
    swap: { total: 0, used: 0 },
    network: { rx: 1000, tx: 2000, interfaces: [] },
    disk: { read: 0, write: 0 },
    processes: 200,
  };
}

/** Two enrolment tokens and the three agents (left streaming while the process runs). */
export async function seedHosts(url: string, api: Api): Promise<void> {
  await api("/hosts/enrolment-tokens", "POST", { name: "rack-4", maxUses: 20, expiresInHours: 72 });
  const { token } = (await api("/hosts/enrolment-tokens", "POST", {
    name: "lab",
    maxUses: 5,
  })) as unknown as {
    token: string;
  };
  await Promise.all(
    AGENTS.map(
      (agent, i) =>
        new Promise<void>((resolve) => {
          const ws = new WebSocket(`${url.replace(/^http/, "ws")}${AGENT_SOCKET_PATH}`);
          ws.onopen = () =>
            ws.send(
              JSON.stringify({
                type: "hello",
                protocol: PROTOCOL_VERSION,
                agentVersion: "0.1.0",
                machineKey: String(i).repeat(32),
                clock: Date.now(),
                enrol: { token },
                host: {
                  hostname: agent.hostname,
                  os: "linux",
                  distribution: agent.distribution,
                  release: agent.release,
                  kernel: "6.1.0",
                  arch: "x64",
                  cpuModel: "Simulated",
                  cores: agent.cores,
                  memoryTotal: agent.memory * 2 ** 30,
                  bootTime: Date.now() - 86_400_000,
                  virtualization: null,
                  ipAddresses: [`192.0.2.${10 + i}`],
                },
              }),
            );
          let seq = 0;
          const send = () =>
            ws.send(
              JSON.stringify({ type: "samples", seq: seq++, sentAt: Date.now(), samples: [sampleOf(agent)] }),
            );
          ws.onmessage = () => {
            if (seq > 0) return;
            send();
            ws.send(
              JSON.stringify({
                type: "filesystems",
                filesystems: [
                  {
                    mount: "/",
                    fs: "/dev/sda1",
                    type: "ext4",
                    size: 1e11,
                    used: 6e10,
                    usePercent: 40 + i * 15,
                  },
                ],
              }),
            );
            if (agent.streams) setInterval(send, 1000).unref();
            else setTimeout(() => ws.close(), 1500);
            resolve();
          };
        }),
    ),
  );
}
