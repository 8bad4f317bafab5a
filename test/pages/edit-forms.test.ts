/**
 * The record kit's edit form (`GET <path>/:id/edit` and its post) is for those who may update
 * the kind, the new form and its post for those who may create it, and the actions on a record's
 * page (status, assign, note) for those who may update it: a viewer is refused them (403, before
 * a post is read) for every record kind that has them, an analyst gets the forms.
 */
import { describe, expect, test } from "bun:test";
import { createdAs, useTestApp } from "../helpers/app.ts";

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
