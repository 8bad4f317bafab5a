import { join } from "node:path";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import type { AppDeps } from "./deps.ts";
import type { ApiRouter, RegisteredRoute } from "./lib/api-router.ts";
import { BackgroundFailures } from "./lib/background-failures.ts";
import type { AppEnv } from "./lib/context.ts";
import { API_BASE } from "./lib/openapi.ts";
import { openApiRoutes } from "./lib/openapi-route.ts";
import { accessLog } from "./middleware/access-log.ts";
import { authenticate } from "./middleware/auth.ts";
import { bodyLimitFromConfig } from "./middleware/body-limit.ts";
import { corsFromConfig } from "./middleware/cors.ts";
import { csrfProtection } from "./middleware/csrf.ts";
import { errorHandler, notFoundHandler } from "./middleware/error-handler.tsx";
import { loginLimit } from "./middleware/login-limit.ts";
import { rejectMalformedPaths } from "./middleware/path-encoding.ts";
import { rateLimitFromConfig } from "./middleware/rate-limit.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { staticAssets } from "./middleware/static-assets.ts";
import { viewContext, viewUser } from "./middleware/view-context.ts";
import { assetsApi } from "./modules/assets/api.ts";
import { ASSETS_PATHS, assetsPages } from "./modules/assets/pages.tsx";
import { auditApi } from "./modules/audit/api.ts";
import { AUDIT_PATHS, auditPages } from "./modules/audit/pages.tsx";
import { authApi } from "./modules/auth/api.ts";
import { SESSION_PATHS, sessionPages } from "./modules/auth/pages.tsx";
import { SessionCache } from "./modules/auth/session-cache.ts";
import { SETUP_PATHS, setupPages } from "./modules/auth/setup-pages.tsx";
import { metricsApi } from "./modules/dashboard/api.ts";
import { DASHBOARD_PATHS, dashboardPages } from "./modules/dashboard/pages.tsx";
import { documentsApi } from "./modules/documents/api.ts";
import { DOCUMENTS_PATHS, documentsPages } from "./modules/documents/pages.tsx";
import { incidentsApi } from "./modules/incidents/api.ts";
import { INCIDENTS_PATHS, incidentsPages } from "./modules/incidents/pages.tsx";
import { networkApi } from "./modules/network/api.ts";
import { NETWORK_PATHS, networkPages } from "./modules/network/pages.tsx";
import { notificationsApi } from "./modules/notifications/api.ts";
import { NOTIFICATIONS_PATHS, notificationsPages } from "./modules/notifications/pages.tsx";
import { unreadSnapshot } from "./modules/notifications/service.ts";
import { processesApi } from "./modules/processes/api.ts";
import { PROCESSES_PATHS, processesPages } from "./modules/processes/pages.tsx";
import { rulesApi } from "./modules/rules/api.ts";
import { RULES_PATHS, rulesPages } from "./modules/rules/pages.tsx";
import { loadStoredRules } from "./modules/rules/service.ts";
import { newOpenPortAlerts } from "./modules/scans/alerts.ts";
import { scanSchedulesApi, scansApi } from "./modules/scans/api.ts";
import { SCANS_PATHS, scansPages } from "./modules/scans/pages.tsx";
import { ScanRunner } from "./modules/scans/runner.ts";
import { ScanScheduler } from "./modules/scans/scheduler.ts";
import type { ScanDeps } from "./modules/scans/service.ts";
import { socAlertsApi } from "./modules/soc/alerts-api.ts";
import { SOC_PATHS, socPages } from "./modules/soc/alerts-pages.tsx";
import { socCasesApi } from "./modules/soc/cases-api.ts";
import { SOC_CASES_PATHS, socCasesPages } from "./modules/soc/cases-pages.tsx";
import { systemApi } from "./modules/system/api.ts";
import { API_DOCS_PATHS, apiDocsPages } from "./modules/system/api-docs-pages.tsx";
import { healthRoutes } from "./modules/system/health.ts";
import { tokensApi } from "./modules/tokens/api.ts";
import { TOKENS_PATHS, tokensPages } from "./modules/tokens/pages.tsx";
import { usersApi } from "./modules/users/api.ts";
import { USERS_PATHS, usersPages } from "./modules/users/pages.tsx";
import { PROFILE_PATHS, profilePages } from "./modules/users/profile-pages.tsx";
import { vulnerabilitiesApi } from "./modules/vulnerabilities/api.ts";
import { IMPORT_BODY_MAX_BYTES } from "./modules/vulnerabilities/import.ts";
import {
  VULNERABILITIES_PATHS,
  VULNERABILITY_UPLOAD_PATHS,
  vulnerabilitiesPages,
} from "./modules/vulnerabilities/pages.tsx";
import { webhooksApi } from "./modules/webhooks/api.ts";
import { WEBHOOKS_PATHS, webhooksPages } from "./modules/webhooks/pages.tsx";
import { windowsApi } from "./modules/windows/api.ts";
import { WINDOWS_PATHS, windowsPages } from "./modules/windows/pages.tsx";
import { AlertWriteQueue } from "./monitor/alert-queue.ts";
import { alertsServiceSink } from "./monitor/alert-sink.ts";
import { prometheusRoutes } from "./monitor/prometheus-route.ts";
import { RuleEngine } from "./monitor/rule-engine.ts";
import { metricsSnapshot } from "./monitor/snapshot.ts";
import { eventsRoutes } from "./realtime/events-route.ts";
import { LiveConnections } from "./realtime/live-connections.ts";
import { SseStreams } from "./realtime/sse.ts";
import { WsGateway } from "./realtime/ws.ts";
import { wsApi } from "./realtime/ws-api.ts";

/** Routes that take a file (an import): their bodies may be as large as an import allows. */
const UPLOAD_PATHS = new Set([`${API_BASE}/vulnerabilities/import`, ...VULNERABILITY_UPLOAD_PATHS]);

/** The Hono app plus the declared API routes (for the OpenAPI document and its tests). */
export interface WardenApp {
  app: Hono<AppEnv>;
  apiRoutes: RegisteredRoute[];
  /** Open live streams, closed on shutdown. */
  streams: SseStreams;
  /** Every live connection (streams and sockets) with the credential it was opened with. */
  connections: LiveConnections;
  /** The WebSocket gateway: its handlers go to `Bun.serve`, its connections close on shutdown. */
  ws: WsGateway;
  /** The alert rule engine: `serve` starts it once the hub runs and stops it on shutdown. */
  ruleEngine: RuleEngine;
  /** Where rules and scans raise alerts: stores each or retries until stored; `serve` stops it last. */
  alertQueue: AlertWriteQueue;
  /** The scan runner (background scans, queue, cancel) and the schedules firing scans. */
  scans: { runner: ScanRunner; scheduler: ScanScheduler };
}

/**
 * Builds the HTTP application: middleware in order, then every router mounted from
 * ONE list per kind (API, pages), then the error mapping.
 */
export function createApp(deps: AppDeps): WardenApp {
  const app = new Hono<AppEnv>();
  const cfg = () => deps.config.get();
  const pagePaths = new Set<string>();
  const sessions = new SessionCache(deps.bus);

  app.use(requestId());
  app.use(
    viewContext({
      catalogs: deps.catalogs,
      assets: deps.assets,
      pages: pagePaths,
      hostName: deps.hostName,
      version: deps.version,
      liveSince: () => deps.bus.lastId,
    }),
  );
  app.use(accessLog({ log: deps.log }));
  app.use(securityHeaders({ hsts: cfg().server.tls.cert !== null }));
  app.use(corsFromConfig(() => cfg().cors.origins));
  app.use(rateLimitFromConfig(cfg, "ip"));
  app.use(compress());
  app.use(
    bodyLimitFromConfig((path) =>
      UPLOAD_PATHS.has(path)
        ? Math.max(cfg().server.bodyLimitBytes, IMPORT_BODY_MAX_BYTES)
        : cfg().server.bodyLimitBytes,
    ),
  );
  app.use(rejectMalformedPaths());
  app.use(staticAssets(deps.assets));
  app.use(authenticate({ db: deps.database.db, config: deps.config, sessions }));
  app.use(viewUser(deps.catalogs));
  app.use(rateLimitFromConfig(cfg, "user"));
  app.use(csrfProtection(() => cfg().server.trustProxy));
  const signInLimit = loginLimit(deps.config);
  app.use("/api/v1/auth/login", signInLimit);
  app.use("/login", signInLimit);

  app.route("/", healthRoutes(deps));

  const connections = new LiveConnections(deps.bus, deps.config);
  const streams = new SseStreams(
    deps.bus,
    deps.config,
    [metricsSnapshot(deps.metrics), unreadSnapshot(deps.database.db)],
    connections,
  );
  app.route("/", eventsRoutes(streams));
  const ws = new WsGateway(
    deps.bus,
    { db: deps.database.db, config: deps.config, metrics: deps.metrics, sessions },
    deps.log,
    connections,
  );

  const failures = deps.failures ?? new BackgroundFailures();
  const alertDeps = { db: deps.database.db, bus: deps.bus, alertEvents: deps.alertEvents };
  const alertQueue = new AlertWriteQueue(
    deps.alertSink ?? alertsServiceSink(alertDeps),
    join(cfg().dataDir, "spool", "alerts.jsonl"),
    deps.log,
  );
  app.route("/", prometheusRoutes(deps.config, deps.metrics, { alerts: alertQueue, failures }));
  const ruleEngine = new RuleEngine({
    hub: deps.metrics,
    bus: deps.bus,
    config: deps.config,
    log: deps.log,
    sink: alertQueue,
    host: deps.hostName,
    loadStored: () => loadStoredRules(deps.database.db),
    failures,
  });
  const runner = new ScanRunner({
    db: deps.database.db,
    bus: deps.bus,
    config: deps.config,
    log: deps.log,
    resolve: deps.resolve,
    onNewOpenPorts: deps.onNewOpenPorts ?? newOpenPortAlerts(alertQueue),
    failures,
  });
  const scanDeps: ScanDeps = {
    db: deps.database.db,
    bus: deps.bus,
    config: deps.config,
    runner,
    resolve: deps.resolve,
  };
  const scheduler = new ScanScheduler({ ...scanDeps, log: deps.log, failures });

  const apiRouters: ApiRouter[] = [
    authApi(deps),
    usersApi(deps),
    tokensApi(deps),
    auditApi(deps),
    systemApi(deps),
    metricsApi(deps),
    processesApi(deps),
    networkApi(),
    scansApi(deps, scanDeps),
    scanSchedulesApi(deps, scanDeps),
    windowsApi(deps),
    incidentsApi(deps),
    assetsApi(deps),
    vulnerabilitiesApi(deps),
    documentsApi(deps),
    rulesApi(deps, ruleEngine),
    socAlertsApi(deps),
    socCasesApi(deps),
    notificationsApi(deps),
    webhooksApi(deps),
    wsApi(ws),
  ];
  const apiRoutes: RegisteredRoute[] = [];
  apiRouters.push(openApiRoutes(() => apiRoutes, deps.version));
  for (const router of apiRouters) {
    app.route(`${API_BASE}${router.prefix}`, router.hono);
    apiRoutes.push(...router.routes);
  }

  const pages: [paths: string[], router: Hono<AppEnv>][] = [
    [DASHBOARD_PATHS, dashboardPages(deps)],
    [SESSION_PATHS, sessionPages(deps)],
    [SETUP_PATHS, setupPages(deps)],
    [USERS_PATHS, usersPages(deps)],
    [AUDIT_PATHS, auditPages(deps)],
    [TOKENS_PATHS, tokensPages(deps)],
    [PROFILE_PATHS, profilePages(deps)],
    [PROCESSES_PATHS, processesPages(deps)],
    [SCANS_PATHS, scansPages(deps, scanDeps)],
    [NETWORK_PATHS, networkPages()],
    [WINDOWS_PATHS, windowsPages(deps)],
    [INCIDENTS_PATHS, incidentsPages(deps)],
    // Cases and rules first: /soc/cases/… and /soc/rules/… must not be read as the alert /soc/:id.
    [SOC_CASES_PATHS, socCasesPages(deps)],
    [RULES_PATHS, rulesPages(deps, ruleEngine)],
    [SOC_PATHS, socPages(deps)],
    [ASSETS_PATHS, assetsPages(deps)],
    [VULNERABILITIES_PATHS, vulnerabilitiesPages(deps)],
    [DOCUMENTS_PATHS, documentsPages(deps)],
    [NOTIFICATIONS_PATHS, notificationsPages(deps)],
    [WEBHOOKS_PATHS, webhooksPages(deps)],
    [API_DOCS_PATHS, apiDocsPages()],
  ];
  for (const [paths, router] of pages) {
    app.route("/", router);
    for (const path of paths) pagePaths.add(path);
  }

  app.notFound(notFoundHandler);
  app.onError(errorHandler(deps.log));
  return { app, apiRoutes, streams, connections, ws, ruleEngine, alertQueue, scans: { runner, scheduler } };
}
