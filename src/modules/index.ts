import { navigationOf, permissionsOf } from "../kit/module.ts";
import { assetsModule } from "./assets/module.ts";
import { auditModule } from "./audit/module.ts";
import { authModule } from "./auth/module.ts";
import type { Module } from "./context.ts";
import { dashboardModule } from "./dashboard/module.ts";
import { documentsModule } from "./documents/module.ts";
import { hostsModule } from "./hosts/module.ts";
import { incidentsModule } from "./incidents/module.ts";
import { networkModule } from "./network/module.ts";
import { notificationsModule } from "./notifications/module.ts";
import { processesModule } from "./processes/module.ts";
import { risksModule } from "./risks/module.ts";
import { rulesModule } from "./rules/module.ts";
import { scansModule } from "./scans/module.ts";
import { searchModule } from "./search/module.ts";
import { socModule } from "./soc/module.ts";
import { systemModule } from "./system/module.ts";
import { threatsModule } from "./threats/module.ts";
import { tokensModule } from "./tokens/module.ts";
import { usersModule } from "./users/module.ts";
import { vendorsModule } from "./vendors/module.ts";
import { vulnerabilitiesModule } from "./vulnerabilities/module.ts";
import { webhooksModule } from "./webhooks/module.ts";
import { windowsModule } from "./windows/module.ts";

/**
 * Every module, in mount order: their API routers in this order make the OpenAPI document's
 * order, and a module whose literal page paths another's `/:id` would take comes first
 * (rules before the SOC's `/soc/:id`).
 */
export const MODULES: readonly Module[] = [
  authModule,
  usersModule,
  tokensModule,
  auditModule,
  systemModule,
  dashboardModule,
  hostsModule,
  processesModule,
  networkModule,
  scansModule,
  windowsModule,
  incidentsModule,
  assetsModule,
  vulnerabilitiesModule,
  documentsModule,
  rulesModule,
  socModule,
  threatsModule,
  risksModule,
  vendorsModule,
  notificationsModule,
  webhooksModule,
  searchModule,
];

/** THE permission table (role × resource × actions), assembled from the declarations. */
export const PERMISSIONS = permissionsOf(MODULES);

/** The main navigation, assembled from the declarations. */
export const NAVIGATION = navigationOf(MODULES);
