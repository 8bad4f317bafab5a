import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Glob } from "bun";
import { flatten } from "../../src/config/flatten.ts";
import { loadCatalogs, parseAcceptLanguage } from "../../src/lib/i18n.ts";
import { NAVIGATION } from "../../src/modules/index.ts";

const root = join(import.meta.dir, "../..");
const english = new Set(flatten(JSON.parse(readFileSync(join(root, "locales/en.json"), "utf8"))).keys());

describe("message catalog", () => {
  test("every literal key used by views and sources exists in English", () => {
    const used = new Set<string>();
    for (const file of new Glob("{src,views}/**/*.{ts,tsx}").scanSync(root)) {
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z][\w.]*)"/g)) used.add(m[1] as string);
    }
    for (const group of NAVIGATION) {
      used.add(group.label);
      for (const item of group.items) used.add(item.label);
    }
    for (const theme of ["system", "light", "dark"]) used.add(`shell.theme.${theme}`);
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !english.has(k))).toEqual([]);
  });

  test("every shipped locale has only keys English has", () => {
    const catalogs = loadCatalogs();
    for (const locale of catalogs.locales) {
      const keys = flatten(JSON.parse(readFileSync(join(root, `locales/${locale}.json`), "utf8"))).keys();
      expect([...keys].filter((k) => !english.has(k))).toEqual([]);
    }
  });

  test("a new locale is a new file: no code change, falls back to English per key", () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-locales-"));
    writeFileSync(join(dir, "en.json"), readFileSync(join(root, "locales/en.json")));
    writeFileSync(join(dir, "de.json"), JSON.stringify({ nav: { dashboard: "Übersicht" } }));
    const catalogs = loadCatalogs(dir);
    expect(catalogs.locales.sort()).toEqual(["de", "en"]);
    const de = catalogs.translator("de");
    expect(de("nav.dashboard")).toBe("Übersicht");
    expect(de("nav.processes")).toBe("Processes");
    expect(catalogs.negotiate(null, "de-AT,de;q=0.9,en;q=0.5")).toBe("de");
    expect(catalogs.negotiate("en", "de")).toBe("en");
    expect(catalogs.negotiate(null, "fr-FR,fr;q=0.9")).toBe("en");
  });

  test("placeholders are substituted; unknown keys show the key", () => {
    const t = loadCatalogs().translator("en");
    expect(t("dashboard.subtitle", { host: "db-01" })).toBe("Warden on db-01");
    expect(t("no.such.key")).toBe("no.such.key");
    expect(t.has("no.such.key")).toBe(false);
  });

  test("Accept-Language is ordered by quality and ignores * and q=0", () => {
    expect(parseAcceptLanguage("fr;q=0.2, de-CH, en;q=0.8, *;q=0.1, es;q=0")).toEqual(["de-CH", "en", "fr"]);
  });
});
