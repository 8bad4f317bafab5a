import { createSelectSchema } from "drizzle-zod";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, timeColumns } from "../../kit/record-csv.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { newVendorSchema, vendorPatchSchema, vendorQuerySchema, vendorStatusSchema } from "./input.ts";
import { VENDOR_KIND } from "./kind.ts";
import { type Vendor, vendors } from "./schema.ts";
import * as service from "./service.ts";

const WORKFLOW = "proposed → active → offboarded; an offboarded vendor can become active again.";

/** The vendor register as a record kind: the record kit's standard routes. */
const vendorRecords = defineRecordApi({
  kind: VENDOR_KIND,
  tag: "Vendors",
  schema: createSelectSchema(vendors).extend({ description: z.string().describe("Markdown") }),
  query: vendorQuerySchema,
  columns: [
    ...fieldColumns<Vendor>("id", "name", "service", "tier", "dataAccess", "contact", "status"),
    ...timeColumns<Vendor>("createdAt", "updatedAt"),
  ],
  queries: service.vendorQueries,
  create: {
    summary: "Record a vendor (it starts proposed)",
    body: newVendorSchema,
    run: service.createVendor,
  },
  get: { summary: "One vendor", run: service.getVendor },
  update: { body: vendorPatchSchema, run: service.updateVendor },
  status: { description: WORKFLOW, body: vendorStatusSchema, run: service.moveVendor },
  delete: service.deleteVendor,
  restore: service.restoreVendor,
});

/** The vendor register (read: every role; write: analysts and up; delete and restore: admins) under /api/v1/vendors. */
export function vendorsApi(deps: AppDeps): ApiRouter {
  return recordApi(vendorRecords, deps, { db: deps.database.db, bus: deps.bus });
}
