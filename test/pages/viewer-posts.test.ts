/**
 * Every page post, made by a viewer with a wrong form on real records: one the viewer may not
 * make is refused (403, or 404 for what is not there) before its form is read — never its
 * field errors (422) — and no post answers 500. The posts every role may make (its own
 * account, sign-in, notifications, its own tokens …) are listed apart.
 */
import { expect, test } from "bun:test";
import { createdAs, useTestApp } from "../helpers/app.ts";

const t = useTestApp();

/** Posts any signed-in role may make, whose form is read first by design. */
const EVERY_ROLE = [
  /^\/login/,
  /^\/logout$/,
  /^\/setup$/,
  /^\/profile/,
  /^\/notifications/,
  /^\/tokens/,
  /^\/documents\/:id\/acknowledge$/,
];

/** A record of each kind whose pages take posts on `/<first path segment>/:id/…`, made by an analyst. */
const RECORDS: [string, string, Record<string, unknown>][] = [
  ["incidents", "/api/v1/incidents", { title: "Posted at", severity: "high" }],
  ["vulnerabilities", "/api/v1/vulnerabilities", { title: "Posted at", severity: "high" }],
  ["documents", "/api/v1/documents", { title: "Posted at", category: "policy" }],
  ["soc", "/api/v1/soc/alerts", { title: "Posted at", severity: "high" }],
  ["cmdb", "/api/v1/cmdb/assets", { name: "posted-at", assetType: "server" }],
  ["threats", "/api/v1/threats", { name: "Posted at", category: "adversary" }],
  ["vendors", "/api/v1/vendors", { name: "Posted at", service: "s", tier: "low", dataAccess: "personal" }],
];

test("a viewer's page posts are refused before their form is read, and none answers 500", async () => {
  const ids: Record<string, string> = {};
  for (const [segment, api, body] of RECORDS)
    ids[segment] = ((await createdAs(t, "analyst", api, body)) as { id: string }).id;
  ids.risks = (
    (await createdAs(t, "analyst", "/api/v1/risks", {
      title: "Posted at",
      owner: t.users.analyst.id,
      category: "operational",
      inherentLikelihood: 3,
      inherentImpact: 3,
    })) as { id: string }
  ).id;
  const paths = [...new Set(t.app.routes.filter((r) => r.method === "POST").map((r) => r.path))].filter(
    (path) => !path.startsWith("/api/") && path !== "/*",
  );
  expect(paths.length).toBeGreaterThan(50);
  const wrong = new URLSearchParams({ status: "no-such", title: "", name: "", body: "", signal: "NONE" });
  const answers: string[] = [];
  for (const path of paths) {
    const segment = path.split("/")[1] ?? "";
    const url = path.replace(":id", ids[segment] ?? "no-such-id").replace(/:\w+/g, "1");
    const { status } = await t.as("viewer", url, { method: "POST", body: wrong });
    const everyRole = EVERY_ROLE.some((pattern) => pattern.test(path));
    if (status >= 500 || (!everyRole && status === 422)) answers.push(`${status} ${path}`);
  }
  expect(answers).toEqual([]);
});
