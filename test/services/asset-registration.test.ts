/**
 * Self-registration: the host Warden runs on becomes a `server` asset marked
 * `managedBy: "warden"`, found again by its machine key, and only its host name, OS and
 * addresses are kept current (audited as the system actor); the facts come from the
 * sampler's host message (MetricsHub.onHost) and the network interfaces.
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerHost } from "../../src/modules/assets/registration.ts";
import { type HostRecord, hostAddresses, hostRecord, machineKey } from "../../src/monitor/host-identity.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { recordEvents } from "../helpers/bus-events.ts";

const t = useTestApp();

const deps = () => ({ db: t.database.db, bus: t.bus });

function host(fields: Partial<HostRecord> = {}): HostRecord {
  return {
    hostname: "warden-01.example.net",
    os: "Debian GNU/Linux 12",
    ipAddresses: ["192.0.2.10", "2001:DB8::10"],
    machineKey: `key-${Bun.randomUUIDv7()}`,
    ...fields,
  };
}

async function auditOf(id: string) {
  const res = await t.as("admin", `/api/v1/audit?resourceId=${id}`);
  return (await res.json()).items as {
    action: string;
    actorType: string;
    changes: Record<string, unknown>;
  }[];
}

describe("registerHost", () => {
  test("first start creates a managed server asset; the next start with the same facts changes nothing", async () => {
    const events = recordEvents(t.bus, "assets");
    const facts = host();
    const first = await registerHost(deps(), facts);
    expect(first.action).toBe("created");
    expect(first.asset).toMatchObject({
      name: "warden-01.example.net",
      assetType: "server",
      criticality: "medium",
      status: "active",
      hostname: "warden-01.example.net",
      os: "Debian GNU/Linux 12",
      ipAddresses: ["192.0.2.10", "2001:db8::10"],
      managedBy: "warden",
      version: 1,
    });
    const again = await registerHost(deps(), facts);
    expect(again).toMatchObject({ action: "unchanged", asset: { id: first.asset.id, version: 1 } });
    events.stopExpecting("asset", ["created"]);
    const audit = await auditOf(first.asset.id);
    expect(audit.map((e) => [e.action, e.actorType])).toEqual([["asset.create", "system"]]);
    const listed = await (await t.as("viewer", "/api/v1/cmdb/assets?q=warden-01")).json();
    expect(listed.items.filter((a: { managedBy: string }) => a.managedBy === "warden")).toHaveLength(1);
  });

  test("a later start updates only host name, OS and addresses; what users set stays", async () => {
    const facts = host({ hostname: "app-7" });
    const { asset } = await registerHost(deps(), facts);
    const edited = await t.as(
      "analyst",
      `/api/v1/cmdb/assets/${asset.id}`,
      jsonInit(
        { version: 1, name: "App server 7", criticality: "critical", status: "maintenance", tags: ["prod"] },
        "PATCH",
      ),
    );
    expect(edited.status).toBe(200);
    const movedFacts = {
      ...facts,
      hostname: "app-7.dc2.example.net",
      os: "Debian GNU/Linux 13",
      ipAddresses: ["198.51.100.7"],
    };
    const moved = await registerHost(deps(), movedFacts);
    expect(moved.action).toBe("updated");
    expect(moved.asset).toMatchObject({
      id: asset.id,
      name: "App server 7",
      criticality: "critical",
      status: "maintenance",
      tags: ["prod"],
      hostname: "app-7.dc2.example.net",
      os: "Debian GNU/Linux 13",
      ipAddresses: ["198.51.100.7"],
      version: 3,
    });
    const update = (await auditOf(asset.id)).find(
      (e) => e.action === "asset.update" && e.actorType === "system",
    );
    expect(Object.keys(update?.changes ?? {}).sort()).toEqual(["hostname", "ipAddresses", "os"]);
    const onlyOs = await registerHost(deps(), { ...movedFacts, os: "Debian GNU/Linux 13.1" });
    expect(onlyOs.action).toBe("updated");
    expect(onlyOs.asset.version).toBe(4);
  });

  test("another machine on the same database gets its own asset; a non-DNS host name keeps the name only", async () => {
    const a = await registerHost(deps(), host({ hostname: "twin" }));
    const b = await registerHost(deps(), host({ hostname: "twin" }));
    expect(a.asset.id).not.toBe(b.asset.id);
    const odd = await registerHost(
      deps(),
      host({ hostname: "LAB_PC", ipAddresses: ["fe80::1%eth0", "10.1.1.1"] }),
    );
    expect(odd.asset).toMatchObject({ name: "LAB_PC", hostname: "", ipAddresses: ["10.1.1.1"] });
  });

  test("after an admin deleted it, the next start registers the host again", async () => {
    const facts = host();
    const { asset } = await registerHost(deps(), facts);
    expect((await t.as("admin", `/api/v1/cmdb/assets/${asset.id}`, { method: "DELETE" })).status).toBe(204);
    const again = await registerHost(deps(), facts);
    expect(again.action).toBe("created");
    expect(again.asset.id).not.toBe(asset.id);
  });
});

describe("host facts", () => {
  test("addresses leave out loopback and IPv6 link-local", () => {
    const entry = (address: string, family: "IPv4" | "IPv6", internal = false) => ({
      address,
      family,
      internal,
      netmask: "",
      mac: "00:00:00:00:00:00",
      cidr: null,
      ...(family === "IPv6" ? { scopeid: 0 } : {}),
    });
    const interfaces = {
      lo: [entry("127.0.0.1", "IPv4", true), entry("::1", "IPv6", true)],
      eth0: [entry("192.0.2.2", "IPv4"), entry("fd00::2", "IPv6"), entry("fe80::fc:ff:fe00:1", "IPv6")],
      wg0: [entry("10.8.0.1", "IPv4")],
    } as unknown as Parameters<typeof hostAddresses>[0];
    expect(hostAddresses(interfaces)).toEqual(["192.0.2.2", "fd00::2", "10.8.0.1"]);
  });

  test("the machine key is stable, differs per machine and never contains the machine id", () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-machine-"));
    const one = join(dir, "one");
    const two = join(dir, "two");
    writeFileSync(one, "0123456789abcdef0123456789abcdef\n");
    writeFileSync(two, "fedcba9876543210fedcba9876543210\n");
    const key = machineKey("h", [one]);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).toBe(machineKey("other-name", [join(dir, "missing"), one]));
    expect(key).not.toContain("0123456789abcdef");
    expect(machineKey("h", [two])).not.toBe(key);
    expect(machineKey("h", [join(dir, "missing")])).not.toBe(machineKey("g", [join(dir, "missing")]));
  });

  test("the hub reports the host facts the sampler read; the record combines them with the interfaces", async () => {
    const seen: string[] = [];
    const stop = t.metrics.onHost((info) => seen.push(info.hostname));
    t.metrics.start();
    try {
      const started = Date.now();
      while (seen.length === 0 && Date.now() - started < 10_000) await Bun.sleep(20);
      const info = t.metrics.snapshot().host;
      expect(info).not.toBeNull();
      expect(seen).toEqual([info?.hostname ?? ""]);
      const late: string[] = [];
      t.metrics.onHost((h) => late.push(h.hostname))();
      expect(late).toEqual([info?.hostname ?? ""]);
      if (!info) return;
      const record = hostRecord(info);
      expect(record.hostname).toBe(info.hostname);
      expect(record.os).toBe(`${info.distribution} ${info.release}`.trim());
      expect(record.ipAddresses).toEqual(hostAddresses());
      expect(record.machineKey).toBe(machineKey(info.hostname));
    } finally {
      stop();
      t.metrics.stop();
    }
  }, 15_000);
});
