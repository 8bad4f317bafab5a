import { loadCatalogs, type MessageParams, type Translate } from "./i18n.ts";

/**
 * A text to be written in a reader's language: a catalog key and its parameters; a parameter
 * that is itself a phrase (a severity's name, "3 days ago") is written in the same language.
 */
export interface Phrase {
  key: string;
  params?: Record<string, string | number | Phrase>;
}

/** `phrase` in the language of `t`. */
export function renderPhrase(t: Translate, phrase: Phrase): string {
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(phrase.params ?? {}))
    params[name] = typeof value === "object" ? renderPhrase(t, value) : value;
  return t(phrase.key, params);
}

let english: Translate | null = null;

/** `phrase` in English, as the API answers (the shipped catalogs, read once). */
export function englishPhrase(phrase: Phrase): string {
  english ??= loadCatalogs().translator("en");
  return renderPhrase(english, phrase);
}
