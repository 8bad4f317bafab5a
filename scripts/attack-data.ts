/**
 * Writes the ATT&CK catalog Warden ships: reads MITRE's Enterprise STIX 2.1 bundle (by default
 * the subset in ../shared/threats/) and writes a trimmed bundle — the same STIX shape, only
 * the fields the threat catalog keeps — gzipped to src/modules/threats/data/, with MITRE's licence
 * beside it. The importer reads the trimmed file exactly as it reads any bundle.
 *
 *   bun scripts/attack-data.ts [path/to/enterprise-attack.json]
 */
import { copyFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..");
const SOURCE = process.argv[2] ?? resolve(ROOT, "../shared/threats/enterprise-attack-v18.1-subset.stix.json");
const OUT_DIR = join(ROOT, "src/modules/threats/data");

/** The fields kept, per STIX type; any other type is left out. */
const KEEP: Record<string, readonly string[]> = {
  "x-mitre-matrix": ["tactic_refs"],
  "x-mitre-tactic": ["name", "description", "x_mitre_shortname"],
  "attack-pattern": [
    "name",
    "description",
    "kill_chain_phases",
    "x_mitre_platforms",
    "x_mitre_is_subtechnique",
  ],
  "course-of-action": ["name", "description"],
  relationship: ["relationship_type", "source_ref", "target_ref"],
};
const COMMON = ["type", "id", "modified", "x_mitre_version", "revoked", "x_mitre_deprecated"];

type StixObject = Record<string, unknown> & { type: string };

const bundle = (await Bun.file(SOURCE).json()) as { type: string; id: string; objects: StixObject[] };
const objects = bundle.objects
  .filter((o) => o.type in KEEP)
  .filter(
    (o) =>
      o.type !== "relationship" || ["mitigates", "subtechnique-of"].includes(String(o.relationship_type)),
  )
  .map((o) => {
    const kept: Record<string, unknown> = {};
    for (const key of [...COMMON, ...(KEEP[o.type] ?? [])]) if (o[key] !== undefined) kept[key] = o[key];
    const refs = (o.external_references as { source_name: string }[] | undefined)?.filter(
      (r) => r.source_name === "mitre-attack",
    );
    if (refs?.length) kept.external_references = refs;
    return kept;
  });
// Gzipped: the binary embeds the file as it is (src/modules/threats/shipped-catalog.ts).
const out = join(OUT_DIR, "enterprise-attack.stix.json.gz");
const text = `${JSON.stringify({ type: "bundle", id: bundle.id, objects })}\n`;
await Bun.write(out, Bun.gzipSync(text, { level: 9 }));
copyFileSync(join(dirname(SOURCE), "MITRE-LICENSE.txt"), join(OUT_DIR, "MITRE-LICENSE.txt"));
console.log(`${objects.length} objects → ${out} (${(Bun.file(out).size / 1024).toFixed(0)} KiB)`);
