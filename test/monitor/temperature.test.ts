import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuTemperature, readCpuTemperature } from "../../src/monitor/temperature.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A directory shaped like /sys with the given files (path → content). */
function sysTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "warden-sys-"));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, `${content}\n`);
  }
  return root;
}

describe("choosing the CPU temperature", () => {
  test("a whole-CPU hwmon sensor wins: Tctl/Tdie, then Package or Physical", () => {
    const cores = [
      { label: "Core 0", milli: 50_000 },
      { label: "Core 1", milli: 54_000 },
    ];
    expect(cpuTemperature([...cores, { label: "Package id 0", milli: 61_250 }], [])).toBe(61.3);
    expect(
      cpuTemperature(
        [
          { label: "Tccd1", milli: 48_000 },
          { label: "Tctl", milli: 55_500 },
        ],
        [],
      ),
    ).toBe(55.5);
    expect(cpuTemperature(cores, [{ label: "x86_pkg_temp", milli: 70_000 }])).toBe(52);
  });

  test("without hwmon: a thermal zone naming the CPU, else the first zone; none is null", () => {
    const zones = [
      { label: "acpitz", milli: 27_800 },
      { label: "cpu-thermal", milli: 44_123 },
    ];
    expect(cpuTemperature([], zones)).toBe(44.1);
    expect(cpuTemperature([], [{ label: "acpitz", milli: 27_800 }])).toBe(27.8);
    expect(cpuTemperature([], [])).toBeNull();
  });
});

describe("reading sysfs", () => {
  test("hwmon labels and inputs, thermal zones in numeric order", async () => {
    const sys = sysTree({
      "class/hwmon/hwmon0/name": "nvme",
      "class/hwmon/hwmon0/temp1_label": "Composite",
      "class/hwmon/hwmon0/temp1_input": "38850",
      "class/hwmon/hwmon2/temp1_label": "Package id 0",
      "class/hwmon/hwmon2/temp1_input": "47000",
      "class/hwmon/hwmon2/temp2_label": "Core 0",
      "class/hwmon/hwmon2/temp2_input": "45000",
    });
    expect(await readCpuTemperature(sys)).toBe(47);

    const zonesOnly = sysTree({
      "class/thermal/thermal_zone10/type": "cpu-thermal",
      "class/thermal/thermal_zone10/temp": "61000",
      "class/thermal/thermal_zone2/type": "acpitz",
      "class/thermal/thermal_zone2/temp": "30000",
      "class/thermal/cooling_device0/type": "Processor",
    });
    expect(await readCpuTemperature(zonesOnly)).toBe(61);
  });

  test("unreadable or garbage values are skipped; a host without sensors gives null", async () => {
    const sys = sysTree({
      "class/hwmon/hwmon0/temp1_label": "Core 0",
      "class/hwmon/hwmon0/temp1_input": "not a number",
      "class/thermal/thermal_zone0/type": "acpitz",
    });
    expect(await readCpuTemperature(sys)).toBeNull();
    expect(await readCpuTemperature(join(sys, "missing"))).toBeNull();
  });
});
