import type { ModuleDemo } from "../../kit/demo.ts";
import { newRiskSchema } from "./risk-input.ts";
import { createRisk, moveRisk } from "./risk-service.ts";
import type { RiskStatus } from "./schema.ts";

const DAY_MS = 86_400_000;

type DemoRisk = {
  title: string;
  category: string;
  inherent: [number, number];
  current: [number, number];
  residual: [number, number];
  treatment: "mitigate" | "avoid" | "transfer" | null;
  plan: string;
  /** Days until the next review (negative: overdue). */
  reviewIn: number;
  status: RiskStatus[];
  assets: string[];
  incident?: number;
};

const RISKS: DemoRisk[] = [
  {
    title: "Ransomware encrypts the file servers",
    category: "technical",
    inherent: [4, 5],
    current: [3, 5],
    residual: [2, 4],
    treatment: "mitigate",
    plan: "Offline backups tested monthly; EDR on every server; **restore drill** each quarter.",
    reviewIn: 30,
    status: ["assessed", "treating"],
    assets: ["Web server WEB01"],
    incident: 0,
  },
  {
    title: "Customer portal outage during peak season",
    category: "operational",
    inherent: [3, 4],
    current: [3, 3],
    residual: [2, 3],
    treatment: "mitigate",
    plan: "Second region, load tests before each release.",
    reviewIn: -3,
    status: ["assessed"],
    assets: ["Customer portal"],
  },
  {
    title: "Key supplier cannot deliver patches in time",
    category: "third_party",
    inherent: [3, 3],
    current: [3, 3],
    residual: [2, 2],
    treatment: "transfer",
    plan: "Contractual patch SLA with penalties; cyber insurance covers the rest.",
    reviewIn: 90,
    status: ["assessed", "treating", "monitored"],
    assets: [],
  },
  {
    title: "Shared admin accounts on network devices",
    category: "compliance",
    inherent: [4, 3],
    current: [4, 3],
    residual: [1, 3],
    treatment: null,
    plan: "",
    reviewIn: 14,
    status: [],
    assets: ["Core switch"],
  },
  {
    title: "Laptop theft exposes customer data",
    category: "people",
    inherent: [3, 4],
    current: [2, 2],
    residual: [2, 2],
    treatment: "avoid",
    plan: "Full-disk encryption enforced; no customer exports on laptops.",
    reviewIn: 180,
    status: ["assessed", "monitored"],
    assets: [],
  },
];

/** A few risks across the matrix, owned by the demo people, linked to demo assets and an incident. */
export const risksDemo: ModuleDemo = {
  async seed({ db, config, actor, seeded }) {
    const svc = { db, risk: () => config.get().risk };
    for (const [index, r] of RISKS.entries()) {
      const incident = r.incident === undefined ? undefined : seeded.incidents[r.incident];
      const input = newRiskSchema.parse({
        title: r.title,
        category: r.category,
        owner: seeded.people[index % 3] ?? seeded.people[0],
        inherentLikelihood: r.inherent[0],
        inherentImpact: r.inherent[1],
        currentLikelihood: r.current[0],
        currentImpact: r.current[1],
        residualLikelihood: r.residual[0],
        residualImpact: r.residual[1],
        treatment: r.treatment,
        treatmentPlan: r.plan,
        nextReviewAt: Date.now() + r.reviewIn * DAY_MS,
        assetIds: r.assets.map((name) => seeded.assets.get(name)).filter(Boolean),
        incidentIds: incident ? [incident] : [],
      });
      const risk = await createRisk(svc, actor, input);
      for (const status of r.status) await moveRisk(svc, actor, risk.id, { status, version: undefined });
    }
    return [`${RISKS.length} risks`];
  },
};
