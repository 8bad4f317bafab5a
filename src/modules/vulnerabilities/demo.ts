import type { ModuleDemo } from "../../kit/demo.ts";
import { newVulnerabilitySchema } from "./input.ts";
import { createVulnerability } from "./service.ts";

type DemoVulnerability = [
  cveId: string | null,
  title: string,
  vector: string,
  daysAgo: number,
  assets: string[],
];

const VULNERABILITIES: DemoVulnerability[] = [
  [
    "CVE-2024-6387",
    "OpenSSH regreSSHion race condition",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
    40,
    ["Web server WEB01", "Build agent 3"],
  ],
  [
    "CVE-2024-3094",
    "xz/liblzma backdoor",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    12,
    ["Build agent 3"],
  ],
  [
    "CVE-2023-44487",
    "HTTP/2 rapid reset",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    95,
    ["Customer portal"],
  ],
  [
    null,
    "Default SNMP community on the core switch",
    "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N",
    20,
    ["Core switch"],
  ],
  [
    "CVE-2021-44228",
    "Log4Shell in the reporting service",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    3,
    ["Orders database"],
  ],
];

/** Vulnerabilities rated from CVSS vectors, on the demo assets. */
export const vulnerabilitiesDemo: ModuleDemo = {
  async seed({ db, config, actor, seeded }) {
    const sla = () => config.get().vulnerabilities.sla;
    for (const [cveId, title, cvssVector, daysAgo, affected] of VULNERABILITIES) {
      const input = newVulnerabilitySchema.parse({
        cveId,
        title,
        cvssVector,
        discoveredAt: Date.now() - daysAgo * 86_400_000,
        assetIds: affected.map((name) => seeded.assets.get(name) ?? ""),
      });
      await createVulnerability({ db, sla }, actor, input);
    }
    return [`${VULNERABILITIES.length} vulnerabilities`];
  },
};
