import { describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { auditLog } from "../../src/db/schema/audit-log.ts";
import { attackMitigates, attackTechniques } from "../../src/modules/threats/attack-schema.ts";
import { ensureAttackCatalog, shippedCatalogText } from "../../src/modules/threats/shipped-catalog.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";

type Stix = Record<string, unknown> & { type: string; id: string };
const bundle = () => JSON.parse(shippedCatalogText()) as { type: string; id: string; objects: Stix[] };
const attackIdOf = (o: Stix) =>
  ((o.external_references as { external_id: string }[] | undefined) ?? [])[0]?.external_id;

const t = useTestApp();

const apply = (body: unknown) => t.as("admin", "/api/v1/threats/attack/apply", jsonInit(body));
const preview = (body: unknown) => t.as("admin", "/api/v1/threats/attack/preview", jsonInit(body));
const stored = async () => ({
  techniques: (await t.database.db.select({ n: count() }).from(attackTechniques))[0]?.n,
  mitigates: (await t.database.db.select({ n: count() }).from(attackMitigates))[0]?.n,
  audit: (await t.database.db.select({ n: count() }).from(auditLog))[0]?.n,
});

describe("ATT&CK import", () => {
  test("the first start imports the shipped subset: 14 tactics, 691 techniques, 44 mitigations", async () => {
    const diff = await ensureAttackCatalog({ db: t.database.db, bus: t.bus });
    expect(diff?.tactics.new).toHaveLength(14);
    expect(diff?.techniques.new).toHaveLength(691);
    expect(diff?.mitigations.new).toHaveLength(44);
    expect(diff?.mitigates.added).toBe(1445);
    expect(diff?.skipped).toEqual({});
    // A second start changes nothing.
    expect(await ensureAttackCatalog({ db: t.database.db, bus: t.bus })).toBeNull();

    const tactics = await (await t.as("viewer", "/api/v1/threats/tactics")).json();
    expect(tactics.map((x: { shortname: string }) => x.shortname).slice(0, 3)).toEqual([
      "reconnaissance",
      "resource-development",
      "initial-access",
    ]);
    expect(tactics).toHaveLength(14);
    expect(await (await t.as("viewer", "/api/v1/threats/techniques")).json()).toHaveLength(691);
    expect(await (await t.as("viewer", "/api/v1/threats/mitigations")).json()).toHaveLength(44);
    const sub = await (await t.as("viewer", "/api/v1/threats/techniques/T1059.001")).json();
    expect(sub.name).toBe("PowerShell");
    expect(sub.isSubtechnique).toBe(true);
    expect(sub.parent.attackId).toBe("T1059");
    expect(sub.mitigations.length).toBeGreaterThan(0);
    const execution = await (
      await t.as("viewer", "/api/v1/threats/techniques?tactic=execution&q=command")
    ).json();
    expect(execution.map((x: { attackId: string }) => x.attackId)).toContain("T1059");
    expect((await t.as("viewer", "/api/v1/threats/techniques/T9999")).status).toBe(404);
  });

  test("re-importing the same bundle is a no-op: the preview says nothing changes, apply writes nothing", async () => {
    const before = await stored();
    const res = await preview(bundle());
    expect(res.status).toBe(200);
    const diff = await res.json();
    expect(diff.empty).toBe(true);
    expect(diff.techniques).toEqual({ new: [], changed: [], revoked: [], unchanged: 691 });
    expect((await (await apply(bundle())).json()).empty).toBe(true);
    expect(await stored()).toEqual(before);
  });

  test("a modified bundle: renamed, revoked, new and an unknown type show in the preview, then apply", async () => {
    const modified = bundle();
    const find = (id: string) => modified.objects.find((o) => attackIdOf(o) === id) as Stix;
    find("T1059.001").name = "PowerShell (renamed)";
    const revoked = find("T1566");
    revoked.revoked = true;
    const fresh = structuredClone(find("T1110"));
    fresh.id = "attack-pattern--00000000-0000-4000-8000-000000000001";
    fresh.name = "A new technique";
    fresh.external_references = [{ source_name: "mitre-attack", external_id: "T1999" }];
    modified.objects.push(fresh, { type: "intrusion-set", id: "intrusion-set--1", name: "APT0" });

    // An alert naming the technique about to be revoked keeps its link.
    const raised = await t.as(
      "analyst",
      "/api/v1/soc/alerts",
      jsonInit({ title: "Phish", severity: "high", techniques: ["T1566"] }),
    );
    expect(raised.status).toBe(201);

    const before = await stored();
    const diff = await (await preview(modified)).json();
    expect(diff.techniques.new).toEqual(["T1999"]);
    expect(diff.techniques.changed).toEqual(["T1059.001"]);
    expect(diff.techniques.revoked).toEqual(["T1566"]);
    expect(diff.techniques.unchanged).toBe(689);
    expect(diff.tactics.new).toEqual([]);
    expect(diff.skipped).toEqual({ "intrusion-set": 1 });
    expect(diff.empty).toBe(false);
    expect(await stored()).toEqual(before);

    const applied = await apply(modified);
    expect(applied.status).toBe(200);
    expect((await applied.json()).techniques.new).toEqual(["T1999"]);
    const after = await stored();
    expect(after.techniques).toBe(692);
    expect(after.audit).toBe((before.audit ?? 0) + 1);
    expect((await (await t.as("viewer", "/api/v1/threats/techniques/T1059.001")).json()).name).toBe(
      "PowerShell (renamed)",
    );
    const phishing = await (await t.as("viewer", "/api/v1/threats/techniques/T1566")).json();
    expect(phishing.revoked).toBe(true);
    expect(phishing.namedBy.alerts.map((a: { title: string }) => a.title)).toEqual(["Phish"]);
    expect((await (await preview(modified)).json()).empty).toBe(true);
  });

  test("not a bundle: 422 saying so, nothing changes", async () => {
    const before = await stored();
    for (const body of [[1, 2], { type: "report", objects: [] }, { type: "bundle" }, "text"]) {
      for (const send of [preview, apply]) {
        const res = await send(body);
        expect(res.status).toBe(422);
        expect(JSON.stringify(await res.json())).toContain("bundle");
      }
    }
    expect(await stored()).toEqual(before);
  });

  test("only admins import", async () => {
    for (const role of ["viewer", "analyst", "manager"] as const)
      expect((await t.as(role, "/api/v1/threats/attack/apply", jsonInit(bundle()))).status).toBe(403);
  });

  test("a body over the import limit: 413 before it is read", async () => {
    const big = new Blob(["x".repeat(64 * 1024 * 1024 + 1)]);
    const res = await t.as("admin", "/api/v1/threats/attack/apply", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: big,
    });
    expect(res.status).toBe(413);
  });
});
