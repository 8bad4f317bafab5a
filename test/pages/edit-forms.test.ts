/**
 * The record kit's edit form (`GET <path>/:id/edit` and its post) is for those who may update
 * the kind, the new form and its post for those who may create it, and the actions on a record's
 * page (status, assign, note) for those who may update it: a viewer is refused them (403, before
 * a post is read) for every record kind that has them, an analyst gets the forms.
 */
import { describe, expect, test } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { postShownForm } from "./helpers.ts";

const t = useTestApp();

/** Each record kind with an edit form: its pages' path, its API collection and a valid new record. */
const KINDS: { path: string; api: string; body: () => Record<string, unknown> }[] = [
  { path: "/incidents", api: "/api/v1/incidents", body: () => ({ title: "Edit me", severity: "high" }) },
  { path: "/cmdb", api: "/api/v1/cmdb/assets", body: () => ({ name: "edit-me", assetType: "server" }) },
  {
    path: "/vulnerabilities",
    api: "/api/v1/vulnerabilities",
    body: () => ({ title: "Edit me", severity: "high" }),
  },
  { path: "/documents", api: "/api/v1/documents", body: () => ({ title: "Edit me", category: "policy" }) },
  {
    path: "/risks",
    api: "/api/v1/risks",
    body: () => ({
      title: "Edit me",
      owner: t.users.analyst.id,
      category: "operational",
      inherentLikelihood: 3,
      inherentImpact: 3,
    }),
  },
  { path: "/threats", api: "/api/v1/threats", body: () => ({ name: "Edit me", category: "adversary" }) },
  {
    path: "/vendors",
    api: "/api/v1/vendors",
    body: () => ({ name: "Edit me", service: "Payroll", tier: "low", dataAccess: "personal" }),
  },
];

describe("record new forms", () => {
  for (const kind of KINDS)
    test(`${kind.path}/new and its post: 403 for a viewer before the form is read, even a wrong one`, async () => {
      expect((await t.as("viewer", `${kind.path}/new`)).status).toBe(403);
      const wrong = new URLSearchParams({ title: "", name: "" });
      expect((await t.as("viewer", kind.path, { method: "POST", body: wrong })).status).toBe(403);
      expect((await t.as("analyst", `${kind.path}/new`)).status).toBe(200);
    });
});

describe("record edit forms", () => {
  for (const kind of KINDS)
    test(`${kind.path}/:id/edit: 403 for a viewer (the form and its post), 200 for an analyst`, async () => {
      const { id } = (await createdAs(t, "analyst", kind.api, kind.body())) as { id: string };
      const edit = `${kind.path}/${id}/edit`;
      expect((await t.as("viewer", edit)).status).toBe(403);
      expect(
        (await t.as("viewer", edit, { method: "POST", body: new URLSearchParams({ version: "1" }) })).status,
      ).toBe(403);
      expect((await t.as("analyst", edit)).status).toBe(200);
    });
});

/** The kind whose pages are at `path`. */
function kindAt(path: string) {
  const kind = KINDS.find((k) => k.path === path);
  if (!kind) throw new Error(`No record kind at ${path}.`);
  return kind;
}

/** Each record page action of the kit, on a record an analyst made, posted with a wrong form. */
const ACTIONS: { api: string; path: string; body: () => Record<string, unknown>; posts: string[] }[] = [
  { ...kindAt("/incidents"), posts: ["status", "comments"] },
  { ...kindAt("/vulnerabilities"), posts: ["status"] },
  { ...kindAt("/risks"), posts: ["status"] },
  { ...kindAt("/vendors"), posts: ["status"] },
  {
    api: "/api/v1/soc/alerts",
    path: "/soc",
    body: () => ({ title: "Act on me", severity: "high" }),
    posts: ["status", "assign", "notes"],
  },
  {
    api: "/api/v1/soc/cases",
    path: "/soc/cases",
    body: () => ({ title: "Act on me" }),
    posts: ["status", "owner", "notes"],
  },
];

describe("record page actions", () => {
  for (const kind of ACTIONS)
    test(`${kind.path}/:id/{${kind.posts.join(",")}}: 403 for a viewer before the form is read`, async () => {
      const { id } = (await createdAs(t, "analyst", kind.api, kind.body())) as { id: string };
      const wrong = new URLSearchParams({
        status: "no-such-status",
        assignedTo: "nobody",
        ownerId: "nobody",
        body: "",
      });
      for (const post of kind.posts) {
        const res = await t.as("viewer", `${kind.path}/${id}/${post}`, { method: "POST", body: wrong });
        expect(`${post} ${res.status}`).toBe(`${post} 403`);
      }
    });
});

/** Each record kind whose form names a person: the field, and where the API shows the person's id. */
const PERSON_FIELDS: { path: string; field: string; shown: (record: Record<string, unknown>) => unknown }[] =
  [
    { path: "/incidents", field: "assignedTo", shown: (r) => (r.assignedTo as { id: string } | null)?.id },
    {
      path: "/vulnerabilities",
      field: "assignedTo",
      shown: (r) => (r.assignedTo as { id: string } | null)?.id,
    },
    { path: "/cmdb", field: "ownerUserId", shown: (r) => r.ownerUserId },
    { path: "/documents", field: "ownerId", shown: (r) => (r.owner as { id: string } | null)?.id },
    { path: "/risks", field: "owner", shown: (r) => (r.owner as { id: string } | null)?.id },
  ];

describe("a person no longer active on an edit form", () => {
  for (const { path, field, shown } of PERSON_FIELDS)
    test(`${path}/:id/edit offers the ${field} deactivated since, marked inactive, and a save of the title keeps them`, async () => {
      const kind = kindAt(path);
      const leaver = await createdAs(t, "admin", "/api/v1/users", {
        username: `leaver-${path.slice(1)}`,
        email: `leaver-${path.slice(1)}@example.test`,
        displayName: `Leaver of ${path.slice(1)}`,
        role: "analyst",
        password: "a long enough password 1",
      });
      const leaverId = (leaver as { id: string }).id;
      const { id } = (await createdAs(t, "analyst", kind.api, { ...kind.body(), [field]: leaverId })) as {
        id: string;
      };
      await withStatus(
        t.as("admin", `/api/v1/users/${leaverId}`, jsonInit({ isActive: false }, "PATCH")),
        200,
      );
      const edit = `${path}/${id}/edit`;
      expect(await textWithStatus(t.as("analyst", edit), 200)).toContain(
        `Leaver of ${path.slice(1)} (inactive)`,
      );
      const title: Record<string, string> = path === "/cmdb" ? { name: "renamed" } : { title: "Renamed" };
      await withStatus(postShownForm(t, "analyst", edit, title), 303);
      const record = (await (await t.as("analyst", `${kind.api}/${id}`)).json()) as Record<string, unknown>;
      expect(Object.values(title)).toContain((record.title ?? record.name) as string);
      expect(shown(record)).toBe(leaverId);
    });
});

/** Each record kind whose form shows a time to the minute or a day: times set through the API off those steps. */
const COARSE_TIMES: { path: string; times: Record<string, number> }[] = [
  { path: "/incidents", times: { detectedAt: 1_796_000_000_123 } },
  { path: "/vulnerabilities", times: { discoveredAt: 1_796_000_000_123 } },
  { path: "/risks", times: { nextReviewAt: 1_801_390_000_000, treatmentDueAt: 1_811_850_000_000 } },
  { path: "/documents", times: { nextReviewAt: 1_801_390_000_000 } },
];

describe("a time the edit form shows coarser than stored", () => {
  for (const { path, times } of COARSE_TIMES)
    test(`${path}/:id/edit: a save of the title leaves ${Object.keys(times).join(" and ")} as stored`, async () => {
      const kind = kindAt(path);
      const { id } = (await createdAs(t, "analyst", kind.api, kind.body())) as { id: string };
      await withStatus(
        t.as("analyst", `${kind.api}/${id}`, jsonInit({ version: 1, ...times }, "PATCH")),
        200,
      );
      await withStatus(postShownForm(t, "analyst", `${path}/${id}/edit`, { title: "Renamed" }), 303);
      const record = (await (await t.as("analyst", `${kind.api}/${id}`)).json()) as Record<string, unknown>;
      expect(record.title).toBe("Renamed");
      for (const [name, at] of Object.entries(times)) expect(`${name} ${record[name]}`).toBe(`${name} ${at}`);
      // A time typed over is saved.
      const [first] = Object.keys(times) as [string];
      const typed = first.endsWith("edAt") ? "2026-11-01T10:00" : "2027-03-01";
      await withStatus(postShownForm(t, "analyst", `${path}/${id}/edit`, { [first]: typed }), 303);
      const edited = (await (await t.as("analyst", `${kind.api}/${id}`)).json()) as Record<string, unknown>;
      expect(edited[first]).not.toBe(times[first]);
    });
});
