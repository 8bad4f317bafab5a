import { recordTechniquesSetter } from "../threats/record-techniques.ts";
import { vulnerabilities } from "./schema.ts";

/**
 * Replaces the ATT&CK techniques a vulnerability names (analysts and up: `update` on
 * vulnerabilities); unknown ids are a 422 naming them; audited as `vulnerability.techniques`.
 */
export const setVulnerabilityTechniques = recordTechniquesSetter({
  kind: "vulnerability",
  resource: "vulnerabilities",
  table: vulnerabilities,
  at: (v) => v.discoveredAt,
});
