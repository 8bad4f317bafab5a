import { beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { useTestApp } from "../helpers/app.ts";

/**
 * The app's surface, pinned: every API operation (method, path, operation id, tag, permission and
 * the roles holding it) and every mounted route. A refactor that means to change nothing proves it
 * here; a change that means to alter the surface rewrites the fixtures with `UPDATE_FIXTURES=1`
 * (then `bunx biome format --write test/fixtures`).
 */
const FIXTURES = join(import.meta.dir, "../fixtures");
const OPERATIONS = join(FIXTURES, "openapi-operations.json");
const ROUTES = join(FIXTURES, "routes.json");
const DOCUMENT_HASH = join(FIXTURES, "openapi-document.sha256");
const UPDATE = process.env.UPDATE_FIXTURES === "1";

interface Operation {
  operationId: string;
  tags: string[];
  description?: string;
  "x-permission": string | { action: string; resource: string };
}

let doc: { tags: { name: string }[]; paths: Record<string, Record<string, Operation>> };
const t = useTestApp();
beforeAll(async () => {
  doc = await (await t.as(null, "/api/v1/openapi.json")).json();
});

/** One line per operation, in document order: `GET /api/v1/x getX Tag read:x (admin, viewer)`. */
function operationLines(): string[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const permission = op["x-permission"];
      const access =
        typeof permission === "string" ? permission : `${permission.action}:${permission.resource}`;
      const roles =
        typeof permission === "string" ? "" : ` ${/\(([^)]*)\)/.exec(op.description ?? "")?.[0] ?? "()"}`;
      return `${method.toUpperCase()} ${path} ${op.operationId} ${op.tags.join(",")} ${access}${roles}`;
    }),
  );
}

/** Every mounted route but middleware, as `METHOD path`, in mount order. */
function mountedRoutes(): string[] {
  return t.app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
}

async function expectFixture(file: string, actual: unknown): Promise<void> {
  if (UPDATE) await Bun.write(file, `${JSON.stringify(actual, null, 2)}\n`);
  expect(actual).toEqual(await Bun.file(file).json());
}

describe("the app's surface is stable", () => {
  test("the OpenAPI document's tags and operations (paths, ids, permissions, roles) match the fixture", async () => {
    await expectFixture(OPERATIONS, { tags: doc.tags.map((tag) => tag.name), operations: operationLines() });
  });

  test("the whole OpenAPI document, byte for byte (schemas, texts, key order), has the fixture's SHA-256", async () => {
    const text = await (await t.as(null, "/api/v1/openapi.json")).text();
    const hash = new Bun.CryptoHasher("sha256").update(text).digest("hex");
    if (UPDATE) await Bun.write(DOCUMENT_HASH, `${hash}\n`);
    // A change here that the operations fixture does not show is in a schema or a text: compare
    // the document with the previous commit's to see it.
    expect(hash).toBe((await Bun.file(DOCUMENT_HASH).text()).trim());
  });

  test("the mounted routes (API and pages) match the fixture", async () => {
    await expectFixture(ROUTES, [...new Set(mountedRoutes())].sort());
  });

  test("no route is shadowed by a parameterised one mounted before it (/soc/cases before /soc/:id)", () => {
    const routes = t.app.routes.filter((r) => r.method !== "ALL");
    const pattern = (path: string) => new RegExp(`^${path.replace(/:\w+(\{[^}]*\})?/g, "[^/]+")}$`);
    const shadowed = routes.flatMap((route, i) =>
      route.path.includes(":") || route.path.includes("*")
        ? []
        : routes
            .slice(0, i)
            .filter((earlier) => earlier.method === route.method && earlier.path.includes(":"))
            .filter((earlier) => pattern(earlier.path).test(route.path))
            .map((earlier) => `${route.method} ${route.path} behind ${earlier.path}`),
    );
    expect(shadowed).toEqual([]);
  });
});
