// Every table of Warden, one file each; drizzle-kit and the client read this list.
export * from "./audit-log.ts";
