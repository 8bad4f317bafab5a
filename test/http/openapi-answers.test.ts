/**
 * The OpenAPI document declares what the API really answers: every status a request gets is
 * among its operation's `responses`, and every JSON body agrees with the schema declared for
 * that status. The operations are walked from the document; the record kinds are created,
 * read, edited with a stale and without a version, and asked for ids that do not exist.
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

/** A value of each path parameter that names nothing. */
function missing(path: string, op: Operation): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const schema = op.parameters.find((p) => p.in === "path" && p.name === name)?.schema ?? {};
    if (Array.isArray(schema.enum)) return String(schema.enum[0]);
    if (schema.type === "integer" || schema.type === "number") return "4194000";
    if (path.startsWith("/api/v1/windows") || name === "window") return "0x00400007";
    return "none";
  });
}

/** One record kind: where, how one is created, a field an edit changes, a status move. */
interface Kind {
  path: string;
  create: () => Promise<{ id: string; version: number }>;
  edit: Record<string, unknown>;
  move?: Record<string, unknown>;
}

type Fields = Record<string, unknown>;

/** A kind created by POSTing `body` (or what it answers, read inside a test) to its collection. */
function kind(path: string, body: Fields | (() => Fields), edit: Fields, move?: Fields): Kind {
  const create = () =>
    createdAs(t, "admin", `/api/v1/${path}`, typeof body === "function" ? body() : body) as Promise<{
      id: string;
      version: number;
    }>;
  return { path, create, edit, ...(move ? { move } : {}) };
}

const titled = { title: "Edited" };
const named = { name: "Edited" };
const riskBody = () => ({
  title: "Answers",
  owner: t.users.manager.id,
  category: "technical",
  inherentLikelihood: 2,
  inherentImpact: 3,
  techniques: ["T1059"],
});

const KINDS: Kind[] = [
  kind("incidents", { title: "Answers", severity: "low" }, titled, { status: "triage" }),
  kind("cmdb/assets", { name: "answers-01", assetType: "server" }, { name: "answers-02" }),
  kind("vulnerabilities", { title: "Answers", severity: "low" }, titled, { status: "in_progress" }),
  kind("documents", { title: "Answers", category: "policy" }, titled, { status: "in_review" }),
  kind("risks", riskBody, titled, { status: "assessed" }),
  kind("threats", { name: "Answers", category: "other" }, named),
  kind("vendors", { name: "Answers", tier: "low", dataAccess: "none" }, named, { status: "active" }),
  kind("soc/alerts", { title: "Answers", severity: "medium", techniques: ["T1059"] }, titled, {
    status: "acknowledged",
  }),
  kind("soc/cases", { title: "Answers" }, titled, { status: "closed" }),
  {
    path: "soc/rules",
    create: async () => (await postRule(t, "admin", "Answers", metric("load1", ">", 1000))).json(),
    edit: named,
  },
];

describe("the OpenAPI document declares every answer", () => {
  test("every operation with a path parameter, asked for one that names nothing: its answer is declared", async () => {
    const problems: string[] = [];
    const statuses = new Set<number>();
    for (const [path, ops] of Object.entries(doc.paths).filter(([path]) => path.includes("{"))) {
      for (const [method, op] of Object.entries(ops)) {
        const answer = await call(
          "admin",
          method.toUpperCase(),
          path,
          missing(path, op),
          op.requestBody ? {} : undefined,
        );
        statuses.add(answer.status);
        if (answer.status >= 500) problems.push(`${method} ${path} → ${answer.status}`);
        problems.push(...answer.problems);
      }
    }
    expect(problems).toEqual([]);
    // The walk reaches the lookups (404), not only the validation in front of them.
    expect(statuses.has(404)).toBe(true);
  }, 30_000);

  test("every operation with a path parameter declares 404 (problem+json)", () => {
    const lacking = Object.entries(doc.paths)
      .filter(([path]) => path.includes("{"))
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => !op.responses["404"]?.content?.["application/problem+json"])
          .map(([method]) => `${method} ${path}`),
      );
    expect(lacking).toEqual([]);
  });

  for (const kind of KINDS) {
    test(`${kind.path}: list, one, missing id, stale and versionless writes answer as declared`, async () => {
      const base = `/api/v1/${kind.path}`;
      const one = `${base}/{id}`;
      const record = await kind.create();
      const answers = [
        await call("admin", "GET", base, base),
        await call("admin", "GET", one, `${base}/${record.id}`),
        await call("admin", "GET", one, `${base}/none`),
        await call("admin", "PATCH", one, `${base}/none`, { ...kind.edit, version: 1 }),
        await call("admin", "DELETE", one, `${base}/none`),
      ];
      const stale = await call("admin", "PATCH", one, `${base}/${record.id}`, {
        ...kind.edit,
        version: record.version + 5,
      });
      const versionless = await call("admin", "PATCH", one, `${base}/${record.id}`, kind.edit);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 404, 404, 404]);
      expect([stale.status, versionless.status]).toEqual([409, 428]);
      const problems = [...answers, stale, versionless].flatMap((a) => a.problems);
      if (kind.move) {
        const moves = `${one}/status`;
        const url = `${base}/${record.id}/status`;
        const staleMove = await call("admin", "POST", moves, url, {
          ...kind.move,
          version: record.version + 5,
        });
        const unversionedMove = await call("admin", "POST", moves, url, kind.move);
        const missingMove = await call("admin", "POST", moves, `${base}/none/status`, {
          ...kind.move,
          version: 1,
        });
        expect(staleMove.status).toBe(409);
        expect(missingMove.status).toBe(404);
        // 428 is declared exactly where a move without a version is refused.
        const declares428 = "428" in (doc.paths[moves]?.post?.responses ?? {});
        expect(unversionedMove.status === 428).toBe(declares428);
        problems.push(...staleMove.problems, ...unversionedMove.problems, ...missingMove.problems);
      }
      const removed = await call("admin", "DELETE", one, `${base}/${record.id}`);
      expect(removed.status).toBe(204);
      problems.push(...removed.problems);
      if (doc.paths[`${one}/restore`]) {
        const restore = `${one}/restore`;
        const url = `${base}/${record.id}/restore`;
        const answers = [
          await call("admin", "POST", restore, url),
          await call("admin", "POST", restore, url),
        ];
        expect(answers.map((a) => a.status)).toEqual([200, 409]);
        problems.push(...answers.flatMap((a) => a.problems));
      }
      expect(problems).toEqual([]);
    });
  }

  test("escalating a stale or versionless alert and case answers as declared", async () => {
    const problems: string[] = [];
    for (const path of ["soc/alerts", "soc/cases"]) {
      const record = (await KINDS.find((k) => k.path === path)?.create()) as { id: string; version: number };
      const template = `/api/v1/${path}/{id}/escalate`;
      const url = `/api/v1/${path}/${record.id}/escalate`;
      const stale = await call("analyst", "POST", template, url, { version: record.version + 5 });
      expect(stale.status).toBe(409);
      problems.push(...stale.problems, ...(await call("analyst", "POST", template, url, {})).problems);
    }
    expect(problems).toEqual([]);
  });
});

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
    await KINDS.find((k) => k.path === "risks")?.create();
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
