import type { Resource } from "../../kit/rbac.ts";
import { setIncidentTechniques } from "../incidents/techniques.ts";
import { setAlertTechniques } from "../soc/alert-techniques.ts";
import { setVulnerabilityTechniques } from "../vulnerabilities/techniques.ts";
import type { SetRecordTechniques } from "./record-techniques.ts";

/**
 * The kinds of record whose pages show and set the techniques they name (one shared panel,
 * views/pages/threats/record-techniques.tsx): each kind's service, the resource whose
 * `update` changes them, and its page.
 */
export const NAMED_KINDS = {
  alert: { set: setAlertTechniques, resource: "alerts", page: "/soc/" },
  incident: { set: setIncidentTechniques, resource: "incidents", page: "/incidents/" },
  vulnerability: { set: setVulnerabilityTechniques, resource: "vulnerabilities", page: "/vulnerabilities/" },
} satisfies Record<string, { set: SetRecordTechniques; resource: Resource; page: string }>;

/** A kind of record whose page shows the techniques panel. */
export type NamedTechniqueKind = keyof typeof NAMED_KINDS;

/** Whether `kind` names a kind of record with the techniques panel. */
export function isNamedTechniqueKind(kind: string): kind is NamedTechniqueKind {
  return Object.hasOwn(NAMED_KINDS, kind);
}
