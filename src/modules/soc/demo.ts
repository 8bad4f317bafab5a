import type { ModuleDemo } from "../../kit/demo.ts";
import type { Severity } from "../../lib/severity.ts";
import { escalateAlert } from "./alert-escalation.ts";
import { raiseAlert } from "./alert-raising.ts";
import { changeAlertStatus } from "./alerts.ts";
import { changeCaseStatus, createCase, noteOnCase } from "./cases.ts";

type DemoAlert = [
  title: string,
  severity: Severity,
  source: "rule" | "api" | "scan",
  host: string | null,
  raises: number,
  context: Record<string, unknown>,
];

/** What a CPU rule attaches to its alert: the top processes and the listening ports (demo data, screenshots). */
export const DEMO_PROCESS_SNAPSHOT = {
  topCpu: [
    { pid: 4121, name: "xmrig", user: "www-data", cpu: 97.2, memoryMiB: 212 },
    { pid: 812, name: "nginx", user: "www-data", cpu: 3.1, memoryMiB: 48 },
    { pid: 90, name: "postgres", user: "postgres", cpu: 1.4, memoryMiB: 390 },
  ],
  listening: [
    { port: 22, address: "0.0.0.0", process: "sshd" },
    { port: 443, address: "0.0.0.0", process: "nginx" },
    { port: 5432, address: "127.0.0.1", process: "postgres" },
  ],
};

/** The demo alerts: [0] fires often, [4] and [5] go into a case, [6] is a false positive, [7] is escalated. */
const ALERTS: DemoAlert[] = [
  [
    "CPU above 90% for 5 minutes on web01",
    "high",
    "rule",
    "web01",
    5,
    { rule: "cpu-high", ...DEMO_PROCESS_SNAPSHOT },
  ],
  [
    "SSH brute force from 203.0.113.7",
    "high",
    "api",
    "bastion",
    12,
    { sourceIp: "203.0.113.7", attempts: 340 },
  ],
  [
    "New listening port 4444 on build03",
    "critical",
    "scan",
    "build03",
    1,
    { listening: [{ port: 4444, address: "0.0.0.0", process: "nc" }] },
  ],
  ["Disk /var 92% full on db01", "medium", "rule", "db01", 3, { mount: "/var", usedPercent: 92.4 }],
  ["Sign-in from an unusual country for j.doe", "medium", "api", null, 1, { user: "j.doe", country: "NZ" }],
  [
    "Mailbox forwarding rule created for j.doe",
    "high",
    "api",
    null,
    1,
    { user: "j.doe", forwardTo: "x@example.net" },
  ],
  ["Antivirus signatures outdated on laptop-7", "low", "rule", "laptop-7", 2, { ageDays: 9 }],
  [
    "Outbound connection to a known C2 address",
    "critical",
    "api",
    "fs01",
    1,
    { remote: "198.51.100.23:8443" },
  ],
];

/**
 * The SOC part of the demo: alerts from rules, scans and the API (some counted many times
 * through their dedup key), one acknowledged, one a false positive, one escalated onto the
 * first demo incident (ransomware, in containment), and a case of two, owned by a demo
 * analyst, with a note.
 */
export const socDemo: ModuleDemo = {
  async seed({ db, actor, seeded }) {
    const incidentId = seeded.incidents[0] ?? "";
    const ownerId = seeded.people[1] ?? null;
    const svc = { db };
    const ids: string[] = [];
    for (const [index, [title, severity, source, host, raises, context]] of ALERTS.entries()) {
      let id = "";
      for (let n = 0; n < raises; n++)
        id = (
          await raiseAlert(svc, { title, severity, source, host, context, dedupKey: `demo:${index}` }, actor)
        ).alert.id;
      ids.push(id);
    }
    const at = (i: number) => ids[i] ?? "";
    await changeAlertStatus(svc, actor, at(3), { status: "acknowledged", version: 1 });
    await changeAlertStatus(svc, actor, at(6), {
      status: "false_positive",
      version: 1,
      note: "Laptop is in storage.",
    });
    await escalateAlert(svc, actor, at(7), { version: 1, incidentId });
    const item = await createCase(svc, actor, {
      title: "Possible account takeover: j.doe",
      description: "A sign-in from abroad followed by a **forwarding rule**.",
      ownerId,
      alertIds: [at(4), at(5)],
    });
    await changeCaseStatus(svc, actor, item.id, { status: "investigating", version: item.version });
    await noteOnCase(svc, actor, item.id, {
      body: "Asked j.doe whether they travel; password reset pending.",
    });
    return [`${ALERTS.length} alerts`, "1 case"];
  },
};
