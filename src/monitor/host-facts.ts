// The host facts, read once with systeminformation in a child process of Warden
// (`warden internal-host-facts`, run by src/monitor/host-facts-child.ts): systeminformation's
// modules and the commands it runs (lscpu, dmidecode …) left ~3 MiB with the sampler thread's
// allocators for as long as the server ran; a child's memory goes with it.
// One by one rather than the package's index, which loads every part of it (graphics, wifi,
// bluetooth vendors, docker …): the binary holds only what is used.
import { cpu as readCpu } from "systeminformation/lib/cpu.js";
import { mem as readMem } from "systeminformation/lib/memory.js";
import { osInfo as readOsInfo, time as readTime } from "systeminformation/lib/osinfo.js";
import { system as readSystem } from "systeminformation/lib/system.js";

/** Reads the host facts with systeminformation (forks a few commands). */
export async function readHostFacts() {
  const [os, cpu, mem, system] = await Promise.all([readOsInfo(), readCpu(), readMem(), readSystem()]);
  const uptime = readTime().uptime;
  return {
    hostname: os.hostname,
    os: os.platform,
    distribution: os.distro,
    release: os.release,
    kernel: os.kernel,
    arch: os.arch,
    cpuModel: `${cpu.manufacturer} ${cpu.brand}`.trim(),
    cores: cpu.cores,
    memoryTotal: mem.total,
    bootTime: Math.round(Date.now() - Number(uptime) * 1000),
    virtualization: system.virtual ? system.virtualHost || "virtual machine" : null,
  };
}

/** `warden internal-host-facts`: prints the host facts as one line of JSON. Not a user command. */
export async function hostFactsCommand(): Promise<void> {
  process.stdout.write(`${JSON.stringify(await readHostFacts())}\n`);
}
