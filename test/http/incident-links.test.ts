/**
 * Incidents linked to assets and vulnerabilities: link and unlink through the API and
 * the page, the timeline and the audit record each change, unknown records are 422,
 * viewers cannot link, and deleting an asset drops its links.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { postForm } from "../pages/helpers.ts";

let incidentId: string;
let assetId: string;
let vulnerabilityId: string;

const t = useTestApp();
beforeAll(async () => {
  incidentId = (
    await (await t.as("analyst", "/api/v1/incidents", jsonInit({ title: "Linked", severity: "high" }))).json()
  ).id;
  assetId = (
    await (
      await t.as("analyst", "/api/v1/cmdb/assets", jsonInit({ name: "Mail gateway", assetType: "server" }))
    ).json()
  ).id;
  const vulnerability = await t.as(
    "analyst",
    "/api/v1/vulnerabilities",
    jsonInit({
      title: "OpenSSH regreSSHion",
      cveId: "CVE-2024-6387",
      cvssVector: "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
    }),
  );
  expect(vulnerability.status).toBe(201);
  vulnerabilityId = (await vulnerability.json()).id;
});

/** POSTs a link to the test's incident as `role`. */
const link = (role: Role, kind: string, targetId: string) =>
  t.as(role, `/api/v1/incidents/${incidentId}/links`, jsonInit({ kind, targetId }));

const links = async () => (await (await t.as("viewer", `/api/v1/incidents/${incidentId}`)).json()).links;

describe("incident links", () => {
  test("link an asset and a vulnerability; shown by name; linking again changes nothing", async () => {
    const first = await link("analyst", "asset", assetId);
    expect(await first.json()).toEqual({ changed: true });
    await link("analyst", "vulnerability", vulnerabilityId);
    const again = await link("analyst", "asset", assetId);
    expect(await again.json()).toEqual({ changed: false });
    expect(await links()).toEqual({
      assets: [{ id: assetId, name: "Mail gateway", criticality: "medium" }],
      vulnerabilities: [
        { id: vulnerabilityId, title: "OpenSSH regreSSHion", cveId: "CVE-2024-6387", severity: "high" },
      ],
    });
    const detail = await (await t.as("viewer", `/api/v1/incidents/${incidentId}`)).json();
    const entries = detail.timeline.filter((e: { kind: string }) => e.kind === "link");
    expect(entries.map((e: { toValue: string }) => e.toValue)).toEqual([
      "Mail gateway",
      "CVE-2024-6387 OpenSSH regreSSHion",
    ]);
    const audit = await (
      await t.as("admin", `/api/v1/audit?action=incident.link&resourceId=${incidentId}`)
    ).json();
    expect(audit.total).toBe(2);
  });

  test("unknown records are 422; bad kinds too; viewers get 403; unknown incidents 404", async () => {
    const unknown = await link("analyst", "asset", "nope");
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors).toEqual([{ field: "targetId", message: "No such asset." }]);
    expect((await link("analyst", "host", assetId)).status).toBe(422);
    expect((await link("viewer", "asset", assetId)).status).toBe(403);
    expect(
      (await t.as("analyst", "/api/v1/incidents/none/links", jsonInit({ kind: "asset", targetId: assetId })))
        .status,
    ).toBe(404);
  });

  test("the page links and unlinks; deleting the asset drops its link", async () => {
    const page = await (await t.as("analyst", `/incidents/${incidentId}`)).text();
    expectContains(page, ['data-testid="incident-links"', 'href="/cmdb/']);
    expect(await (await t.as("viewer", `/incidents/${incidentId}`)).text()).not.toContain(
      'data-testid="link-asset"',
    );
    const removed = await postForm(t, "analyst", `/incidents/${incidentId}/links/remove`, {
      kind: "vulnerability",
      targetId: vulnerabilityId,
    });
    expect(removed.headers.get("Location")).toBe(`/incidents/${incidentId}?notice=unlinked`);
    expect((await links()).vulnerabilities).toEqual([]);
    const bad = await postForm(t, "analyst", `/incidents/${incidentId}/links`, {
      kind: "asset",
      targetId: "",
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Choose a record to link.");
    expect((await t.as("admin", `/api/v1/cmdb/assets/${assetId}`, { method: "DELETE" })).status).toBe(204);
    expect((await links()).assets).toEqual([]);
  });
});
