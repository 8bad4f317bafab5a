import type { ModuleDemo } from "../../kit/demo.ts";
import { INCIDENT_STATUSES, type IncidentStatus } from "../../kit/incident-statuses.ts";
import type { Severity } from "../../lib/severity.ts";
import { ensureAttackCatalog } from "../threats/shipped-catalog.ts";
import { changeIncidentStatus, commentOnIncident, createIncident } from "./service.ts";
import { setIncidentTechniques } from "./techniques.ts";

type DemoIncident = [
  title: string,
  severity: Severity,
  category: string,
  status: IncidentStatus,
  hoursAgo: number,
  text: string,
  techniques: string[],
];

const INCIDENTS: DemoIncident[] = [
  [
    "Ransomware note found on file server FS01",
    "critical",
    "malware",
    "containment",
    6,
    "Users report `README_DECRYPT.txt` in shared folders.\n\n- FS01 isolated from the network\n- Backups of last night verified",
    ["T1486"],
  ],
  [
    "Phishing wave impersonating the payroll portal",
    "high",
    "phishing",
    "eradication",
    30,
    "42 mails delivered, 3 users clicked. Credentials reset for all three.",
    ["T1566.002", "T1078"],
  ],
  [
    "Brute-force attempts against VPN gateway",
    "high",
    "access",
    "triage",
    3,
    "Spikes of failed logins from 198.51.100.0/24 since 02:00.",
    ["T1110.001"],
  ],
  [
    "Unusual outbound traffic from build agent",
    "medium",
    "network",
    "new",
    1,
    "Steady 2 MB/s to 203.0.113.9:443 outside build hours.",
    ["T1071.001", "T1041"],
  ],
  [
    "Lost laptop reported by a sales engineer",
    "medium",
    "physical",
    "closed",
    120,
    "Disk encryption confirmed; device wiped remotely.",
    [],
  ],
  [
    "Expired TLS certificate on the customer portal",
    "low",
    "availability",
    "recovery",
    50,
    "Renewed; monitoring added for 30 days before expiry.",
    [],
  ],
  [
    "Suspicious PowerShell on finance workstation",
    "high",
    "malware",
    "containment",
    12,
    "Encoded command launched from an Office macro.",
    ["T1204.002", "T1059.001"],
  ],
  [
    "Open S3 bucket with marketing assets",
    "medium",
    "cloud",
    "closed",
    300,
    "Public read removed; no sensitive files found.",
    ["T1530"],
  ],
  [
    "Admin account used outside office hours",
    "medium",
    "access",
    "triage",
    8,
    "Login at 03:14 from a known home IP; owner asked to confirm.",
    ["T1078"],
  ],
  [
    "Port scan from a printer VLAN host",
    "low",
    "network",
    "new",
    2,
    "Sequential SYNs to 1–1024 on the server VLAN.",
    ["T1046"],
  ],
  [
    "DNS queries to a known DGA domain",
    "high",
    "malware",
    "eradication",
    20,
    "Two hosts resolved rotating domains; reimaged.",
    ["T1568.002"],
  ],
  [
    "Vendor shared credentials by e-mail",
    "informational",
    "policy",
    "closed",
    500,
    "Credentials rotated; vendor reminded of the policy.",
    ["T1552"],
  ],
];

/** The workflow path from `new` to `status`: every step forward is an allowed move. */
function pathTo(status: IncidentStatus): IncidentStatus[] {
  return INCIDENT_STATUSES.slice(1, INCIDENT_STATUSES.indexOf(status) + 1);
}

/** Incidents at every stage of the workflow, assigned to the demo analysts, each with a comment; most name ATT&CK techniques. */
export const incidentsDemo: ModuleDemo = {
  async seed({ db, actor, seeded }) {
    const svc = { db };
    // The ATT&CK catalog a first start imports, so that the demo incidents can name techniques.
    await ensureAttackCatalog({ db });
    for (const [
      index,
      [title, severity, category, status, hoursAgo, text, techniques],
    ] of INCIDENTS.entries()) {
      const incident = await createIncident(svc, actor, {
        title,
        severity,
        category,
        description: text,
        assignedTo: seeded.people[1 + (index % 2)] ?? null,
        detectedAt: Date.now() - hoursAgo * 3_600_000,
      });
      seeded.incidents.push(incident.id);
      if (techniques.length > 0) await setIncidentTechniques(db, actor, incident.id, { techniques });
      for (const step of pathTo(status))
        await changeIncidentStatus(svc, actor, incident.id, { status: step });
      await commentOnIncident(svc, actor, incident.id, {
        body: `Timeline reviewed; next update in the **daily stand-up**.`,
      });
    }
    return [`${INCIDENTS.length} incidents`];
  },
};
