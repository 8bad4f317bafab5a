/**
 * The hosts `scripts/screenshots.ts` shows: enrolment tokens, and three simulated agents
 * speaking the real protocol to the server — two keep streaming (up), one reports once and
 * goes quiet (stale).
 */
import { connectSimulatedAgent } from "../test/helpers/simulated-agent.ts";

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
    else setInterval(() => agent.sample(host.cpu + Math.random() * 4, host.used), 1000).unref();
  }
}
