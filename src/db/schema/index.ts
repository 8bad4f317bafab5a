// Every table of Warden: each module's tables from its folder, plus the core tables the kit and the
// cross-cutting layers read (users, audit log, metrics history). drizzle-kit and the client read this list.

export * from "../../kit/search-entries.ts";
export * from "../../modules/assets/schema.ts";
export * from "../../modules/auth/mfa-schema.ts";
export * from "../../modules/auth/passkeys-schema.ts";
export * from "../../modules/auth/schema.ts";
export * from "../../modules/auth/sso-schema.ts";
export * from "../../modules/documents/schema.ts";
export * from "../../modules/hosts/schema.ts";
export * from "../../modules/incidents/links-schema.ts";
export * from "../../modules/incidents/schema.ts";
export * from "../../modules/notifications/deliveries-schema.ts";
export * from "../../modules/notifications/delivery-attempts-schema.ts";
export * from "../../modules/notifications/preferences-schema.ts";
export * from "../../modules/notifications/schema.ts";
export * from "../../modules/risks/schema.ts";
export * from "../../modules/risks/snapshot-schema.ts";
export * from "../../modules/rules/schema.ts";
export * from "../../modules/scans/hosts-schema.ts";
export * from "../../modules/scans/ports-schema.ts";
export * from "../../modules/scans/schedules-schema.ts";
export * from "../../modules/scans/schema.ts";
export * from "../../modules/soc/alerts-schema.ts";
export * from "../../modules/soc/cases-schema.ts";
export * from "../../modules/threats/attack-schema.ts";
export * from "../../modules/threats/links-schema.ts";
export * from "../../modules/threats/schema.ts";
export * from "../../modules/tokens/schema.ts";
export * from "../../modules/vendors/schema.ts";
export * from "../../modules/vulnerabilities/schema.ts";
export * from "../../modules/webhooks/schema.ts";
export * from "./audit-log.ts";
export * from "./metrics-history.ts";
export * from "./users.ts";
