import { z } from "zod";
import { choiceField, descriptionField, statusMoveSchema } from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { VENDOR_DATA, VENDOR_STATUSES, VENDOR_TIERS } from "./schema.ts";

const line = z.string().trim().max(200, "Use at most 200 characters.");
const fields = {
  name: line.min(1, "Enter a name."),
  service: line,
  tier: choiceField(VENDOR_TIERS, "criticality"),
  dataAccess: choiceField(VENDOR_DATA, "kind of data"),
  contact: line,
  description: descriptionField,
};

/** A new vendor (it starts proposed); service, contact and description may be left out. */
export const newVendorSchema = z.object({
  ...fields,
  service: line.default(""),
  contact: line.default(""),
  description: descriptionField.default(""),
});

/** A new vendor as parsed. */
export type NewVendor = z.infer<typeof newVendorSchema>;

/** Changes to a vendor, against the version read. */
export const vendorPatchSchema = z.object(fields).partial().extend({ version: versionField() });

/** A vendor's move along proposed → active → offboarded. */
export const vendorStatusSchema = statusMoveSchema(VENDOR_STATUSES);

/** Filters, sort and page (by number or keyset cursor) of the vendor list (API, page and export). */
export const vendorQuerySchema = recordListQuerySchema(["name", "tier", "status", "updatedAt"], "name", {
  status: z.enum(VENDOR_STATUSES).optional(),
  tier: z.enum(VENDOR_TIERS).optional(),
  deleted: deletedQueryField("vendors"),
});

/** A parsed vendor query. */
export type VendorQuery = z.infer<typeof vendorQuerySchema>;
