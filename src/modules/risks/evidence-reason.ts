import { z } from "zod";
import type { Phrase } from "../../lib/phrase.ts";

/** What a piece of evidence is. */
export const REASON_KINDS = [
  "vulnerability",
  "port",
  "listening_port",
  "alert",
  "incident",
  "technique",
  "none",
] as const;

/** One piece of evidence behind a suggestion. */
export const reasonSchema = z.object({
  kind: z
    .enum(REASON_KINDS)
    .describe(
      "vulnerability (open), port (newly open in a scan), listening_port (a port rule's alert), alert, incident, technique (a linked technique seen), none (nothing counted)",
    ),
  text: z
    .string()
    .describe('In words, e.g. "CVE-2024-1234 (CVSS 9.8, critical) open on web-01, 12 days overdue"'),
  points: z.number().describe("What it adds to the total"),
  link: z.string().nullable().describe("The page of the record (null for `none`)"),
});

/** One piece of evidence behind a suggestion. */
export type Reason = z.infer<typeof reasonSchema>;

/** A reason as the evidence code makes it: its sentence as a phrase of the catalog, for any language. */
export type EvidenceReason = Omit<Reason, "text"> & { phrase: Phrase };
