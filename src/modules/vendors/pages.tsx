import type { Hono } from "hono";
import { VENDOR_DETAIL, VENDOR_FORM } from "../../../views/pages/vendors/record.tsx";
import { VENDOR_TABLE } from "../../../views/pages/vendors/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { recordActions } from "../../kit/record-action-routes.tsx";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { recordPages } from "../../kit/record-module-pages.ts";
import type { AppEnv } from "../../lib/context.ts";
import { newVendorSchema, vendorPatchSchema, vendorStatusSchema } from "./input.ts";
import { VENDOR_KIND } from "./kind.ts";
import * as vendors from "./service.ts";

/**
 * The vendor pages (read: every role; write: analysts and up; delete/restore: admins):
 * GET /vendors[/rows], GET /vendors/new, POST /vendors, GET /vendors/:id, GET|POST /vendors/:id/edit,
 * POST /vendors/:id/status|delete|restore.
 */
export function vendorsPages(deps: AppDeps): Hono<AppEnv> {
  return recordPages(deps, {
    kind: VENDOR_KIND,
    svc: { db: deps.database.db, bus: deps.bus },
    list: { run: vendors.listVendors, table: VENDOR_TABLE },
    detail: { get: vendors.getVendor, page: VENDOR_DETAIL },
    form: recordForm({
      load: vendors.getVendor,
      form: VENDOR_FORM,
      create: { schema: newVendorSchema, run: vendors.createVendor },
      update: { schema: vendorPatchSchema, run: vendors.updateVendor },
    }),
    actions: recordActions({ status: { schema: vendorStatusSchema, change: vendors.moveVendor } }),
    remove: vendors.deleteVendor,
    restore: vendors.restoreVendor,
  });
}
