/**
 * The OpenAPI document declares what the API really answers: every status a request gets is
 * among its operation's `responses`, and every JSON body agrees with the schema declared for
 * that status.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { type JsonSchema, schemaProblems } from "../helpers/json-schema-check.ts";
import { closedPort, LOOPBACK_ALLOWED } from "../helpers/receivers.ts";
import { metric, postRule } from "../helpers/rules.ts";

interface Operation {
  parameters: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

let doc: Document;
const t = useTestApp({ ...LOOPBACK_ALLOWED, rateLimit: { enabled: false } });
beforeAll(async () => {
  doc = (await (await t.as(null, "/api/v1/openapi.json")).json()) as Document;
  // Records name techniques of the shipped ATT&CK catalog.
  await ensureAttackCatalog({ db: t.database.db, bus: t.bus });
});

/**
 * Sends `method url` (`template` is its path in the document) as `role` and answers the status,
 * the body and where the answer disagrees with the document: a status the operation does not
 * declare, or a JSON body its declared schema does not describe.
 */
async function call(role: Role, method: string, template: string, url: string, body?: unknown) {
  const init = body === undefined ? { method } : jsonInit(body, method);
  const res = await t.as(role, url, init);
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  const op = doc.paths[template]?.[method.toLowerCase()];
  const where = `${method} ${url} → ${res.status}`;
  if (!op) return { status: res.status, json, problems: [`${where}: no operation ${template}`] };
  const declared = op.responses[String(res.status)];
  if (!declared)
    return {
      status: res.status,
      json,
      problems: [`${where}: not declared (${Object.keys(op.responses).join(",")})`],
    };
  const type = res.headers.get("Content-Type")?.split(";")[0] ?? "";
  const schema = declared.content?.[type]?.schema;
  if (json === null || !type.includes("json")) return { status: res.status, json, problems: [] };
  if (!schema) return { status: res.status, json, problems: [`${where}: ${type} body, no schema declared`] };
  return {
    status: res.status,
    json,
    problems: schemaProblems(doc, schema, json).map((p) => `${where}: ${p}`),
  };
}

describe("answers agree with their schemas", () => {
  test("rules (with their hosts), as listed and one by one", async () => {
    const rule = (await (
      await postRule(t, "admin", "Scoped", metric("load1", ">", 999), { hosts: "all" })
    ).json()) as {
      id: string;
      hosts: unknown;
    };
    expect(rule.hosts).toBe("all");
    const answers = [
      await call("viewer", "GET", "/api/v1/soc/rules", "/api/v1/soc/rules"),
      await call("viewer", "GET", "/api/v1/soc/rules/{id}", `/api/v1/soc/rules/${rule.id}`),
      await call("admin", "PATCH", "/api/v1/soc/rules/{id}", `/api/v1/soc/rules/${rule.id}`, {
        name: "Scoped again",
        version: 1,
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.flatMap((a) => a.problems)).toEqual([]);
  });

  test("a webhook's deliveries with their attempts (deliveryId)", async () => {
    const hook = (await createdAs(t, "admin", "/api/v1/integrations/webhooks", {
      name: "Nowhere",
      url: `http://127.0.0.1:${closedPort()}/hook`,
      secret: "whsec-test-0123456789abcdef",
      events: ["incident.created"],
    })) as { id: string };
    const base = "/api/v1/integrations/webhooks";
    const tested = await call("admin", "POST", `${base}/{id}/test`, `${base}/${hook.id}/test`);
    const log = await call("admin", "GET", `${base}/{id}/deliveries`, `${base}/${hook.id}/deliveries`);
    expect(log.json.items[0].attemptLog[0].deliveryId).toBe(log.json.items[0].id);
    const answers = [
      tested,
      log,
      await call("admin", "GET", base, base),
      await call("admin", "GET", `${base}/{id}`, `${base}/${hook.id}`),
    ];
    expect(answers.flatMap((a) => a.problems)).toEqual([]);
  });

  test("a technique with the records naming it (risks and vulnerabilities too)", async () => {
    const vulnerability = (await createdAs(t, "analyst", "/api/v1/vulnerabilities", {
      title: "Names a technique",
      severity: "low",
    })) as { id: string; version: number };
    await t.as(
      "analyst",
      `/api/v1/vulnerabilities/${vulnerability.id}/techniques`,
      jsonInit({ techniques: ["T1059"] }, "PUT"),
    );
    await createdAs(t, "admin", "/api/v1/risks", {
      title: "Names a technique too",
      owner: t.users.manager.id,
      category: "technical",
      inherentLikelihood: 2,
      inherentImpact: 3,
      techniques: ["T1059"],
    });
    const answer = await call(
      "viewer",
      "GET",
      "/api/v1/threats/techniques/{id}",
      "/api/v1/threats/techniques/T1059",
    );
    expect(answer.status).toBe(200);
    expect(answer.json.namedBy.risks.length).toBeGreaterThan(0);
    expect(answer.json.namedBy.vulnerabilities.length).toBeGreaterThan(0);
    expect(answer.problems).toEqual([]);
  });
});
