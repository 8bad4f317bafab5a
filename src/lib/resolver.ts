import { lookup } from "node:dns/promises";

/** Resolves a host name to its addresses (injectable so tests choose what a name resolves to). */
export type Resolver = (name: string) => Promise<string[]>;

/** The system resolver (getaddrinfo, as every other program on the host resolves). */
export const systemResolver: Resolver = async (name) =>
  (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address);
