import { Validation } from "../../lib/errors.ts";
import type { AttackMitigation, AttackTactic, AttackTechnique } from "./attack-schema.ts";

/*
 * Reading an ATT&CK STIX 2.1 bundle (any: the shipped subset, the full enterprise-attack.json,
 * another domain) into the catalog's plain shape. Pure: no database, so a 40 MB file is read
 * before any transaction. Objects of other types (groups, software, data sources …) are
 * skipped and counted by type.
 */

/** A bundle as the catalog keeps it. */
export interface ParsedCatalog {
  tactics: AttackTactic[];
  techniques: AttackTechnique[];
  mitigations: AttackMitigation[];
  /** `mitigates` relationships between objects of the bundle: `mitigationId|techniqueId`. */
  mitigates: string[];
  /** Objects left out, by STIX type (a relationship by `relationship/<type>`; `invalid/<type>` without an ATT&CK id). */
  skipped: Record<string, number>;
}

type Stix = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The `mitre-attack` external id of a STIX object, or null. */
function attackIdOf(object: Stix): string | null {
  const refs = Array.isArray(object.external_references) ? (object.external_references as Stix[]) : [];
  const ref = refs.find((r) => r.source_name === "mitre-attack" && typeof r.external_id === "string");
  return ref ? (ref.external_id as string) : null;
}

/** The fields every catalog entry carries (a mitigation has no others). */
function entryOf(object: Stix, attackId: string): AttackMitigation {
  return {
    id: object.id as string,
    attackId,
    name: text(object.name),
    description: text(object.description),
    revoked: object.revoked === true,
    deprecated: object.x_mitre_deprecated === true,
    modified: text(object.modified),
    stixVersion: text(object.x_mitre_version),
  };
}

/** Throws a 422 naming what is wrong unless `body` is a STIX bundle with an objects array. */
function objectsOf(body: unknown): Stix[] {
  const bundle = body as Stix | null;
  if (typeof bundle !== "object" || bundle === null || Array.isArray(bundle) || bundle.type !== "bundle")
    throw new Validation(
      { bundle: 'This is not a STIX 2.1 bundle: expected a JSON object with "type": "bundle".' },
      "The file is not a STIX bundle; nothing was imported.",
    );
  if (!Array.isArray(bundle.objects))
    throw new Validation(
      { bundle: 'The bundle has no "objects" array.' },
      "The file is not a STIX bundle; nothing was imported.",
    );
  return bundle.objects.filter(
    (o): o is Stix => typeof o === "object" && o !== null && typeof o.id === "string",
  );
}

/** Reads an ATT&CK STIX 2.1 bundle; a body that is not one is a 422 (`bundle`). */
export function parseAttackBundle(body: unknown): ParsedCatalog {
  const objects = objectsOf(body);
  const skipped: Record<string, number> = {};
  const skip = (key: string) => {
    skipped[key] = (skipped[key] ?? 0) + 1;
  };
  const tactics: Omit<AttackTactic, "position">[] = [];
  const techniques: AttackTechnique[] = [];
  const mitigations: AttackMitigation[] = [];
  const relationships: Stix[] = [];
  const matrixOrder: string[] = [];
  for (const object of objects) {
    const type = text(object.type);
    if (type === "relationship") {
      relationships.push(object);
      continue;
    }
    if (type === "x-mitre-matrix") {
      for (const ref of strings(object.tactic_refs)) if (!matrixOrder.includes(ref)) matrixOrder.push(ref);
      continue;
    }
    if (type !== "x-mitre-tactic" && type !== "attack-pattern" && type !== "course-of-action") {
      skip(type || "(no type)");
      continue;
    }
    const attackId = attackIdOf(object);
    if (!attackId) {
      skip(`invalid/${type}`);
      continue;
    }
    const entry = entryOf(object, attackId);
    if (type === "x-mitre-tactic") tactics.push({ ...entry, shortname: text(object.x_mitre_shortname) });
    else if (type === "course-of-action") mitigations.push(entry);
    else
      techniques.push({
        ...entry,
        tactics: (Array.isArray(object.kill_chain_phases) ? (object.kill_chain_phases as Stix[]) : [])
          .filter((p) => text(p.kill_chain_name).startsWith("mitre"))
          .map((p) => text(p.phase_name)),
        platforms: strings(object.x_mitre_platforms),
        isSubtechnique: object.x_mitre_is_subtechnique === true,
        parentId: null,
      });
  }
  const techniqueIds = new Map(techniques.map((t) => [t.id, t]));
  const mitigationIds = new Set(mitigations.map((m) => m.id));
  const mitigates = new Set<string>();
  for (const rel of relationships) {
    const kind = text(rel.relationship_type);
    const source = text(rel.source_ref);
    const target = text(rel.target_ref);
    if (kind === "mitigates" && mitigationIds.has(source) && techniqueIds.has(target) && rel.revoked !== true)
      mitigates.add(`${source}|${target}`);
    else if (kind === "subtechnique-of" && techniqueIds.has(source) && techniqueIds.has(target)) {
      const sub = techniqueIds.get(source);
      if (sub) sub.parentId = target;
    } else skip(`relationship/${kind || "(no type)"}`);
  }
  // Tactics in the matrix's order; any the matrix does not name follow, as the bundle lists them.
  const rank = (id: string) => {
    const at = matrixOrder.indexOf(id);
    return at === -1 ? matrixOrder.length : at;
  };
  const ordered = tactics
    .map((tactic, index) => ({ tactic, index }))
    .sort((a, b) => rank(a.tactic.id) - rank(b.tactic.id) || a.index - b.index)
    .map(({ tactic }, position) => ({ ...tactic, position }));
  return { tactics: ordered, techniques, mitigations, mitigates: [...mitigates].sort(), skipped };
}
