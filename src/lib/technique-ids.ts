import { z } from "zod";

/*
 * ATT&CK technique ids as inputs take them: in the API (a list), in forms (a text of ids
 * separated by spaces, commas or semicolons) and in alert rules (the configuration too).
 * Whether an id is in the catalog is checked by the threat catalog (a 422 naming it).
 */

/** The most techniques one record names. */
export const MAX_TECHNIQUES = 50;

/** A list of ATT&CK technique ids as the API takes it (`["T1059.001"]`). */
export const techniqueIdsField = z
  .array(z.string().trim().min(1).max(20, "An ATT&CK id is at most 20 characters."))
  .max(MAX_TECHNIQUES, `Name at most ${MAX_TECHNIQUES} techniques.`)
  .describe("ATT&CK technique ids (T1059, T1059.001); unknown ids are a 422 naming them");

/** A form's technique ids: separated by spaces, commas or semicolons. */
export function techniqueList(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}
