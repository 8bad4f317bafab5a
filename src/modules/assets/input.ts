import { z } from "zod";
import { choiceField, descriptionField, recordIdField } from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { HOSTNAME_MAX_LENGTH, normalizeHostname, normalizeIpAddress } from "../../lib/network-names.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "./schema.ts";

/** The most tags an asset carries. */
export const MAX_TAGS = 20;
/** The most addresses an asset lists. */
export const MAX_IP_ADDRESSES = 64;

const TAG = /^[a-z0-9][a-z0-9._:-]{0,31}$/;

const name = z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.");
const shortText = z.string().trim().max(120, "Use at most 120 characters.");
const assetType = choiceField(ASSET_TYPES, "type");
const criticality = choiceField(CRITICALITIES, "criticality");
const status = choiceField(ASSET_STATUSES, "status");

const hostname = z
  .string()
  .trim()
  .max(HOSTNAME_MAX_LENGTH, `Use at most ${HOSTNAME_MAX_LENGTH} characters.`)
  .transform((value, ctx) => {
    if (value === "") return "";
    const normalized = normalizeHostname(value);
    if (normalized !== null) return normalized;
    ctx.addIssue({
      code: "custom",
      message: "Enter a DNS host name such as db01.example.com: letters, digits, hyphens and dots.",
    });
    return z.NEVER;
  })
  .describe("A DNS name, stored in lower case; empty for none");

const ipAddress = z
  .string()
  .max(64, "That is too long for an address.")
  .transform((value, ctx) => {
    const normalized = normalizeIpAddress(value);
    if (normalized !== null) return normalized;
    ctx.addIssue({ code: "custom", message: `“${value.trim()}” is not an IPv4 or IPv6 address.` });
    return z.NEVER;
  });

const ipAddresses = z
  .array(ipAddress, { error: "Send a list of addresses." })
  .max(MAX_IP_ADDRESSES, `List at most ${MAX_IP_ADDRESSES} addresses.`)
  .transform((list) => [...new Set(list)])
  .describe("IPv4 or IPv6 addresses (no ranges); duplicates are dropped");

const tag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => TAG.test(value), {
    error: (issue) =>
      `“${String(issue.input).trim()}” is not a tag: use up to 32 lowercase letters, digits and . _ : - (e.g. pci, eu-west).`,
  });

const tags = z
  .array(tag, { error: "Send a list of tags." })
  .max(MAX_TAGS, `Use at most ${MAX_TAGS} tags.`)
  .transform((list) => [...new Set(list)])
  .describe(`Up to ${MAX_TAGS} short lowercase words; duplicates are dropped`);

const ownerUserId = recordIdField.nullable().describe("User id of the owner (or give ownerText)");
const ownerText = shortText
  .nullable()
  .transform((value) => (value ? value : null))
  .describe("The owner's name when it is not a user (a team, a vendor)");

/** The one rule about the owner: a user or a name, not both. */
function oneOwner(value: { ownerUserId?: string | null; ownerText?: string | null }): boolean {
  return !(value.ownerUserId && value.ownerText);
}
const ONE_OWNER = {
  path: ["ownerText"],
  message: "Give either a user or a name as the owner, not both.",
  // Checked even when other fields are wrong, so the form lists every problem at once.
  when: (payload: z.core.ParsePayload) =>
    !payload.issues.some((issue) => issue.path?.[0] === "ownerUserId" || issue.path?.[0] === "ownerText"),
};

/** A new asset. */
export const newAssetSchema = z
  .object({
    name,
    assetType,
    criticality: criticality.default("medium"),
    status: status.default("active").describe("Lifecycle status"),
    ownerUserId: ownerUserId.default(null),
    ownerText: ownerText.default(null),
    hostname: hostname.default(""),
    ipAddresses: ipAddresses.default([]),
    os: shortText.default(""),
    location: shortText.default(""),
    tags: tags.default([]),
    description: descriptionField.default("").describe("Markdown"),
  })
  .refine(oneOwner, ONE_OWNER);

/** Input of a new asset, as parsed. */
export type NewAsset = z.infer<typeof newAssetSchema>;

/**
 * Changes to an asset; `version` is the one the change was made against. Sending either
 * owner field replaces the owner (the other one is cleared).
 */
export const assetPatchSchema = z
  .object({
    version: versionField(),
    name: name.optional(),
    assetType: assetType.optional(),
    criticality: criticality.optional(),
    status: status.optional(),
    ownerUserId: ownerUserId.optional(),
    ownerText: ownerText.optional(),
    hostname: hostname.optional(),
    ipAddresses: ipAddresses.optional(),
    os: shortText.optional(),
    location: shortText.optional(),
    tags: tags.optional(),
    description: descriptionField.optional(),
  })
  .refine(oneOwner, ONE_OWNER);

/** Changes to an asset, as parsed. */
export type AssetPatch = z.infer<typeof assetPatchSchema>;

/** Columns a list can be sorted by; criticality sorts by rank (low < medium < high < critical). */
export const ASSET_SORT = [
  "name",
  "assetType",
  "criticality",
  "status",
  "hostname",
  "createdAt",
  "updatedAt",
] as const;

/** The sort of the list when none is given. */
const DEFAULT_ASSET_SORT = "name";

/** Filters, sort and page of the asset list (API, page and export). */
export const assetQuerySchema = recordListQuerySchema(ASSET_SORT, DEFAULT_ASSET_SORT, {
  assetType: z.enum(ASSET_TYPES).optional(),
  criticality: z.enum(CRITICALITIES).optional(),
  status: z.enum(ASSET_STATUSES).optional().describe("Lifecycle status"),
  tag: z.string().trim().toLowerCase().max(32).optional().describe("Only assets carrying this tag"),
});

/** A parsed asset query. */
export type AssetQuery = z.infer<typeof assetQuerySchema>;
