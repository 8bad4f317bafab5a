import { afterEach, describe, expect, mock, test } from "bun:test";
import * as calculator from "ae-cvss-calculator";
import { Validation } from "../../src/lib/errors.ts";
import { type CvssSeverity, scoreCvss, severityOfScore } from "../../src/modules/vulnerabilities/cvss.ts";

/** The `cvssVector` message of the 422 that `scoreCvss(vector)` throws. */
function rejection(vector: string): string | undefined {
  try {
    scoreCvss(vector);
  } catch (error) {
    expect(error).toBeInstanceOf(Validation);
    const validation = error as Validation;
    expect(validation.status).toBe(422);
    expect(Object.keys(validation.fields)).toEqual(["cvssVector"]);
    return validation.fields.cvssVector;
  }
  throw new Error(`${JSON.stringify(vector)} was accepted`);
}

const V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
const V40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

describe("scoreCvss: CVSS 3.1 base scores", () => {
  // Reference values as NVD publishes them; the library also agrees with the v3.1
  // specification's formula (section 7.1, Roundup of Appendix A) on all 2,592 base vectors.
  test.each<[string, number, CvssSeverity]>([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10, "critical"],
    ["CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8, "high"],
    ["CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8, "high"],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "high"],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"],
    ["CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5, "medium"],
    ["CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:L/I:L/A:N", 4.7, "medium"],
    ["CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6, "low"],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0, "none"],
  ])("%s → %d", (vector, score, severity) => {
    expect(scoreCvss(vector)).toEqual({ version: "3.1", vector, score, severity });
  });
});

describe("scoreCvss: CVSS 4.0 base scores (CVSS-B)", () => {
  // Reference values from the FIRST v4.0 calculator's algorithm (as fixed upstream in
  // October 2024 to round x.x5 ties up); the library agrees on all 104,976 base vectors.
  test.each<[string, number, CvssSeverity]>([
    [V40, 9.3, "critical"],
    ["CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.5, "high"],
    ["CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3, "high"],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 6.9, "medium"],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.3, "medium"],
    ["CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 1, "low"],
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0, "none"],
    // Exactly 8.55 before rounding: 8.6 (calculators predating the fix print 8.5).
    ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H", 8.6, "high"],
  ])("%s → %d", (vector, score, severity) => {
    expect(scoreCvss(vector)).toEqual({ version: "4.0", vector, score, severity });
  });

  test("threat and environmental metrics stay in the vector but not in the base score", () => {
    const result = scoreCvss(`${V40}/E:U/CR:L`);
    expect(result.score).toBe(9.3);
    expect(result.vector).toBe(`${V40}/E:U/CR:L`);
  });
});

describe("scoreCvss: normalisation", () => {
  test("whitespace is trimmed", () => {
    expect(scoreCvss(`  ${V31}\n`).vector).toBe(V31);
  });

  test("metrics in any order come back in the specification's order; X metrics are dropped", () => {
    const result = scoreCvss("CVSS:3.1/RC:C/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N/E:X/CR:H");
    expect(result).toEqual({ version: "3.1", vector: `${V31}/RC:C/CR:H`, score: 9.8, severity: "critical" });
    expect(
      scoreCvss(`CVSS:4.0/U:Amber/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N/MSI:S/E:P`).vector,
    ).toBe(`${V40}/E:P/MSI:S/U:Amber`);
  });

  test("a vector with every metric at its longest value is accepted", () => {
    const all =
      `${V40}/E:A/CR:H/IR:H/AR:H/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/MVA:H/MSC:H/MSI:S/MSA:S` +
      "/S:P/AU:Y/R:A/V:C/RE:H/U:Amber";
    expect(scoreCvss(all)).toEqual({ version: "4.0", vector: all, score: 9.3, severity: "critical" });
  });
});

describe("scoreCvss: invalid vectors are a 422 on cvssVector", () => {
  test.each<[string, string]>([
    ["", "Enter a CVSS vector, such as CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H."],
    ["   ", "Enter a CVSS vector, such as CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H."],
    ["garbage", "A CVSS vector starts with CVSS:3.1/ or CVSS:4.0/: only CVSS 3.1 and 4.0 are accepted."],
    // CVSS 2.0 vectors carry no prefix.
    [
      "AV:N/AC:L/Au:N/C:P/I:P/A:P",
      "A CVSS vector starts with CVSS:3.1/ or CVSS:4.0/: only CVSS 3.1 and 4.0 are accepted.",
    ],
    [
      "cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h",
      "A CVSS vector starts with CVSS:3.1/ or CVSS:4.0/: only CVSS 3.1 and 4.0 are accepted.",
    ],
    [
      "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      "CVSS 3.0 is not accepted: only CVSS 3.1 and 4.0 vectors are.",
    ],
    ["CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS 2.0 is not accepted: only CVSS 3.1 and 4.0 vectors are."],
    ["CVSS:3.1", "Missing base metrics: AV, AC, PR, UI, S, C, I and A."],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "Missing base metric: A."],
    ["CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "Missing base metrics: AT and SA."],
    [`${V31}/`, "The vector has an empty metric (a doubled or trailing /)."],
    ["CVSS:3.1/AV:N//AC:L", "The vector has an empty metric (a doubled or trailing /)."],
    [`${V31}/E`, "“E” is not METRIC:VALUE."],
    [`${V31}/E:P:X`, "“E:P:X” is not METRIC:VALUE."],
    [`${V31}/E:`, "“E:” is not METRIC:VALUE."],
    [`${V31}/ZZ:L`, "CVSS 3.1 has no metric “ZZ”."],
    [`${V31}/constructor:L`, "CVSS 3.1 has no metric “constructor”."],
    [`${V31}/AT:N`, "CVSS 3.1 has no metric “AT”."],
    [`${V40}/RL:O`, "CVSS 4.0 has no metric “RL”."],
    ["CVSS:3.1/av:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS 3.1 has no metric “av”."],
    ["CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV:Q is not valid: AV takes N, A, L or P."],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X", "A:X is not valid: A takes H, L or N."],
    // The library accepts S (Safety) here; the specification allows it only for MSI and MSA.
    [
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
      "SI:S is not valid: SI takes H, L or N.",
    ],
    [`${V40}/U:amber`, "U:amber is not valid: U takes X, Clear, Green, Amber or Red."],
    [`${V31}/A:L`, "The metric A appears more than once."],
    [`${V31}/E:P/E:P`, "The metric E appears more than once."],
    [`${V31}/${"E:P/".repeat(80)}`, "A CVSS vector is at most 300 characters long."],
  ])("%p", (vector, message) => {
    expect(rejection(vector)).toBe(message);
  });
});

describe("scoreCvss: calculator failures become a 422", () => {
  // A copy: mock.module updates the live namespace object in place.
  const real = { ...calculator };
  afterEach(() => {
    mock.module("ae-cvss-calculator", () => real);
  });

  test("a throwing calculator", () => {
    mock.module("ae-cvss-calculator", () => ({
      ...real,
      Cvss3P1: class {
        constructor() {
          throw new Error("boom");
        }
      },
    }));
    expect(rejection(V31)).toBe("This vector could not be scored.");
  });

  test("a calculator answering NaN or nothing", () => {
    mock.module("ae-cvss-calculator", () => ({
      ...real,
      Cvss3P1: class {
        calculateScores = () => ({ base: Number.NaN });
      },
      Cvss4P0: class {
        calculateScores = () => ({ base: undefined });
      },
    }));
    expect(rejection(V31)).toBe("This vector could not be scored.");
    expect(rejection(V40)).toBe("This vector could not be scored.");
  });
});

describe("severityOfScore", () => {
  test.each<[number, CvssSeverity]>([
    [0, "none"],
    [0.1, "low"],
    [3.9, "low"],
    [4, "medium"],
    [6.9, "medium"],
    [7, "high"],
    [8.9, "high"],
    [9, "critical"],
    [10, "critical"],
  ])("%d is %s", (score, severity) => {
    expect(severityOfScore(score)).toBe(severity);
  });

  test.each([-0.1, 10.1, Number.NaN, Number.POSITIVE_INFINITY])("%d is no score", (score) => {
    expect(() => severityOfScore(score)).toThrow(Validation);
    try {
      severityOfScore(score);
    } catch (error) {
      expect((error as Validation).fields).toEqual({
        cvssScore: "A CVSS score is a number from 0.0 to 10.0.",
      });
    }
  });
});
