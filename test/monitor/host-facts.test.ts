import { describe, expect, test } from "bun:test";
import { parseHostFacts, readHostFactsApart } from "../../src/monitor/host-facts-child.ts";

describe("host facts read in a child process", () => {
  test("the child answers this machine's facts; an answer with a missing or mistyped field is refused by name", async () => {
    const facts = await readHostFactsApart();
    expect(facts.cores).toBeGreaterThan(0);
    expect(facts.cores).toBeLessThanOrEqual(navigator.hardwareConcurrency);
    expect(facts.kernel).toBe((await Bun.file("/proc/sys/kernel/osrelease").text()).trim());
    expect(facts.bootTime).toBeLessThan(Date.now());
    expect(parseHostFacts(JSON.stringify(facts))).toEqual(facts);

    const { kernel: _, ...withoutKernel } = facts;
    expect(() => parseHostFacts(JSON.stringify({ ...withoutKernel, cores: "2" }))).toThrow(
      "the host facts command answered without kernel, cores",
    );
    expect(() => parseHostFacts(JSON.stringify({ ...facts, virtualization: 1 }))).toThrow("virtualization");
  });
});
