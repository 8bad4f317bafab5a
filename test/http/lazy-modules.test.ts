import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createTestApp, type TestApp } from "../helpers/app.ts";

/**
 * The binary mounts the modules' routes from a route manifest and builds each module's routers
 * on its first request (src/kit/module-routers.ts). An app built that way must be the app built
 * from the sources: the same routes in the same order, the same answers, the same document.
 */
let eager: TestApp;
let lazy: TestApp;
beforeAll(async () => {
  eager = await createTestApp();
  lazy = await createTestApp({}, { routeManifest: eager.routeManifest });
});
afterAll(async () => {
  await lazy.close();
  await eager.close();
});

const routesOf = (t: TestApp) => t.app.routes.map((route) => `${route.method} ${route.path}`);

describe("modules built on their first request", () => {
  test("every route is mounted at start, in the order the routers mount them", () => {
    expect(routesOf(lazy)).toEqual(routesOf(eager));
    expect(lazy.routeManifest).toBe(eager.routeManifest);
  });

  test("routes answer as the routers do: sign-in, permission before the body, pages", async () => {
    expect((await lazy.as(null, "/api/v1/incidents")).status).toBe(401);
    const denied = await lazy.as("viewer", "/api/v1/incidents", { method: "POST", body: "{not json" });
    expect(denied.status).toBe(403);
    const list = await lazy.as("viewer", "/api/v1/incidents");
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual(await (await eager.as("viewer", "/api/v1/incidents")).json());
    expect((await lazy.as("viewer", "/incidents")).status).toBe(200);
    expect((await lazy.as("viewer", "/soc/rules")).status).toBe(200);
    expect((await lazy.as("viewer", "/users")).status).toBe(403);
  });

  test("the OpenAPI document is the one built from the sources", async () => {
    const document = async (t: TestApp) => (await t.as(null, "/api/v1/openapi.json")).text();
    expect(await document(lazy)).toBe(await document(eager));
    expect(lazy.apiRoutes()).toHaveLength(eager.apiRoutes().length);
  });

  test("a manifest that is not the routers' routes fails the module's first request", async () => {
    const manifest = structuredClone(eager.routeManifest);
    manifest.audit?.api.reverse().push(["/api/v1/audit", "GET", "/gone"]);
    const stale = await createTestApp({}, { routeManifest: manifest });
    try {
      expect((await stale.as("admin", "/api/v1/audit")).status).toBe(500);
      expect((await stale.as("admin", "/api/v1/incidents")).status).toBe(200);
    } finally {
      await stale.close();
    }
  });
});
