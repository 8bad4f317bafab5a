import type { ModuleDemo } from "../../kit/demo.ts";
import { SCORE_KINDS } from "./matrix.ts";
import { newRiskSchema } from "./risk-input.ts";
import { createRisk, moveRisk } from "./risk-service.ts";
import type { RiskStatus } from "./schema.ts";

const DAY_MS = 86_400_000;

/** The score fields of a new risk, in the order a demo risk gives their values. */
const SCORE_FIELDS = SCORE_KINDS.flatMap((kind) => [`${kind}Likelihood`, `${kind}Impact`]);

/** A demo risk: the `SCORE_FIELDS`' values; `reviewIn` is days until the next review (negative: overdue). */
type DemoRisk = [
  title: string,
  category: string,
  scores: [number, number, number, number, number, number],
  treatment: "mitigate" | "avoid" | "transfer" | null,
  plan: string,
  reviewIn: number,
  status: RiskStatus[],
  assets: string[],
  incident?: number,
];

const RISKS: DemoRisk[] = [
  [
    "Ransomware encrypts the file servers",
    "technical",
    [4, 5, 3, 5, 2, 4],
    "mitigate",
    "Offline backups tested monthly; EDR on every server; **restore drill** each quarter.",
    30,
    ["assessed", "treating"],
    ["Web server WEB01"],
    0,
  ],
  [
    "Customer portal outage during peak season",
    "operational",
    [3, 4, 3, 3, 2, 3],
    "mitigate",
    "Second region, load tests before each release.",
    -3,
    ["assessed"],
    ["Customer portal"],
  ],
  [
    "Key supplier cannot deliver patches in time",
    "third_party",
    [3, 3, 3, 3, 2, 2],
    "transfer",
    "Contractual patch SLA with penalties; cyber insurance covers the rest.",
    90,
    ["assessed", "treating", "monitored"],
    [],
  ],
  [
    "Shared admin accounts on network devices",
    "compliance",
    [4, 3, 4, 3, 1, 3],
    null,
    "",
    14,
    [],
    ["Core switch"],
  ],
  [
    "Laptop theft exposes customer data",
    "people",
    [3, 4, 2, 2, 2, 2],
    "avoid",
    "Full-disk encryption enforced; no customer exports on laptops.",
    180,
    ["assessed", "monitored"],
    [],
  ],
];

/** A few risks across the matrix, owned by the demo people, linked to demo assets and an incident. */
export const risksDemo: ModuleDemo = {
  async seed({ db, config, actor, seeded }) {
    const svc = { db, risk: () => config.get().risk };
    for (const [
      index,
      [title, category, scores, treatment, plan, reviewIn, moves, assets, incidentAt],
    ] of RISKS.entries()) {
      const incident = incidentAt === undefined ? undefined : seeded.incidents[incidentAt];
      const input = newRiskSchema.parse({
        title,
        category,
        owner: seeded.people[index % 3] ?? seeded.people[0],
        ...Object.fromEntries(SCORE_FIELDS.map((field, i) => [field, scores[i]])),
        treatment,
        treatmentPlan: plan,
        nextReviewAt: Date.now() + reviewIn * DAY_MS,
        assetIds: assets.map((name) => seeded.assets.get(name)).filter(Boolean),
        incidentIds: incident ? [incident] : [],
      });
      const risk = await createRisk(svc, actor, input);
      for (const status of moves) await moveRisk(svc, actor, risk.id, { status, version: undefined });
    }
    return [`${RISKS.length} risks`];
  },
};
