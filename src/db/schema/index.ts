// Every table of Warden, one file each; drizzle-kit and the client read this list.
export * from "./api-tokens.ts";
export * from "./assets.ts";
export * from "./audit-log.ts";
export * from "./deliveries.ts";
export * from "./delivery-attempts.ts";
export * from "./documents.ts";
export * from "./incident-links.ts";
export * from "./incidents.ts";
export * from "./metrics-history.ts";
export * from "./notification-preferences.ts";
export * from "./notifications.ts";
export * from "./refresh-tokens.ts";
export * from "./users.ts";
export * from "./vulnerabilities.ts";
export * from "./webhooks.ts";
