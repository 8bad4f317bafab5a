import { describe, expect, test } from "bun:test";
import type { LookupAddress } from "node:dns";
import { addressRefusal, vettedLookup } from "../../src/modules/webhooks/target.ts";

const DEFAULT = ["public"];

/** What `lookup` hands the connection, or the error it refuses with. */
function lookupOf(allowed: string[], addresses: string[]) {
  return new Promise<LookupAddress[] | string>((resolve) => {
    vettedLookup(allowed, async () => addresses)("hooks.example.test", { all: true }, (error, answer) =>
      resolve(error ? error.message : (answer as LookupAddress[])),
    );
  });
}

describe("webhook target addresses", () => {
  test.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.31.255.254", "private"],
    ["192.168.0.1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["100.64.0.1", "CGNAT"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["224.0.0.251", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["fd12:3456::1", "unique local"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:7f00:1", "loopback"],
    ["64:ff9b::a00:1", "NAT64"],
    ["2002:a00:1::1", "6to4"],
    ["198.51.100.7", "documentation"],
  ])("%s is refused by default (%s)", (address, use) => {
    expect(addressRefusal(address, DEFAULT)).toContain(use);
    expect(addressRefusal(address, DEFAULT)).toStartWith(
      `address ${address} is not in webhooks.allowedTargets`,
    );
  });

  test.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "public %s is allowed by default, refused once public is not listed",
    (address) => {
      expect(addressRefusal(address, DEFAULT)).toBeNull();
      expect(addressRefusal(address, ["127.0.0.0/8"])).toBe(
        `address ${address} is not in webhooks.allowedTargets.`,
      );
    },
  );

  test("a listed range allows its addresses, in IPv4-mapped form too, and nothing next to them", () => {
    const allowed = ["public", "10.20.0.0/16"];
    expect(addressRefusal("10.20.3.4", allowed)).toBeNull();
    expect(addressRefusal("::ffff:10.20.3.4", allowed)).toBeNull();
    expect(addressRefusal("10.21.0.1", allowed)).toContain("private");
  });

  test("the lookup of a call hands over exactly the vetted addresses, and refuses a name with any internal one", async () => {
    expect(await lookupOf(DEFAULT, ["93.184.216.34", "2606:4700:4700::1111"])).toEqual([
      { address: "93.184.216.34", family: 4 },
      { address: "2606:4700:4700::1111", family: 6 },
    ]);
    expect(await lookupOf(DEFAULT, ["93.184.216.34", "127.0.0.1"])).toBe(
      "address 127.0.0.1 of hooks.example.test is not in webhooks.allowedTargets; it is a loopback address.",
    );
    expect(await lookupOf(DEFAULT, [])).toBe("hooks.example.test does not resolve to an address.");
  });
});
