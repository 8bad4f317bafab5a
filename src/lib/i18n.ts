import { readdirSync, readFileSync } from "node:fs";
import { flatten, isTree } from "../config/flatten.ts";
import { bundled } from "./paths.ts";

/** Named values substituted into `{name}` placeholders of a message. */
export type MessageParams = Record<string, string | number>;

/** Looks up a message by key in one locale, falling back to English, then to the key itself. */
export interface Translate {
  (key: string, params?: MessageParams): string;
  /** True when some catalog (this locale's or English) has the key. */
  has(key: string): boolean;
  /**
   * A message about `count` things ("1 alert", "3 alerts"): the entry `key` holds one form per
   * plural category of the locale (`one`, `other` … as `Intl.PluralRules` names them), and
   * the form for `count` is used (`other` when the catalog lacks it). `params` fill it as in
   * the plain call; they carry the count itself, formatted.
   */
  plural(key: string, count: number, params?: MessageParams): string;
  /**
   * A message a service wrote in English (a zod or service field message, an error's detail;
   * the API answers with them as they are), in this locale when it is one of the catalog's
   * `validation.*` messages (placeholders matched and carried over); otherwise unchanged.
   */
  fieldMessage(english: string): string;
}

/**
 * Catalog namespace of the messages {@link Translate.fieldMessage} recognises by their English
 * text: every field message and error detail the sources write in English has its entry here.
 */
export const FIELD_MESSAGES = "validation.";

/** The message catalogs of every shipped locale. */
export type Catalogs = ReturnType<typeof loadCatalogs>;

/** The locale every other falls back to; its catalog is complete by rule (a test checks). */
export const BASE_LOCALE = "en";

/**
 * Loads every `locales/<code>.json` shipped with Warden. Adding a locale is adding a
 * file: no code names the locales.
 */
export function loadCatalogs(dir = bundled("locales"), defaultLocale = BASE_LOCALE) {
  const maps = new Map<string, Map<string, string>>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const tree: unknown = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
    if (!isTree(tree)) throw new Error(`locales/${file} must hold a JSON object`);
    maps.set(file.slice(0, -5), new Map([...flatten(tree)].map(([k, v]) => [k, String(v)])));
  }
  const base = maps.get(BASE_LOCALE);
  if (!base) throw new Error(`locales/${BASE_LOCALE}.json is missing`);
  // The most specific template first: "No such user." before "No {noun} {id}.".
  const fieldPatterns = [...base]
    .filter(([key]) => key.startsWith(FIELD_MESSAGES))
    .map(([key, english]) => ({ key, pattern: templatePattern(english), ...specificity(english) }))
    .sort((a, b) => a.placeholders - b.placeholders || b.literal - a.literal);
  const terms = termKeys(base);
  const cache = new Map<string, Translate>();
  /** Returns the translate function of a locale (English when unknown). */
  const translator = (locale: string): Translate =>
    cache.getOrInsertComputed(locale, () => {
      const messages = maps.get(locale) ?? base;
      const t = ((key: string, params?: MessageParams) => {
        const template = messages.get(key) ?? base.get(key) ?? key;
        return params
          ? template.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m))
          : template;
      }) as Translate;
      t.has = (key) => messages.has(key) || base.has(key);
      const rules = new Intl.PluralRules(locale);
      t.plural = (key, count, params) => {
        const form = `${key}.${rules.select(count)}`;
        return t(t.has(form) ? form : `${key}.other`, params);
      };
      const termOf = locale === BASE_LOCALE ? (value: string) => value : termsIn(messages, terms);
      t.fieldMessage = (english) => {
        for (const { key, pattern } of fieldPatterns) {
          const match = pattern.exec(english);
          if (match) return t(key, mapValues(match.groups ?? {}, termOf));
        }
        return english;
      };
      return t;
    });
  /** Locale codes available, e.g. `["en", "de"]`. */
  const locales = [...maps.keys()];
  /** Best available locale for a user preference and an `Accept-Language` header. */
  const negotiate = (preferred: string | null | undefined, acceptLanguage: string | null | undefined) => {
    for (const candidate of [preferred, ...parseAcceptLanguage(acceptLanguage ?? "")]) {
      if (!candidate) continue;
      const lower = candidate.toLowerCase();
      const match =
        locales.find((l) => l.toLowerCase() === lower) ?? locales.find((l) => l === lower.split("-")[0]);
      if (match) return match;
    }
    return maps.has(defaultLocale) ? defaultLocale : BASE_LOCALE;
  };
  return { locales, translator, negotiate };
}

/**
 * The words a message may carry as a value, each with the catalog key of its label: a
 * workflow state such as `triage` (`<kind>.status.<state>`: the first kind naming it wins;
 * states of the same name read the same), a severity (`severity.<level>`), and the record
 * nouns, permission resources and actions, and address kinds of `terms.<word>`.
 */
function termKeys(base: ReadonlyMap<string, string>): Map<string, string> {
  const terms = new Map<string, string>();
  for (const key of base.keys()) {
    const word = /^(?:[a-z]+\.status|severity)\.([a-z_]+)$/.exec(key)?.[1] ?? /^terms\.(.+)$/.exec(key)?.[1];
    if (word && !terms.has(word)) terms.set(word, key);
  }
  return terms;
}

/**
 * A value of a field message in the locale of `messages`: a known term by its label, a list of
 * them (`a, b` or `a or b`) term by term with the locale's "or".
 */
function termsIn(messages: ReadonlyMap<string, string>, terms: ReadonlyMap<string, string>) {
  const or = ` ${messages.get("common.or") ?? "or"} `;
  return (value: string) =>
    value
      .split(/(, | or )/)
      .map((part) => {
        if (part === " or ") return or;
        const key = terms.get(part);
        return (key && messages.get(key)) ?? part;
      })
      .join("");
}

/**
 * The placeholders of field messages that hold such words (a state, a noun, a resource, an
 * action, an address kind, a severity); any other value (a title, a name) is shown as written.
 */
const TERM_PLACEHOLDERS = new Set([
  "status",
  "status2",
  "allowed",
  "join",
  "noun",
  "what",
  "values",
  "resourceType",
  "resource",
  "action",
  "use",
  "kind",
  "severity",
  "derived",
  "derived2",
]);

function mapValues(values: Record<string, string>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, TERM_PLACEHOLDERS.has(name) ? map(value) : value]),
  );
}

/** The shipped locales named in their own language, sorted by that name (for language pickers). */
export function languagesOf(locales: readonly string[]) {
  return locales
    .map((code) => ({ code, name: new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A shipped locale with its name in its own language, e.g. `{ code: "de", name: "Deutsch" }`. */
export type Language = ReturnType<typeof languagesOf>[number];

/** How specific an English template is: its placeholders, and the length of its text without them. */
function specificity(template: string): { placeholders: number; literal: number } {
  const parts = template.split(/\{\w+\}/);
  return { placeholders: parts.length - 1, literal: parts.join("").length };
}

/** A regular expression matching the texts of an English template, its `{name}` placeholders as named groups. */
export function templatePattern(template: string): RegExp {
  const parts = template.split(/\{(\w+)\}/);
  const source = parts
    .map((part, i) => (i % 2 === 1 ? `(?<${part}>.+?)` : part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** Language tags of an `Accept-Language` header, best first. */
export function parseAcceptLanguage(header: string): string[] {
  return header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((e) => e.tag && e.tag !== "*" && Number.isFinite(e.q) && e.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((e) => e.tag);
}
