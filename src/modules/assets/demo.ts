import type { ModuleDemo } from "../../kit/demo.ts";
import { newAssetSchema } from "./input.ts";
import { addDependency } from "./relations.ts";
import { createAsset } from "./service.ts";

type DemoAsset = [
  name: string,
  type: string,
  criticality: string,
  hostname: string,
  ip: string,
  os: string,
  tags: string[],
  dependsOn: string[],
];

const ASSETS: DemoAsset[] = [
  [
    "Customer portal",
    "application",
    "critical",
    "portal.example.test",
    "",
    "",
    ["web", "pci"],
    ["Web server WEB01", "Orders database"],
  ],
  [
    "Web server WEB01",
    "server",
    "high",
    "web01.example.test",
    "10.0.10.11",
    "Debian 12",
    ["web", "dmz"],
    ["Core switch"],
  ],
  [
    "Orders database",
    "database",
    "critical",
    "db01.example.test",
    "10.0.20.5",
    "PostgreSQL 16 on Debian 12",
    ["pci"],
    ["Core switch"],
  ],
  [
    "File server FS01",
    "server",
    "high",
    "fs01.example.test",
    "10.0.30.2",
    "Windows Server 2022",
    ["files"],
    ["Core switch"],
  ],
  ["Core switch", "network", "critical", "sw-core.example.test", "10.0.0.1", "", ["network"], []],
  [
    "Build agent 3",
    "server",
    "medium",
    "build03.example.test",
    "10.0.40.13",
    "Ubuntu 24.04",
    ["ci"],
    ["Core switch"],
  ],
  [
    "Finance laptop 17",
    "workstation",
    "medium",
    "fin-lt-17.example.test",
    "10.0.50.117",
    "Windows 11",
    ["finance"],
    [],
  ],
];

/** Assets of every kind with their dependencies. */
export const assetsDemo: ModuleDemo = {
  async seed({ db, actor, seeded }) {
    const svc = { db };
    for (const [name, assetType, criticality, hostname, ip, os, tags] of ASSETS) {
      const input = newAssetSchema.parse({
        name,
        assetType,
        criticality,
        hostname,
        ipAddresses: ip ? [ip] : [],
        os,
        tags,
        ownerText: "IT operations",
      });
      seeded.assets.set(name, (await createAsset(svc, actor, input)).id);
    }
    for (const [name, , , , , , , dependsOn] of ASSETS)
      for (const other of dependsOn)
        await addDependency(svc, actor, seeded.assets.get(name) ?? "", seeded.assets.get(other) ?? "");
    return [`${ASSETS.length} assets`];
  },
};
