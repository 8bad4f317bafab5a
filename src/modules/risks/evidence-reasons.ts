import { z } from "zod";
import type { Phrase } from "../../lib/phrase.ts";
import type { IncidentOnAssets } from "../incidents/on-assets.ts";
import type { NewOpenPort } from "../scans/new-ports.ts";
import { alertLink } from "../soc/alerts.ts";
import type { AlertOnHost } from "../soc/alerts-on-hosts.ts";
import type { TechniqueSeen } from "../threats/technique-sightings.ts";
import type { OpenVulnerabilityOnAssets } from "../vulnerabilities/on-assets.ts";
import {
  EVIDENCE_WINDOW_DAYS,
  NEW_PORT_POINTS,
  SEVERITY_POINTS,
  techniquePoints,
  vulnerabilityPoints,
} from "./evidence-points.ts";

/*
 * One reason per piece of evidence: its points and a sentence an operator reads without
 * opening the record ("CVE-2024-1234 (CVSS 9.8, critical) open on web-01, 12 days overdue"),
 * as a phrase of the catalog (`riskEvidence.*`), so each reader gets it in their language.
 */

/** One piece of evidence behind a suggestion. */
export const reasonSchema = z.object({
  kind: z
    .enum(["vulnerability", "port", "listening_port", "alert", "incident", "technique", "none"])
    .describe(
      "vulnerability (open), port (newly open in a scan), listening_port (a port rule's alert), alert, incident, technique (a linked technique seen), none (nothing counted)",
    ),
  text: z
    .string()
    .describe('In words, e.g. "CVE-2024-1234 (CVSS 9.8, critical) open on web-01, 12 days overdue"'),
  points: z.number().describe("What it adds to the total"),
  link: z.string().nullable().describe("The page of the record (null for `none`)"),
});

/** A reason as the evidence code makes it: its sentence as a phrase of the catalog, for any language. */
export type EvidenceReason = Omit<z.infer<typeof reasonSchema>, "text"> & { phrase: Phrase };

const DAY_MS = 86_400_000;

/** A word of the catalog's `terms` (a severity, a state), in the reader's language. */
const term = (word: string): Phrase => ({ key: `terms.${word}` });

/** "today", "yesterday", "12 days ago". */
function ago(at: number, now: number): Phrase {
  const days = Math.floor((now - at) / DAY_MS);
  if (days <= 0) return { key: "riskEvidence.ago.today" };
  return days === 1
    ? { key: "riskEvidence.ago.yesterday" }
    : { key: "riskEvidence.ago.days", params: { days } };
}

/** "1 alert", "3 incidents". */
function counted(n: number, what: "alerts" | "incidents"): Phrase {
  return { key: `riskEvidence.count.${what}.${n === 1 ? "one" : "other"}`, params: { count: n } };
}

/** The names of assets by id and by address, for sentences. */
export interface AssetNaming {
  byId: Map<string, string>;
  byAddress: Map<string, string[]>;
}

const names = (list: string[]) => [...new Set(list)].sort((a, b) => a.localeCompare(b)).join(", ");

/** A reason for an open vulnerability on linked assets; overdue ones count more. */
export function vulnerabilityReason(
  v: OpenVulnerabilityOnAssets,
  naming: AssetNaming,
  now: number,
): EvidenceReason {
  const overdue = v.dueAt !== null && v.dueAt < now;
  const rating: Phrase =
    v.cvssScore === null
      ? term(v.severity)
      : { key: "riskEvidence.rated", params: { score: v.cvssScore.toFixed(1), severity: term(v.severity) } };
  const params = {
    label: v.cveId ?? `“${v.title}”`,
    rating,
    on: names(v.assetIds.map((id) => naming.byId.get(id) ?? id)),
  };
  const days = overdue ? Math.floor((now - (v.dueAt as number)) / DAY_MS) : 0;
  const key = !overdue
    ? "riskEvidence.vulnerability.open"
    : days < 1
      ? "riskEvidence.vulnerability.overdueToday"
      : days === 1
        ? "riskEvidence.vulnerability.overdueDay"
        : "riskEvidence.vulnerability.overdueDays";
  return {
    kind: "vulnerability",
    phrase: { key, params: { ...params, days } },
    points: vulnerabilityPoints(v.severity, overdue),
    link: `/vulnerabilities/${v.id}`,
  };
}

function hostLabel(host: string, naming: AssetNaming): string {
  const assets = naming.byAddress.get(host.toLowerCase()) ?? [];
  return assets.length === 0 || assets.includes(host) ? host : `${host} (${names(assets)})`;
}

/** A reason for a port a scan found newly open on a linked asset. */
export function portReason(p: NewOpenPort, naming: AssetNaming, now: number): EvidenceReason {
  return {
    kind: "port",
    phrase: {
      key: "riskEvidence.port",
      params: {
        port: p.service ? `${p.port}/tcp (${p.service})` : `${p.port}/tcp`,
        host: hostLabel(p.host, naming),
        ago: ago(p.scannedAt, now),
      },
    },
    points: NEW_PORT_POINTS,
    link: `/network/scans/${p.scanId}`,
  };
}

/**
 * A reason for an alert on a linked asset: a new-listening-port rule's alert counts as a new
 * port, any other by its severity.
 */
export function alertReason(a: AlertOnHost, naming: AssetNaming, now: number): EvidenceReason {
  const seen = a.count > 1 ? "times" : "once";
  const common = { host: hostLabel(a.host, naming), count: a.count, ago: ago(a.lastSeen, now) };
  if (a.socket)
    return {
      kind: "listening_port",
      phrase: {
        key: `riskEvidence.listening.${seen}`,
        params: { ...common, protocol: a.socket.protocol, address: a.socket.address, port: a.socket.port },
      },
      points: NEW_PORT_POINTS,
      link: alertLink(a.id),
    };
  return {
    kind: "alert",
    phrase: {
      key: `riskEvidence.alert.${seen}`,
      params: { ...common, title: a.title, severity: term(a.severity), status: term(a.status) },
    },
    points: SEVERITY_POINTS.alert[a.severity],
    link: alertLink(a.id),
  };
}

/** A reason for an incident on linked assets. */
export function incidentReason(i: IncidentOnAssets, naming: AssetNaming, now: number): EvidenceReason {
  return {
    kind: "incident",
    phrase: {
      key: "riskEvidence.incident",
      params: {
        title: i.title,
        severity: term(i.severity),
        status: term(i.status),
        on: names(i.assetIds.map((id) => naming.byId.get(id) ?? id)),
        ago: ago(i.detectedAt, now),
      },
    },
    points: SEVERITY_POINTS.incident[i.severity],
    link: `/incidents/${i.id}`,
  };
}

/** A reason for a linked technique seen in alerts or incidents in the window. */
export function techniqueReason(t: TechniqueSeen): EvidenceReason {
  const named: Phrase =
    t.alerts > 0 && t.incidents > 0
      ? {
          key: "riskEvidence.count.both",
          params: { alerts: counted(t.alerts, "alerts"), incidents: counted(t.incidents, "incidents") },
        }
      : t.alerts > 0
        ? counted(t.alerts, "alerts")
        : counted(t.incidents, "incidents");
  return {
    kind: "technique",
    phrase: {
      key: "riskEvidence.technique",
      params: { attackId: t.attackId, name: t.name, named, days: EVIDENCE_WINDOW_DAYS },
    },
    points: techniquePoints(t.alerts + t.incidents),
    link: `/threats/techniques/${encodeURIComponent(t.attackId)}`,
  };
}

/** The reason given when nothing counted. */
export function noEvidenceReason(linked: boolean): EvidenceReason {
  return {
    kind: "none",
    phrase: linked
      ? { key: "riskEvidence.none.linked", params: { days: EVIDENCE_WINDOW_DAYS } }
      : { key: "riskEvidence.none.unlinked" },
    points: 0,
    link: null,
  };
}
