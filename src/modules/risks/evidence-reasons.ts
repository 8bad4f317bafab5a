import type { IncidentOnAssets } from "../incidents/on-assets.ts";
import type { NewOpenPort } from "../scans/new-ports.ts";
import { alertLink } from "../soc/alerts.ts";
import type { AlertOnHost } from "../soc/alerts-on-hosts.ts";
import type { TechniqueSeen } from "../threats/technique-sightings.ts";
import type { OpenVulnerabilityOnAssets } from "../vulnerabilities/on-assets.ts";
import {
  ALERT_POINTS,
  EVIDENCE_WINDOW_DAYS,
  INCIDENT_POINTS,
  NEW_PORT_POINTS,
  techniquePoints,
  vulnerabilityPoints,
} from "./evidence-points.ts";
import type { Reason } from "./evidence-reason.ts";

/*
 * One reason per piece of evidence: its points and a sentence an operator reads without
 * opening the record ("CVE-2024-1234 (CVSS 9.8, critical) open on web-01, 12 days overdue").
 */

const DAY_MS = 86_400_000;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "today", "yesterday", "12 days ago". */
function ago(at: number, now: number): string {
  const days = Math.floor((now - at) / DAY_MS);
  if (days <= 0) return "today";
  return days === 1 ? "yesterday" : `${days} days ago`;
}

/** The names of assets by id and by address, for sentences. */
export interface AssetNaming {
  byId: Map<string, string>;
  byAddress: Map<string, string[]>;
}

const names = (list: string[]) => [...new Set(list)].sort((a, b) => a.localeCompare(b)).join(", ");

/** A reason for an open vulnerability on linked assets; overdue ones count more. */
export function vulnerabilityReason(v: OpenVulnerabilityOnAssets, naming: AssetNaming, now: number): Reason {
  const overdue = v.dueAt !== null && v.dueAt < now;
  const label = v.cveId ?? `“${v.title}”`;
  const rating = v.cvssScore === null ? v.severity : `CVSS ${v.cvssScore.toFixed(1)}, ${v.severity}`;
  const on = names(v.assetIds.map((id) => naming.byId.get(id) ?? id));
  const days = overdue ? Math.floor((now - (v.dueAt as number)) / DAY_MS) : 0;
  const late = overdue ? `, ${days < 1 ? "overdue since today" : `${plural(days, "day")} overdue`}` : "";
  return {
    kind: "vulnerability",
    text: `${label} (${rating}) open on ${on}${late}`,
    points: vulnerabilityPoints(v.severity, overdue),
    link: `/vulnerabilities/${v.id}`,
  };
}

function hostLabel(host: string, naming: AssetNaming): string {
  const assets = naming.byAddress.get(host.toLowerCase()) ?? [];
  return assets.length === 0 || assets.includes(host) ? host : `${host} (${names(assets)})`;
}

/** A reason for a port a scan found newly open on a linked asset. */
export function portReason(p: NewOpenPort, naming: AssetNaming, now: number): Reason {
  const port = p.service ? `${p.port}/tcp (${p.service})` : `${p.port}/tcp`;
  return {
    kind: "port",
    text: `Port ${port} newly open on ${hostLabel(p.host, naming)} in a scan ${ago(p.scannedAt, now)}`,
    points: NEW_PORT_POINTS,
    link: `/network/scans/${p.scanId}`,
  };
}

/**
 * A reason for an alert on a linked asset: a new-listening-port rule's alert counts as a new
 * port, any other by its severity.
 */
export function alertReason(a: AlertOnHost, naming: AssetNaming, now: number): Reason {
  const host = hostLabel(a.host, naming);
  const when = `${a.count > 1 ? `seen ${plural(a.count, "time")}, last` : "seen"} ${ago(a.lastSeen, now)}`;
  if (a.socket)
    return {
      kind: "listening_port",
      text: `New listening port ${a.socket.protocol} ${a.socket.address}:${a.socket.port} on ${host}, ${when}`,
      points: NEW_PORT_POINTS,
      link: alertLink(a.id),
    };
  return {
    kind: "alert",
    text: `Alert “${a.title}” (${a.severity}, ${a.status}) on ${host}, ${when}`,
    points: ALERT_POINTS[a.severity],
    link: alertLink(a.id),
  };
}

/** A reason for an incident on linked assets. */
export function incidentReason(i: IncidentOnAssets, naming: AssetNaming, now: number): Reason {
  const on = names(i.assetIds.map((id) => naming.byId.get(id) ?? id));
  return {
    kind: "incident",
    text: `Incident “${i.title}” (${i.severity}, ${i.status}) on ${on}, detected ${ago(i.detectedAt, now)}`,
    points: INCIDENT_POINTS[i.severity],
    link: `/incidents/${i.id}`,
  };
}

/** A reason for a linked technique seen in alerts or incidents in the window. */
export function techniqueReason(t: TechniqueSeen): Reason {
  const named = [
    t.alerts > 0 ? plural(t.alerts, "alert") : "",
    t.incidents > 0 ? plural(t.incidents, "incident") : "",
  ]
    .filter(Boolean)
    .join(" and ");
  return {
    kind: "technique",
    text: `${t.attackId} ${t.name} named by ${named} in the last ${EVIDENCE_WINDOW_DAYS} days`,
    points: techniquePoints(t.alerts + t.incidents),
    link: `/threats/techniques/${encodeURIComponent(t.attackId)}`,
  };
}

/** The reason given when nothing counted. */
export function noEvidenceReason(linked: boolean): Reason {
  return {
    kind: "none",
    text: linked
      ? `No open vulnerabilities, new ports, alerts or incidents on the linked assets, and no sightings of the linked techniques, in the last ${EVIDENCE_WINDOW_DAYS} days.`
      : "No linked assets or techniques: there is no evidence to weigh.",
    points: 0,
    link: null,
  };
}
