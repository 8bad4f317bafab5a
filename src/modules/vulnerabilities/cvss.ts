import { Validation } from "../../lib/errors.ts";

/**
 * ae-cvss-calculator, loaded on the first score (`require` is lazy in the bundle, and cached
 * after the first call), so a server that never scores a vector does not hold it.
 */
function calculator(): typeof import("ae-cvss-calculator") {
  return require("ae-cvss-calculator");
}

/** The CVSS versions Warden scores. */
export type CvssVersion = "3.1" | "4.0";

/** The FIRST / NVD qualitative severity of a score. */
export type CvssSeverity = "none" | "low" | "medium" | "high" | "critical";

/** A scored CVSS vector. */
export interface CvssScore {
  version: CvssVersion;
  /**
   * The vector in the specification's metric order, without optional metrics set to
   * X (Not Defined), e.g. `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`.
   */
  vector: string;
  /**
   * The base score, 0.0–10.0 with one decimal: CVSS 3.1's Base Score, CVSS 4.0's
   * CVSS-B. Threat, temporal, environmental and supplemental metrics in the vector
   * are kept in `vector` but do not change it.
   */
  score: number;
  severity: CvssSeverity;
}

/** Allowed values of each metric, in the specification's order. */
type MetricTable = Readonly<Record<string, readonly string[]>>;

/** What one CVSS version accepts and how its base score is computed. */
interface VersionRules {
  /** Mandatory metrics; X (Not Defined) is not allowed for them. */
  base: MetricTable;
  /** Optional metrics (threat, temporal, environmental, supplemental). */
  optional: MetricTable;
  /** The base score of a vector made of the prefix and base metrics only. */
  baseScore(baseVector: string): number | undefined;
}

const CIA = ["H", "L", "N"];
const REQUIREMENT = ["X", "H", "M", "L"];

/**
 * The environmental metrics CVSS 3.1 and 4.0 both open with, the same in each: the
 * security requirements and the modified attack vector and complexity.
 */
const SHARED_ENVIRONMENTAL: MetricTable = {
  CR: REQUIREMENT,
  IR: REQUIREMENT,
  AR: REQUIREMENT,
  MAV: ["X", "N", "A", "L", "P"],
  MAC: ["X", "L", "H"],
};

/** Metrics and values from the CVSS v3.1 specification, section 6 (Table 15). */
const V3_1: VersionRules = {
  base: {
    AV: ["N", "A", "L", "P"],
    AC: ["L", "H"],
    PR: ["N", "L", "H"],
    UI: ["N", "R"],
    S: ["U", "C"],
    C: CIA,
    I: CIA,
    A: CIA,
  },
  optional: {
    E: ["X", "H", "F", "P", "U"],
    RL: ["X", "U", "W", "T", "O"],
    RC: ["X", "C", "R", "U"],
    ...SHARED_ENVIRONMENTAL,
    MPR: ["X", "N", "L", "H"],
    MUI: ["X", "N", "R"],
    MS: ["X", "U", "C"],
    MC: ["X", ...CIA],
    MI: ["X", ...CIA],
    MA: ["X", ...CIA],
  },
  baseScore: (baseVector) => new (calculator().Cvss3P1)(baseVector).calculateScores().base,
};

/**
 * Metrics and values from the CVSS v4.0 specification, section 7 (Table 23). Base SC,
 * SI and SA take no S (Safety): only their modified forms MSI and MSA do.
 */
const V4_0: VersionRules = {
  base: {
    AV: ["N", "A", "L", "P"],
    AC: ["L", "H"],
    AT: ["N", "P"],
    PR: ["N", "L", "H"],
    UI: ["N", "P", "A"],
    VC: CIA,
    VI: CIA,
    VA: CIA,
    SC: CIA,
    SI: CIA,
    SA: CIA,
  },
  optional: {
    E: ["X", "A", "P", "U"],
    ...SHARED_ENVIRONMENTAL,
    MAT: ["X", "N", "P"],
    MPR: ["X", "N", "L", "H"],
    MUI: ["X", "N", "P", "A"],
    MVC: ["X", ...CIA],
    MVI: ["X", ...CIA],
    MVA: ["X", ...CIA],
    MSC: ["X", ...CIA],
    MSI: ["X", "S", ...CIA],
    MSA: ["X", "S", ...CIA],
    S: ["X", "N", "P"],
    AU: ["X", "N", "Y"],
    R: ["X", "A", "U", "I"],
    V: ["X", "D", "C"],
    RE: ["X", "L", "M", "H"],
    U: ["X", "Clear", "Green", "Amber", "Red"],
  },
  // With only base metrics given, the library's `base` is CVSS-B. (Given threat or
  // environmental metrics too, its `base` would be CVSS-BTE.)
  baseScore: (baseVector) => new (calculator().Cvss4P0)(baseVector).calculateScores().base,
};

const VERSIONS: Readonly<Record<CvssVersion, VersionRules>> = { "3.1": V3_1, "4.0": V4_0 };

/** Longer input is refused before parsing; the longest valid vector is well below. */
const MAX_VECTOR_LENGTH = 300;

/** A 422 naming the `cvssVector` field. */
function invalid(reason: string): Validation {
  return new Validation({ cvssVector: reason });
}

function isVersion(version: string): version is CvssVersion {
  return Object.hasOwn(VERSIONS, version);
}

/** "A, B or C" (or "and"). */
function list(values: readonly string[], conjunction: "or" | "and"): string {
  return values.length > 1
    ? `${values.slice(0, -1).join(", ")} ${conjunction} ${values.at(-1)}`
    : (values[0] ?? "");
}

/** The values `name` takes in `rules`; undefined when it is no metric of that version. */
function allowedValues(rules: VersionRules, name: string): readonly string[] | undefined {
  if (Object.hasOwn(rules.base, name)) return rules.base[name];
  if (Object.hasOwn(rules.optional, name)) return rules.optional[name];
  return undefined;
}

/** The version named by the `CVSS:x.y` prefix; throws for anything else. */
function parseVersion(prefix: string): CvssVersion {
  if (!prefix.startsWith("CVSS:"))
    throw invalid("A CVSS vector starts with CVSS:3.1/ or CVSS:4.0/: only CVSS 3.1 and 4.0 are accepted.");
  const version = prefix.slice("CVSS:".length);
  if (!isVersion(version))
    throw invalid(`CVSS ${version} is not accepted: only CVSS 3.1 and 4.0 vectors are.`);
  return version;
}

/** The metrics of `parts` by name; throws on a malformed, unknown, repeated or badly valued metric. */
function parseMetrics(version: CvssVersion, parts: readonly string[]): Map<string, string> {
  const rules = VERSIONS[version];
  const metrics = new Map<string, string>();
  for (const part of parts) {
    const [name, value, ...rest] = part.split(":");
    if (!name || !value || rest.length > 0) {
      throw invalid(
        part === ""
          ? "The vector has an empty metric (a doubled or trailing /)."
          : `“${part}” is not METRIC:VALUE.`,
      );
    }
    const allowed = allowedValues(rules, name);
    if (!allowed) throw invalid(`CVSS ${version} has no metric “${name}”.`);
    if (metrics.has(name)) throw invalid(`The metric ${name} appears more than once.`);
    if (!allowed.includes(value))
      throw invalid(`${name}:${value} is not valid: ${name} takes ${list(allowed, "or")}.`);
    metrics.set(name, value);
  }
  const missing = Object.keys(rules.base).filter((name) => !metrics.has(name));
  if (missing.length > 0) {
    throw invalid(
      missing.length > 1
        ? `Missing base metrics: ${list(missing, "and")}.`
        : `Missing base metric: ${list(missing, "and")}.`,
    );
  }
  return metrics;
}

/**
 * Scores a CVSS 3.1 or 4.0 vector such as `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`
 * (9.8, critical). Surrounding whitespace is ignored; metrics may come in any order;
 * names and values are case-sensitive, as in the specifications.
 *
 * Every base metric must be given once with a defined value; optional metrics may be
 * given once each and are kept in the normalised vector (those set to X are dropped).
 *
 * @throws Validation `{ cvssVector: reason }` (422) for anything else: empty input,
 *   another prefix or version (2.0, 3.0 …), a missing base metric, an unknown metric
 *   or value, a repeated metric, or a vector the calculator cannot score.
 */
export function scoreCvss(vector: string): CvssScore {
  const trimmed = vector.trim();
  if (trimmed === "")
    throw invalid("Enter a CVSS vector, such as CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H.");
  if (trimmed.length > MAX_VECTOR_LENGTH)
    throw invalid(`A CVSS vector is at most ${MAX_VECTOR_LENGTH} characters long.`);
  const [prefix = "", ...parts] = trimmed.split("/");
  const version = parseVersion(prefix);
  const metrics = parseMetrics(version, parts);
  const rules = VERSIONS[version];

  const ordered = (table: MetricTable) =>
    Object.keys(table)
      .filter((name) => metrics.has(name) && metrics.get(name) !== "X")
      .map((name) => `${name}:${metrics.get(name)}`);
  const baseVector = [`CVSS:${version}`, ...ordered(rules.base)].join("/");

  let raw: number | undefined;
  try {
    raw = rules.baseScore(baseVector);
  } catch {
    raw = undefined;
  }
  if (raw === undefined || !Number.isFinite(raw) || raw < 0 || raw > 10)
    throw invalid("This vector could not be scored.");
  // The library already rounds to one decimal; this keeps the contract exact.
  const score = Math.round(raw * 10) / 10;
  return {
    version,
    vector: [baseVector, ...ordered(rules.optional)].join("/"),
    score,
    severity: severityOfScore(score),
  };
}

/**
 * The qualitative rating of a CVSS score on the FIRST / NVD scale: 0.0 none,
 * 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical.
 *
 * @throws Validation `{ cvssScore }` (422) unless `score` is a number from 0 to 10.
 */
export function severityOfScore(score: number): CvssSeverity {
  if (!Number.isFinite(score) || score < 0 || score > 10)
    throw new Validation({ cvssScore: "A CVSS score is a number from 0.0 to 10.0." });
  if (score === 0) return "none";
  if (score < 4) return "low";
  if (score < 7) return "medium";
  if (score < 9) return "high";
  return "critical";
}
