// The parts of systeminformation the sampler imports one by one (src/monitor/host-facts.ts),
// typed as the package's index types them: the package ships types for its index only.
declare module "systeminformation/lib/cpu.js" {
  export { cpu } from "systeminformation";
}
declare module "systeminformation/lib/memory.js" {
  export { mem } from "systeminformation";
}
declare module "systeminformation/lib/osinfo.js" {
  export { osInfo, time } from "systeminformation";
}
declare module "systeminformation/lib/system.js" {
  export { system } from "systeminformation";
}
