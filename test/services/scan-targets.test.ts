/** Target parsing and the allowlist (IPv4 and IPv6 CIDRs), port specifications and the service table. */
import { describe, expect, test } from "bun:test";
import { cidrContains, parseCidr } from "../../src/lib/cidr.ts";
import { parsePortSpec, serviceName } from "../../src/modules/scans/ports.ts";
import { resolveTargets } from "../../src/modules/scans/targets.ts";
import { printableBanner } from "../../src/monitor/scanner.ts";

const LOOPBACK = ["127.0.0.0/8", "::1"];
const noNames = async () => [];

describe("CIDR ranges", () => {
  test("parse IPv4 and IPv6, clearing host bits; refuse what is not a range", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({ family: 4, base: 10n << 24n, prefix: 8 });
    expect(parseCidr("::1")).toEqual({ family: 6, base: 1n, prefix: 128 });
    expect(parseCidr("2001:db8::ff/32")).toEqual({ family: 6, base: 0x20010db8n << 96n, prefix: 32 });
    expect(parseCidr("::ffff:10.0.0.1")?.base).toBe(0xffff0a000001n);
    for (const bad of ["10.0.0.0/33", "::1/129", "10.0.0/8", "300.0.0.1", "10.0.0.1/8/1", "x", "10.0.0.1/-1"])
      expect(parseCidr(bad), bad).toBeNull();
  });

  test("containment: same family, inner prefix at least as long, same network bits", () => {
    const outer = parseCidr("127.0.0.0/8");
    const cases: [string, boolean][] = [
      ["127.0.0.1", true],
      ["127.255.0.0/16", true],
      ["127.0.0.0/7", false],
      ["128.0.0.1", false],
      ["::1", false],
    ];
    for (const [inner, inside] of cases)
      expect(cidrContains(outer ?? never(), parseCidr(inner) ?? never()), inner).toBe(inside);
    expect(cidrContains(parseCidr("fd00::/8") ?? never(), parseCidr("fd12::1") ?? never())).toBe(true);
  });
});

function never(): never {
  throw new Error("unparsed");
}

describe("resolveTargets", () => {
  test("a range inside the allowlist stands for its hosts, network and broadcast left out", async () => {
    expect(await resolveTargets("127.0.0.1", LOOPBACK, noNames)).toEqual(["127.0.0.1"]);
    expect(await resolveTargets("127.0.0.0/30", LOOPBACK, noNames)).toEqual(["127.0.0.1", "127.0.0.2"]);
    expect(await resolveTargets("127.0.0.4/31", LOOPBACK, noNames)).toEqual(["127.0.0.4", "127.0.0.5"]);
    expect(await resolveTargets("127.1.0.0/16", LOOPBACK, noNames)).toHaveLength(65534);
    expect(await resolveTargets("::1", LOOPBACK, noNames)).toEqual(["::1"]);
  });

  test("outside: 403 naming scanner.allowedTargets; a name is checked by every address it resolves to", async () => {
    const resolve = async (name: string) =>
      name === "two.test" ? ["127.0.0.1", "192.0.2.1"] : ["127.0.0.9"];
    for (const target of ["192.0.2.1", "126.0.0.0/16", "::2", "two.test"])
      await expect(resolveTargets(target, LOOPBACK, resolve), target).rejects.toMatchObject({
        status: 403,
        detail: expect.stringContaining("scanner.allowedTargets"),
      });
    expect(await resolveTargets("one.test", LOOPBACK, resolve)).toEqual(["127.0.0.9"]);
    await expect(resolveTargets("127.0.0.1", [], resolve)).rejects.toMatchObject({ status: 403 });
  });

  test("422 for ranges wider than /16, IPv6 ranges, bad syntax and names that do not resolve", async () => {
    for (const target of ["127.0.0.0/15", "::/64", "10.0.0.1/40", "bad name", "missing.test"])
      await expect(resolveTargets(target, ["0.0.0.0/0"], noNames), target).rejects.toMatchObject({
        status: 422,
      });
  });
});

describe("port specifications", () => {
  test("lists and ranges, sorted once each; presets", () => {
    expect(parsePortSpec("443, 22,80,8000-8002,22")).toEqual({
      ok: true,
      ports: [22, 80, 443, 8000, 8001, 8002],
    });
    const sizes = (["top100", "top1000", "all"] as const).map((p) => {
      const parsed = parsePortSpec(p);
      return parsed.ok ? parsed.ports.length : 0;
    });
    expect(sizes).toEqual([100, 1000, 65535]);
  });

  test("refuses what is no port or range, naming the part", () => {
    for (const bad of ["0", "65536", "80-", "90-80", "a", "", "80,,81"]) {
      const parsed = parsePortSpec(bad);
      expect(parsed.ok, bad).toBe(false);
    }
    expect(parsePortSpec("22,99999")).toMatchObject({
      ok: false,
      message: expect.stringContaining('"99999"'),
    });
  });

  test("service names come from the IANA table", () => {
    expect([22, 80, 443, 5432].map(serviceName)).toEqual(["ssh", "http", "https", "postgresql"]);
    expect(serviceName(1)).toBe("tcpmux");
    expect(serviceName(47_123)).toBeNull();
  });
});

describe("banners", () => {
  test("keep printable text, runs of other bytes become one space, at most 256 bytes read", () => {
    expect(printableBanner(new TextEncoder().encode("SSH-2.0-OpenSSH_9.2\r\n"))).toBe("SSH-2.0-OpenSSH_9.2");
    expect(printableBanner(Uint8Array.from([0x41, 0, 1, 2, 0x42]))).toBe("A B");
    expect(printableBanner(Uint8Array.from([0, 1, 2]))).toBeNull();
    expect(printableBanner(new Uint8Array(300).fill(0x61))).toHaveLength(256);
  });
});
