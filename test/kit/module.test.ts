import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { navigationOf, permissionsOf } from "../../src/kit/module.ts";
import { ACTIONS, RESOURCES } from "../../src/kit/rbac.ts";
import { MODULES, NAVIGATION, PERMISSIONS } from "../../src/modules/index.ts";
import { TOPICS } from "../../src/realtime/bus.ts";

const everyResource = Object.fromEntries(RESOURCES.map((resource) => [resource, {}]));

describe("module declarations", () => {
  test("module names are unique", () => {
    const names = MODULES.map((module) => module.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test("every bus topic is declared by exactly one module", () => {
    const declared = MODULES.flatMap((module) => module.topics ?? []);
    expect([...declared].sort()).toEqual([...TOPICS].sort());
  });

  test("no page path is served by two page routers", () => {
    const paths = MODULES.flatMap((module) => (module.pages ?? []).flatMap((page) => page.paths));
    expect(new Set(paths).size).toBe(paths.length);
  });

  test("admins hold every action on every resource; other roles only what a module grants", () => {
    for (const resource of RESOURCES) expect(PERMISSIONS.admin[resource]).toEqual(ACTIONS);
    expect(PERMISSIONS.viewer.users).toBeUndefined();
    expect(PERMISSIONS.manager.documents).toContain("approve");
    expect(PERMISSIONS.analyst.documents).not.toContain("approve");
  });

  test("the navigation keeps the group order and each group's entries by their order", () => {
    expect(NAVIGATION.map((group) => group.label)).toEqual([
      "nav.group.monitor",
      "nav.group.respond",
      "nav.group.manage",
      "nav.group.govern",
      "nav.group.admin",
    ]);
    expect(NAVIGATION[3]?.items.map((item) => item.href)).toEqual(["/risks", "/threats", "/vendors"]);
    expect(NAVIGATION[1]?.items.map((item) => item.href)).toEqual([
      "/soc",
      "/soc/rules",
      "/soc/cases",
      "/incidents",
      "/notifications",
    ]);
  });
  test("no declaration imports its routers' files: they load on the module's first request", () => {
    const transpiler = new Bun.Transpiler({ loader: "ts" });
    const eager = [...new Bun.Glob("src/modules/*/module.ts").scanSync()].flatMap((file) =>
      transpiler
        .scanImports(readFileSync(file, "utf8"))
        .filter((i) => i.kind === "import-statement" && /(api|pages|health)\.tsx?$/.test(i.path))
        .map((i) => `${file}: ${i.path}`),
    );
    expect(eager).toEqual([]);
  });
});

describe("permissionsOf", () => {
  test("a resource declared by two modules is refused", () => {
    expect(() =>
      permissionsOf([
        { name: "a", permissions: everyResource },
        { name: "b", permissions: { incidents: { viewer: ["read"] } } },
      ]),
    ).toThrow('Resource "incidents" is declared by both a and b.');
  });

  test("a resource no module declares is refused", () => {
    const { audit: _, ...rest } = everyResource;
    expect(() => permissionsOf([{ name: "a", permissions: rest }])).toThrow(
      "No module declares the resource(s) audit.",
    );
  });

  test("grants go to the roles listed, nothing to the others", () => {
    const table = permissionsOf([
      { name: "a", permissions: { ...everyResource, rules: { manager: ["read"] } } },
    ]);
    expect(table.manager.rules).toEqual(["read"]);
    expect(table.viewer.rules).toBeUndefined();
  });
});

describe("navigationOf", () => {
  test("groups without entries are left out, entries are sorted by order", () => {
    const nav = navigationOf([
      {
        name: "a",
        nav: [
          { group: "admin", order: 20, href: "/b", label: "b", icon: "bug" },
          { group: "admin", order: 10, href: "/a", label: "a", icon: "bug" },
        ],
      },
    ]);
    expect(nav).toEqual([
      {
        label: "nav.group.admin",
        items: [
          { href: "/a", label: "a", icon: "bug" },
          { href: "/b", label: "b", icon: "bug" },
        ],
      },
    ]);
  });
});
