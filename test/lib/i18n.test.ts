import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Glob } from "bun";
import { z } from "zod";
import { flatten } from "../../src/config/flatten.ts";
import { FIELD_MESSAGES, loadCatalogs, parseAcceptLanguage, templatePattern } from "../../src/lib/i18n.ts";
import { NAVIGATION } from "../../src/modules/index.ts";
import { writtenMessages } from "../helpers/english-messages.ts";

const root = join(import.meta.dir, "../..");
const englishMessages = flatten(JSON.parse(readFileSync(join(root, "locales/en.json"), "utf8")));
const english = new Set(englishMessages.keys());
const sources = new Map(
  [...new Glob("{src,views}/**/*.{ts,tsx}").scanSync(root)].map((file) => [
    file,
    readFileSync(join(root, file), "utf8"),
  ]),
);

describe("message catalog", () => {
  test("every literal key used by views and sources exists in English", () => {
    const used = new Set<string>();
    for (const text of sources.values()) {
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

  test("every English key is used by some code", () => {
    const literals = new Set<string>();
    const patterns: RegExp[] = [];
    for (const text of sources.values()) {
      // Keys named anywhere as a string: t("…"), titleKey: "…", label: "nav.…", none: "…".
      for (const m of text.matchAll(/["'`]([\w.-]+)["'`]/g)) literals.add(m[1] as string);
      // Keys built in a template literal, e.g. `${many}.title` or `assets.relations.${kind}Help`:
      // each `${…}` stands for one key segment or part of one (possibly empty).
      for (const m of text.matchAll(/`([\w.-]*\$\{[^`]*)`/g)) {
        const parts = (m[1] as string).split(/\$\{[^}]*\}/);
        // Templates of placeholders only (`${group}.${value}`) would match any key: skipped.
        if (parts.every((p) => /^[\w.-]*$/.test(p)) && /[a-z]/i.test(parts.join(""))) {
          patterns.push(new RegExp(`^${parts.map((p) => p.replaceAll(".", "\\.")).join("[\\w-]*")}$`));
        }
      }
      // columnsOf(view, "prefix", ["a", "b"]) labels its columns `prefix.a`, `prefix.b`.
      for (const m of text.matchAll(/columnsOf\(\s*\w+,\s*"([\w.]+)",\s*\[([^\]]*)\]/g)) {
        for (const name of (m[2] as string).matchAll(/"(\w+)"/g)) literals.add(`${m[1]}.${name[1]}`);
      }
    }
    // Keys built from a prefix and a value only known at run time, listed here by hand:
    // `errors.<problem code>.title|detail` (views/pages/error.tsx: error pages by problem code).
    // `validation.zod.*`: zod's own English messages (checks without a message of ours), tested below.
    // `terms.*`: words a field message carries as values (a record noun, an address kind), by their English word.
    const dynamicPrefixes = ["errors.", "validation.zod.", "terms."];
    // `validation.*` messages are found by their English text (Translate.fieldMessage): some
    // source must write that text, `{name}` placeholders standing for anything.
    const allSources = [...sources.values()].join("\n");
    const written = (k: string) =>
      k.startsWith(FIELD_MESSAGES) &&
      new RegExp(templatePattern(String(englishMessages.get(k))).source.slice(1, -1)).test(allSources);
    // A plural form (`incidents.count.one`, Translate.plural) is used where its entry's key is.
    const named = (k: string) => literals.has(k) || patterns.some((p) => p.test(k));
    const pluralOf = (k: string) => /^(.+)\.(?:zero|one|two|few|many|other)$/.exec(k)?.[1];
    const unused = [...english].filter(
      (k) =>
        !named(k) &&
        !named(pluralOf(k) ?? "") &&
        !dynamicPrefixes.some((p) => k.startsWith(p)) &&
        !written(k),
    );
    expect(unused).toEqual([]);
    // ~300 field messages, each looked for in every source file: seconds on a loaded machine.
  }, 30_000);

  test("field messages written in English are shown in the viewer's language", () => {
    const de = loadCatalogs().translator("de");
    expect(de.fieldMessage("Use at least 12 characters.")).toBe("Verwenden Sie mindestens 12 Zeichen.");
    expect(de.fieldMessage("Enter a name.")).toBe("Geben Sie einen Namen ein.");
    expect(de.fieldMessage("Something no catalog has.")).toBe("Something no catalog has.");
    expect(loadCatalogs().translator("en").fieldMessage("Use at most 40 characters.")).toBe(
      "Use at most 40 characters.",
    );
  });

  test("every message the sources write in English has its catalog entry (shown translated in pages)", () => {
    const catalog = [...englishMessages]
      .filter(([k]) => k.startsWith(FIELD_MESSAGES))
      .map(([, v]) => templatePattern(String(v)));
    const written = writtenMessages(root);
    expect(written.length).toBeGreaterThan(200);
    // A `${…}` of the source stands for any text: it must fill a placeholder (or a literal) of the entry.
    const missing = written.filter((w) => !catalog.some((p) => p.test(w.text.replaceAll("{}", "\u0001"))));
    expect(missing.map((w) => `${w.file}: ${w.written}`)).toEqual([]);
  });

  test("the most specific message wins; error details are translated like field messages", () => {
    const de = loadCatalogs().translator("de");
    expect(de.fieldMessage("No such user.")).toBe("Diesen Benutzer gibt es nicht.");
    expect(de.fieldMessage("No webhook wh_1.")).toBe("Kein Webhook wh_1.");
    expect(de.fieldMessage("This is the last active admin. Make another user admin first.")).toBe(
      "Dies ist der letzte aktive Administrator. Machen Sie zuerst einen anderen Benutzer zum Administrator.",
    );
    // Workflow states and severities inside a message read as their labels, lists with the locale's "or".
    expect(de.fieldMessage("An incident in new can move to triage, not to closed.")).toBe(
      "Ein Vorfall im Status Neu kann nach Triage wechseln, nicht nach Geschlossen.",
    );
    expect(
      de.fieldMessage("A vulnerability that is open can move to in_progress or false_positive, not to open."),
    ).toBe(
      "Eine Schwachstelle im Status Offen kann nach In Bearbeitung oder Fehlalarm wechseln, nicht nach Offen.",
    );
    expect(de.fieldMessage("No incident inc_1.")).toBe("Kein Datensatz Vorfall inc_1.");
    expect(
      de.fieldMessage(
        "address 169.254.169.254 is not in webhooks.allowedTargets; it is a link-local address.",
      ),
    ).toBe(
      "Die Adresse 169.254.169.254 ist nicht in webhooks.allowedTargets; es ist eine Adresse der Art Link-Local.",
    );
    // A title is shown as written, even when it is one of those words.
    expect(
      de.fieldMessage(
        "The alert “risk” was changed by someone else meanwhile. Reload it and escalate again.",
      ),
    ).toContain("„risk“");
    const en = loadCatalogs().translator("en");
    expect(en.fieldMessage("A case that is open can move to investigating or closed, not to open.")).toBe(
      "A case that is open can move to investigating or closed, not to open.",
    );
  });

  test("zod's own English messages (checks without a message of ours) are shown in German too", () => {
    const de = loadCatalogs().translator("de");
    const samples: [z.ZodType, unknown][] = [
      [z.number().int().max(3650), 9999],
      [z.number().lt(10), 10],
      [z.string().max(3), "abcdef"],
      [z.array(z.string()).max(1), ["a", "b"]],
      [z.number().min(1), 0],
      [z.number().positive(), 0],
      [z.string().min(2), "a"],
      [z.array(z.string()).min(1), []],
      [z.enum(["a", "b"]), "c"],
      [z.coerce.number(), "x"],
      [z.number().int(), 1.5],
      [z.string(), undefined],
      [z.boolean(), "yes"],
      [z.union([z.string(), z.number()]), true],
      [z.email(), "x"],
      [z.url(), "x"],
      [z.string().regex(/^a$/), "b"],
      [z.iso.datetime(), "x"],
      [z.iso.date(), "x"],
    ];
    const untranslated = samples
      .map(([schema, value]) => schema.safeParse(value).error?.issues[0]?.message ?? "(valid)")
      .filter((message) => de.fieldMessage(message) === message);
    expect(untranslated).toEqual([]);
  });

  test("every shipped locale has exactly the keys English has, with the same placeholders", () => {
    const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const base = flatten(JSON.parse(readFileSync(join(root, "locales/en.json"), "utf8")));
    const catalogs = loadCatalogs();
    expect(catalogs.locales).toContain("de");
    for (const locale of catalogs.locales) {
      const messages = flatten(JSON.parse(readFileSync(join(root, `locales/${locale}.json`), "utf8")));
      expect({ locale, extra: [...messages.keys()].filter((k) => !english.has(k)) }).toEqual({
        locale,
        extra: [],
      });
      expect({ locale, missing: [...english].filter((k) => !messages.has(k)) }).toEqual({
        locale,
        missing: [],
      });
      const mismatched = [...messages].filter(
        ([k, v]) => placeholders(String(v)).join() !== placeholders(String(base.get(k))).join(),
      );
      expect({ locale, mismatched: mismatched.map(([k]) => k) }).toEqual({ locale, mismatched: [] });
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

  test("counts take the locale's plural form: list heads say 1 alert, 3 alerts", () => {
    const catalogs = loadCatalogs();
    const en = catalogs.translator("en");
    const de = catalogs.translator("de");
    expect(en.plural("alerts.count", 1, { total: "1" })).toBe("1 alert");
    expect(en.plural("alerts.count", 3, { total: "3" })).toBe("3 alerts");
    expect(en.plural("alerts.count", 0, { total: "0" })).toBe("0 alerts");
    expect(en.plural("windows.count", 1, { count: "1", display: ":0" })).toBe("1 window on display :0");
    expect(de.plural("cases.count", 1, { total: "1" })).toBe("1 Fall");
    expect(de.plural("cases.count", 2, { total: "2" })).toBe("2 Fälle");
    // Every entry read with plural() has the `other` form each locale falls back to.
    const pluralKeys = [...sources.values()].flatMap((text) =>
      [...text.matchAll(/\bplural\(\s*"([\w.]+)"/g)].map((m) => m[1] as string),
    );
    expect(pluralKeys.length).toBeGreaterThan(4);
    expect(pluralKeys.filter((k) => !english.has(`${k}.one`) || !english.has(`${k}.other`))).toEqual([]);
  });

  test("Accept-Language is ordered by quality and ignores * and q=0", () => {
    expect(parseAcceptLanguage("fr;q=0.2, de-CH, en;q=0.8, *;q=0.1, es;q=0")).toEqual(["de-CH", "en", "fr"]);
  });
});
