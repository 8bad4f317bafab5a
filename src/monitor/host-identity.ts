import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { networkInterfaces, hostname as osHostname } from "node:os";
import type { HostInfo } from "./sample.ts";

/** Where Linux keeps the machine id (systemd, then D-Bus). */
const MACHINE_ID_FILES = ["/etc/machine-id", "/var/lib/dbus/machine-id"];

/**
 * Addresses other machines can reach this host at: every interface's, except loopback
 * and IPv6 link-local (`fe80::/10`, meaningful on one link only).
 */
export function hostAddresses(interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces()) {
  const addresses: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const entry of list ?? []) {
      if (entry.internal) continue;
      if (entry.family === "IPv6" && /^fe[89ab]/i.test(entry.address)) continue;
      addresses.push(entry.address);
    }
  }
  return addresses;
}

/**
 * A stable key of this machine: an HMAC of the machine id (which is confidential and
 * never stored as is), or of the host name where there is no machine id; with `instance`
 * (an agent's `agent.name`), a key of that instance on this machine.
 */
export function machineKey(
  hostname: string,
  files: readonly string[] = MACHINE_ID_FILES,
  instance: string | null = null,
): string {
  let secret = `hostname:${hostname}`;
  for (const file of files) {
    try {
      const id = readFileSync(file, "utf8").trim();
      if (id) {
        secret = id;
        break;
      }
    } catch {
      // Not there (containers, other systems): try the next one, then the host name.
    }
  }
  if (instance !== null) secret = `${secret}\n${instance}`;
  return createHmac("sha256", secret).update("warden cmdb asset").digest("hex").slice(0, 32);
}

const localKeys = new Map<string, string>();

/**
 * The {@link machineKey} of the host Warden runs on, named `hostname` (the OS's name when
 * empty): the key its CMDB asset is registered under. The machine id is read once per name.
 */
export function localMachineKey(hostname: string): string {
  const name = hostname || osHostname();
  let key = localKeys.get(name);
  if (key === undefined) {
    key = machineKey(name);
    localKeys.set(name, key);
  }
  return key;
}

/** The CMDB record of this host, from the sampler's host facts and the interfaces. */
export function hostRecord(host: HostInfo) {
  const hostname = host.hostname || osHostname();
  return {
    /** The host's name as the OS reports it (the asset's name at first registration). */
    hostname,
    /** Distribution and release, e.g. "Debian GNU/Linux 12". */
    os: `${host.distribution} ${host.release}`.trim() || host.os,
    /** Addresses of the host's interfaces (any order; registration normalizes and deduplicates them). */
    ipAddresses: hostAddresses(),
    /** Tells this host apart from others sharing the database (a digest of the machine id). */
    machineKey: localMachineKey(hostname),
  };
}

/** What Warden knows about the host it runs on, as the CMDB records it. */
export type HostRecord = ReturnType<typeof hostRecord>;
