// CPU temperature from sysfs, read directly instead of through the shell loops
// systeminformation's cpuTemperature() forks. The choice follows it: a hwmon sensor labelled
// Tctl/Tdie, Package or Physical (the whole CPU), else the mean of the per-core sensors, else a
// thermal zone whose type names the CPU, else the first thermal zone. Values are in
// millidegrees Celsius; the result is in °C with one decimal, or null where the host exposes
// none (most virtual machines).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** One temperature reading: its label (hwmon) or zone type (thermal), in millidegrees. */
export interface SensorReading {
  label: string;
  milli: number;
}

const celsius = (milli: number) => Math.round(milli / 100) / 10;

/** Picks the CPU temperature from hwmon readings, then thermal zones; null when none fits. */
export function cpuTemperature(hwmon: SensorReading[], zones: SensorReading[]): number | null {
  const labelled = (test: (label: string) => boolean) => hwmon.find((r) => test(r.label.toLowerCase()));
  const whole =
    labelled((l) => l === "tctl" || l === "tdie") ??
    labelled((l) => l.includes("package") || l.includes("physical") || l === "tccd1");
  if (whole) return celsius(whole.milli);
  const cores = hwmon.filter((r) => r.label.toLowerCase().startsWith("core"));
  if (cores.length > 0) return celsius(cores.reduce((sum, r) => sum + r.milli, 0) / cores.length);
  const zone = zones.find((z) => z.label.toLowerCase().includes("cpu")) ?? zones[0];
  return zone ? celsius(zone.milli) : null;
}

async function readText(path: string): Promise<string | null> {
  try {
    return (await readFile(path, "utf8")).trim();
  } catch {
    return null;
  }
}

/** A reading from a label and a millidegree value as read; null when either is missing or no temperature. */
function reading(label: string | null, value: string | null): SensorReading | null {
  const milli = Number(value);
  return label !== null && value !== null && Number.isFinite(milli) && milli > 0 ? { label, milli } : null;
}

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** `temp*_label` / `temp*_input` pairs of every hwmon device. */
async function readHwmon(sys: string): Promise<SensorReading[]> {
  const readings: SensorReading[] = [];
  const base = join(sys, "class/hwmon");
  for (const device of await list(base)) {
    for (const file of await list(join(base, device))) {
      if (!/^temp\d+_label$/.test(file)) continue;
      const label = await readText(join(base, device, file));
      const value = await readText(join(base, device, file.replace("_label", "_input")));
      const found = reading(label, value);
      if (found) readings.push(found);
    }
  }
  return readings;
}

/** `type` and `temp` of every thermal zone, in zone order. */
async function readThermalZones(sys: string): Promise<SensorReading[]> {
  const readings: SensorReading[] = [];
  const base = join(sys, "class/thermal");
  const zones = (await list(base)).filter((name) => name.startsWith("thermal_zone"));
  zones.sort((a, b) => Number(a.slice(12)) - Number(b.slice(12)));
  for (const zone of zones) {
    const [label, value] = await Promise.all([
      readText(join(base, zone, "type")),
      readText(join(base, zone, "temp")),
    ]);
    const found = reading(label, value);
    if (found) readings.push(found);
  }
  return readings;
}

/** Reads the CPU temperature under `sys` (the sysfs mount, `/sys`); null where there is none. */
export async function readCpuTemperature(sys = "/sys"): Promise<number | null> {
  const [hwmon, zones] = await Promise.all([readHwmon(sys), readThermalZones(sys)]);
  return cpuTemperature(hwmon, zones);
}
