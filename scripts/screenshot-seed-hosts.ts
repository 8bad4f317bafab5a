/**
 * The hosts `scripts/screenshots.ts` shows: enrolment tokens, and three simulated agents
 * speaking the real protocol to the server — two keep streaming (up), one reports once and
 * goes quiet (stale); web-01 allows window actions and sends its desktop's windows while
 * they are watched.
 */
import type { WindowRow } from "../src/modules/hosts/protocol.ts";
import { connectSimulatedAgent } from "../test/helpers/simulated-agent.ts";

/** web-01's desktop. */
const WINDOWS: WindowRow[] = [
  {
    id: "0x00a00007",
    title: "deploy@web-01: ~/releases — journalctl -fu nginx",
    pid: 2841,
    class: "xterm.XTerm",
    desktop: 0,
    geometry: { x: 1, y: 20, width: 1280, height: 720 },
    state: [],
  },
  {
    id: "0x01200003",
    title: "Grafana — Mozilla Firefox",
    pid: 3310,
    class: "Navigator.firefox",
    desktop: 0,
    geometry: { x: 640, y: 40, width: 1280, height: 960 },
    state: ["maximized_vert", "maximized_horz"],
  },
  {
    id: "0x01600001",
    title: "",
    pid: null,
    class: "conky.Conky",
    desktop: null,
    geometry: { x: 1700, y: 30, width: 200, height: 400 },
    state: ["sticky", "below"],
  },
];

type Api = (path: string, method: string, body: unknown) => Promise<{ id: string }>;

const AGENTS = [
  {
    hostname: "web-01",
    distribution: "Debian GNU/Linux",
    release: "12",
    cores: 8,
    memoryGiB: 16,
    cpu: 23,
    used: 0.41,
    allow: ["windows"],
  },
  {
    hostname: "db-01",
    distribution: "Ubuntu",
    release: "24.04",
    cores: 16,
    memoryGiB: 64,
    cpu: 61,
    used: 0.78,
  },
  {
    hostname: "build-07",
    distribution: "Rocky Linux",
    release: "9.4",
    cores: 4,
    memoryGiB: 8,
    cpu: 5,
    used: 0.2,
  },
] as const;

/** Two enrolment tokens and the three agents (the first two stream while the process runs). */
export async function seedHosts(url: string, api: Api): Promise<void> {
  await api("/hosts/enrolment-tokens", "POST", { name: "rack-4", maxUses: 20, expiresInHours: 72 });
  const { token } = (await api("/hosts/enrolment-tokens", "POST", {
    name: "lab",
    maxUses: 5,
  })) as unknown as {
    token: string;
  };
  for (const [machine, host] of AGENTS.entries()) {
    const agent = await connectSimulatedAgent(url, token, { ...host, machine });
    agent.sample(host.cpu, host.used);
    agent.disk(40 + machine * 15);
    if (host.hostname === "build-07") setTimeout(() => agent.close(), 1500);
    else
      setInterval(() => {
        agent.sample(host.cpu + Math.random() * 4, host.used);
        if (agent.watchingWindows && host.hostname === "web-01") agent.windows(WINDOWS);
      }, 1000).unref();
  }
}
