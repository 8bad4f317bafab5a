/**
 * A risk's edit page keeps the links it does not show: a save that changes only the title
 * leaves the links to deleted records (back with a restore) and to records beyond the
 * pickers' limit, and so does an API client that sends back the lists it read.
 */
import { describe, expect, test } from "bun:test";
import { CHOICES_LIMIT } from "../../src/kit/record-lookup.ts";
import { assets } from "../../src/modules/assets/schema.ts";
import { withStatus } from "../helpers/answers.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { postShownForm } from "./helpers.ts";

const t = useTestApp();

type Links = Record<"asset" | "vulnerability" | "incident" | "threat", { id: string }[]>;

/** A risk with the links given, made through the API. */
async function linkedRisk(links: Record<string, string[]>) {
  const { id } = (await createdAs(t, "analyst", "/api/v1/risks", {
    title: "Linked risk",
    owner: t.users.analyst.id,
    category: "operational",
    inherentLikelihood: 3,
    inherentImpact: 3,
    ...links,
  })) as { id: string };
  return id;
}

/** The risk's links as the API shows them. */
async function linksOf(id: string): Promise<Links> {
  return ((await (await t.as("viewer", `/api/v1/risks/${id}`)).json()) as { links: Links }).links;
}

const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

/** A vulnerability and an incident linked to a new risk, then both deleted. */
async function withDeletedLinks() {
  const vuln = (await createdAs(t, "analyst", "/api/v1/vulnerabilities", {
    title: "Gone",
    severity: "low",
  })) as {
    id: string;
  };
  const kept = (await createdAs(t, "analyst", "/api/v1/vulnerabilities", {
    title: "Kept",
    severity: "low",
  })) as {
    id: string;
  };
  const incident = (await createdAs(t, "analyst", "/api/v1/incidents", {
    title: "Gone",
    severity: "low",
  })) as {
    id: string;
  };
  const risk = await linkedRisk({ vulnerabilityIds: [vuln.id, kept.id], incidentIds: [incident.id] });
  await withStatus(t.as("admin", `/api/v1/vulnerabilities/${vuln.id}`, { method: "DELETE" }), 204);
  await withStatus(t.as("admin", `/api/v1/incidents/${incident.id}`, { method: "DELETE" }), 204);
  const restore = async () => {
    await withStatus(t.as("admin", `/api/v1/vulnerabilities/${vuln.id}/restore`, { method: "POST" }), 200);
    await withStatus(t.as("admin", `/api/v1/incidents/${incident.id}/restore`, { method: "POST" }), 200);
  };
  return { risk, vuln: vuln.id, kept: kept.id, incident: incident.id, restore };
}

describe("a risk's links a save does not show", () => {
  test("links to deleted records survive a page save of the title and come back with a restore", async () => {
    const { risk, vuln, kept, incident, restore } = await withDeletedLinks();
    expect(ids((await linksOf(risk)).vulnerability)).toEqual([kept]);
    await withStatus(postShownForm(t, "analyst", `/risks/${risk}/edit`, { title: "Renamed" }), 303);
    await restore();
    const links = await linksOf(risk);
    expect(ids(links.vulnerability)).toEqual([vuln, kept].sort());
    expect(ids(links.incident)).toEqual([incident]);
  });

  test("the API: sending back the lists read keeps them; a list that leaves a shown link out drops only that one", async () => {
    const { risk, vuln, kept, incident, restore } = await withDeletedLinks();
    const api = `/api/v1/risks/${risk}`;
    const read = (await (await t.as("analyst", api)).json()) as { version: number; links: Links };
    expect(ids(read.links.incident)).toEqual([]);
    const lists = { vulnerabilityIds: ids(read.links.vulnerability), incidentIds: ids(read.links.incident) };
    await withStatus(t.as("analyst", api, jsonInit({ version: read.version, ...lists }, "PATCH")), 200);
    const now = (await (await t.as("analyst", api)).json()) as { version: number };
    await withStatus(
      t.as("analyst", api, jsonInit({ version: now.version, vulnerabilityIds: [] }, "PATCH")),
      200,
    );
    await restore();
    const links = await linksOf(risk);
    expect(ids(links.vulnerability)).toEqual([vuln]);
    expect(ids(links.vulnerability)).not.toContain(kept);
    expect(ids(links.incident)).toEqual([incident]);
  });

  test(`a linked asset beyond the picker's ${CHOICES_LIMIT} choices stays offered and chosen, so a save keeps it`, async () => {
    const last = (await createdAs(t, "analyst", "/api/v1/cmdb/assets", {
      name: "zz last",
      assetType: "server",
    })) as {
      id: string;
    };
    const now = Date.now();
    await t.database.db.insert(assets).values(
      Array.from({ length: CHOICES_LIMIT }, (_, i) => ({
        id: Bun.randomUUIDv7(),
        name: `aa filler ${String(i).padStart(4, "0")}`,
        assetType: "server" as const,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const risk = await linkedRisk({ assetIds: [last.id] });
    await withStatus(postShownForm(t, "analyst", `/risks/${risk}/edit`, { title: "Renamed" }), 303);
    expect(ids((await linksOf(risk)).asset)).toEqual([last.id]);
  });
});
