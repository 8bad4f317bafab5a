import { describe, expect, test } from "bun:test";
import { parseHostFacts, readHostFactsApart } from "../../src/monitor/host-facts-child.ts";

describe("host facts read in a child process", () => {
  test("the child answers this machine's facts", async () => {
    const facts = await readHostFactsApart();
    const cpus = navigator.hardwareConcurrency;
    expect(facts.cores).toBeLessThanOrEqual(cpus);
    expect(facts.cores).toBeGreaterThan(0);
    expect(facts.kernel).toBe((await Bun.file("/proc/sys/kernel/osrelease").text()).trim());
    expect(facts.bootTime).toBeLessThan(Date.now());
  });

  test("an answer with a missing or mistyped field is refused by name", () => {
    const good = {
      hostname: "h",
      os: "linux",
      distribution: "Debian",
      release: "12",
      kernel: "6",
      arch: "x64",
      cpuModel: "cpu",
      cores: 2,
      memoryTotal: 1,
      bootTime: 1,
      virtualization: null,
    };
    expect(parseHostFacts(JSON.stringify(good))).toEqual(good);
    const { kernel: _, ...withoutKernel } = good;
    expect(() => parseHostFacts(JSON.stringify({ ...withoutKernel, cores: "2" }))).toThrow(
      "the host facts command answered without kernel, cores",
    );
    expect(() => parseHostFacts(JSON.stringify({ ...good, virtualization: 1 }))).toThrow("virtualization");
  });
});
