import { join } from "node:path";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import type { AppDeps } from "./deps.ts";
import { ModuleRouters, type RouteManifest } from "./kit/module-routers.ts";
import { installPermissions } from "./kit/rbac.ts";
import { allowedMethods } from "./lib/allowed-methods.ts";
import { API_BASE } from "./lib/api-path.ts";
import type { RegisteredRoute } from "./lib/api-router.ts";
import { BackgroundFailures } from "./lib/background-failures.ts";
import type { AppEnv } from "./lib/context.ts";
import { openApiRoutes } from "./lib/openapi-route.ts";
import { accessLog } from "./middleware/access-log.ts";
import { allowedHosts } from "./middleware/allowed-hosts.ts";
import { authenticate } from "./middleware/auth.ts";
import { bodyLimitFromConfig } from "./middleware/body-limit.ts";
import { corsFromConfig } from "./middleware/cors.ts";
import { csrfProtection } from "./middleware/csrf.ts";
import { errorHandler, notFoundHandler } from "./middleware/error-handler.tsx";
import { httpMetrics } from "./middleware/http-metrics.ts";
import { attemptAccount, loginLimit } from "./middleware/login-limit.ts";
import { rejectMalformedPaths } from "./middleware/path-encoding.ts";
import { rateLimitFromConfig } from "./middleware/rate-limit.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { staticAssets } from "./middleware/static-assets.ts";
import { viewContext, viewUser } from "./middleware/view-context.ts";
import { sessionAuthenticator } from "./modules/auth/authenticator.ts";
import { challengeLogin } from "./modules/auth/mfa-challenges.ts";
import { readChallengeCookie } from "./modules/auth/mfa-cookie.ts";
import { SessionCache } from "./modules/auth/session-cache.ts";
import type { ModuleContext } from "./modules/context.ts";
import { AgentGateway } from "./modules/hosts/gateway.ts";
import { agentHostsForRules } from "./modules/hosts/rule-hosts.ts";
import { MODULES, NAVIGATION, PERMISSIONS } from "./modules/index.ts";
import { unreadSnapshot } from "./modules/notifications/service.ts";
import { ROUTE_MANIFEST } from "./modules/route-manifest.ts";
import { loadStoredRules } from "./modules/rules/service.ts";
import { newOpenPortAlerts } from "./modules/scans/alerts.ts";
import { ScanRunner } from "./modules/scans/runner.ts";
import { ScanScheduler } from "./modules/scans/scheduler.ts";
import type { ScanDeps } from "./modules/scans/service.ts";
import { alertsServiceSink } from "./modules/soc/alert-sink.ts";
import { AlertWriteQueue } from "./monitor/alert-queue.ts";
import { AppMetrics } from "./monitor/app-metrics.ts";
import { metricsSnapshot } from "./monitor/hub.ts";
import { prometheusRoutes } from "./monitor/prometheus-route.ts";
import { RuleEngine } from "./monitor/rule-engine.ts";
import { eventsRoutes } from "./realtime/events-route.ts";
import { LiveConnections } from "./realtime/live-connections.ts";
import { SseStreams } from "./realtime/sse.ts";
import { WsGateway, wsApi } from "./realtime/ws.ts";

/** Routes that take a file (an import), with the largest body each may have: from the module declarations. */
const UPLOAD_LIMITS = new Map(
  MODULES.flatMap(({ uploads }) =>
    uploads ? uploads.paths.map((path) => [path, uploads.maxBytes] as const) : [],
  ),
);

/** The largest body any file route takes (Bun's own request limit must let it through). */
export const LARGEST_UPLOAD_BYTES = Math.max(0, ...UPLOAD_LIMITS.values());

/**
 * The Hono app plus the declared API routes (for the OpenAPI document and its tests), and
 * the runners `serve` starts and stops.
 */
export type WardenApp = ReturnType<typeof createApp>;

/**
 * Builds the HTTP application: middleware in order, then the live and metrics endpoints,
 * then every module's routers from ONE list ({@link MODULES}: API routers, then page
 * routers, each in list order), then the error mapping. With a route manifest (the binary's,
 * {@link ROUTE_MANIFEST}) the modules' routers are built on their first request.
 */
export function createApp(deps: AppDeps, manifest: RouteManifest | null = ROUTE_MANIFEST) {
  installPermissions(PERMISSIONS);
  const app = new Hono<AppEnv>();
  const cfg = () => deps.config.get();
  const pagePaths = new Set(MODULES.flatMap((module) => (module.pages ?? []).flatMap((page) => page.paths)));
  const sessions = new SessionCache(deps.bus);
  const authenticator = sessionAuthenticator({ db: deps.database.db, config: deps.config, sessions });

  const appMetrics = deps.appMetrics ?? new AppMetrics();
  app.use(httpMetrics(appMetrics));
  app.use(requestId());
  app.use(
    viewContext({
      catalogs: deps.catalogs,
      assets: deps.assets,
      pages: pagePaths,
      navigation: NAVIGATION,
      hostName: deps.hostName,
      version: deps.version,
      liveSince: () => deps.bus.lastId,
    }),
  );
  app.use(accessLog(deps.log));
  app.use(securityHeaders({ hsts: cfg().server.tls.cert !== null }));
  app.use(allowedHosts(cfg));
  app.use(corsFromConfig(() => cfg().cors.origins));
  app.use(rateLimitFromConfig(cfg, "ip"));
  app.use(compress());
  app.use(bodyLimitFromConfig((path) => Math.max(cfg().server.bodyLimitBytes, UPLOAD_LIMITS.get(path) ?? 0)));
  app.use(rejectMalformedPaths());
  app.use(staticAssets(deps.assets));
  app.use(authenticate(deps.config, authenticator));
  app.use(viewUser(deps.catalogs, NAVIGATION));
  app.use(rateLimitFromConfig(cfg, "user"));
  app.use(csrfProtection(() => cfg().server.trustProxy));
  const signInLimit = loginLimit(
    deps.config,
    attemptAccount((c) => challengeLogin(deps.database.db, readChallengeCookie(c))),
  );
  app.use("/api/v1/auth/login", signInLimit);
  // The password, the second-factor code and the passkey steps alike.
  app.use("/login/*", signInLimit);
  // A current password or code asked of a signed-in user (a new password, turning the app
  // off, new recovery codes, adding a passkey).
  const currentSecretLimit = loginLimit(deps.config, async (c) => `user:${c.get("actor")?.id}`);
  for (const path of [
    "/api/v1/auth/password",
    "/profile/password",
    "/profile/security/totp/disable",
    "/profile/security/recovery",
    "/profile/security/passkeys/options",
  ])
    app.use(path, currentSecretLimit);

  const connections = new LiveConnections(deps.bus, deps.config);
  const streams = new SseStreams(
    deps.bus,
    deps.config,
    [metricsSnapshot(deps.metrics), unreadSnapshot(deps.database.db)],
    connections,
  );
  app.route("/", eventsRoutes(streams));

  const failures = deps.failures ?? new BackgroundFailures();
  const alertDeps = { db: deps.database.db, bus: deps.bus, alertEvents: deps.alertEvents };
  const alertQueue = new AlertWriteQueue(
    deps.alertSink ?? alertsServiceSink(alertDeps),
    join(cfg().dataDir, "spool", "alerts.jsonl"),
    deps.log,
  );
  const ruleEngine = new RuleEngine({
    hub: deps.metrics,
    bus: deps.bus,
    config: deps.config,
    log: deps.log,
    sink: alertQueue,
    host: deps.hostName,
    loadStored: () => loadStoredRules(deps.database.db),
    agentHosts: () => agentHostsForRules(deps.database.db),
    failures,
  });
  /** What the scan runner and services and the agents' gateway all take first. */
  const core = { db: deps.database.db, bus: deps.bus, config: deps.config, log: deps.log };
  const runner = new ScanRunner({
    ...core,
    resolve: deps.resolve,
    onNewOpenPorts: deps.onNewOpenPorts ?? newOpenPortAlerts(alertQueue),
    failures,
    probes: appMetrics.scanProbes,
  });
  const scanDeps: ScanDeps = { ...core, runner, resolve: deps.resolve };
  const scheduler = new ScanScheduler({ ...scanDeps, log: deps.log, failures });

  const search = MODULES.flatMap((module) => module.search ?? []);
  const hosts = new AgentGateway({
    ...core,
    version: deps.version,
    failures,
    alerts: alertQueue,
    rules: ruleEngine,
    writeDurations: appMetrics.hostSampleWrites,
  });
  const ctx: ModuleContext = { deps, ruleEngine, scans: scanDeps, hosts, search };
  app.route(
    "/",
    prometheusRoutes(deps.config, {
      metrics: deps.metrics,
      app: appMetrics,
      gauges: MODULES.flatMap((module) => (module.gauges ?? []).map((gauge) => gauge(ctx))),
      alerts: alertQueue,
      failures,
      writer: deps.database.writer,
      log: deps.log,
      version: deps.version,
    }),
  );
  const methods = Object.fromEntries(MODULES.flatMap((module) => Object.entries(module.ws?.(ctx) ?? {})));
  const ws = new WsGateway(deps.bus, { config: deps.config, authenticator, methods }, deps.log, connections);
  const routers = new ModuleRouters(MODULES, ctx, manifest);
  routers.mountApis(app);
  const ownRouters = [wsApi(ws), openApiRoutes(() => apiRoutes(), deps.version)];
  const apiRoutes = (): RegisteredRoute[] => [
    ...routers.apiRoutes(),
    ...ownRouters.flatMap((router) => router.routes),
  ];
  for (const router of ownRouters) app.route(`${API_BASE}${router.prefix}`, router.hono);
  routers.mountPages(app);

  app.notFound(notFoundHandler(allowedMethods(app, API_BASE)));
  app.onError(errorHandler(deps.log));
  return {
    app,
    /** Every declared API route, in mount order (builds the API routers not built yet). */
    apiRoutes,
    /** The routes mounted for each module: the given manifest, or those of the routers built now. */
    routeManifest: routers.manifest,
    /** Open live streams, closed on shutdown. */
    streams,
    /** Every live connection (streams and sockets) with the credential it was opened with. */
    connections,
    /** The WebSocket gateway: its handlers go to `Bun.serve`, its connections close on shutdown. */
    ws,
    /** The alert rule engine: `serve` starts it once the hub runs and stops it on shutdown. */
    ruleEngine,
    /** Where rules and scans raise alerts: stores each or retries until stored; `serve` stops it last. */
    alertQueue,
    /** The scan runner (background scans, queue, cancel) and the schedules firing scans. */
    scans: { runner, scheduler },
    /** The agents' gateway: `serve` starts its sample writer and stops it after the server. */
    hosts,
    /** Runs the modules' startup hooks in module order (`serve` calls it once, before listening). */
    startup: async () => {
      for (const module of MODULES) await module.startup?.(ctx);
    },
  };
}
