import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { createRecord } from "../../kit/record-create.ts";
import { changeKindOf, type RecordEventDeps } from "../../kit/record-events.ts";
import { type Transitions, workflowMove } from "../../kit/record-move.ts";
import { defineRowQueries } from "../../kit/record-queries.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import type { NewVendor } from "./input.ts";
import { VENDOR_KIND } from "./kind.ts";
import { type Vendor, vendorOrder, vendors } from "./schema.ts";
import { VENDOR_SEARCH } from "./search.ts";

/** Where a vendor may move: proposed → active → offboarded, rejecting a proposal, taking one back. */
export const VENDOR_TRANSITIONS: Transitions<Vendor["status"]> = {
  proposed: ["active", "offboarded"],
  active: ["offboarded"],
  offboarded: ["active"],
};

/** Vendors in the audit trail, on the bus and in the search index. */
export const VENDOR_CHANGES = changeKindOf(VENDOR_KIND, VENDOR_SEARCH);

/** Vendors as the record kit reads them: filters by status and tier, sorts, pages and exports. */
export const vendorQueries = defineRowQueries({
  table: vendors,
  kind: VENDOR_KIND,
  sort: vendorOrder(vendors),
  text: [vendors.name, vendors.service, vendors.contact],
  equal: { status: vendors.status, tier: vendors.tier },
});

/** A page of vendors (every role); `getVendor` one. */
export const { list: listVendors, get: getVendor, findView } = vendorQueries;

const record = { table: vendors, kind: VENDOR_CHANGES, findView } as const;
const service = defineRecordService(vendors, VENDOR_CHANGES, findView, { longText: "description" });

/** Records a vendor, proposed (analysts and up); audited. */
export const createVendor = (deps: RecordEventDeps, actor: Actor, input: NewVendor, request?: RequestFacts) =>
  createRecord(record, deps, actor, input, request);

/** Edits a vendor against the version read (analysts and up); audited. */
export const updateVendor = service.update;

/** Moves a vendor along its workflow (analysts and up); audited. */
export const moveVendor = workflowMove(record, VENDOR_TRANSITIONS);

/** Soft-deletes a vendor (admins); `restoreVendor` brings it back. */
export const { remove: deleteVendor, restore: restoreVendor } = service;
