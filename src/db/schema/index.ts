// Every table of Warden, one file each; drizzle-kit and the client read this list.
export * from "./api-tokens.ts";
export * from "./assets.ts";
export * from "./audit-log.ts";
export * from "./documents.ts";
export * from "./incident-links.ts";
export * from "./incidents.ts";
export * from "./metrics-history.ts";
export * from "./refresh-tokens.ts";
export * from "./scan-hosts.ts";
export * from "./scan-ports.ts";
export * from "./scan-schedules.ts";
export * from "./scans.ts";
export * from "./users.ts";
export * from "./vulnerabilities.ts";
