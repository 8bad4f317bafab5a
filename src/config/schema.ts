import { z } from "zod";
import { ROLES } from "../db/schema/users.ts";
import { parseCidr } from "../lib/cidr.ts";
import { configRuleSchema } from "../lib/rule-definition.ts";
import { isAllowlistEntry, PUBLIC_ENTRY } from "../lib/special-addresses.ts";
import { PIN_FORMAT, PIN_PATTERN } from "../lib/spki-pin.ts";

/**
 * Classes of hub requests `warden agent` may carry out (`agent.allow`; none by default):
 * sending signals to processes, renicing them, acting on windows, port scans from its host.
 */
export const AGENT_ACTION_CLASSES = ["signals", "renice", "windows", "scans"] as const;

/** A class of remote actions an agent may allow. */
export type AgentActionClass = (typeof AGENT_ACTION_CLASSES)[number];

/** Log levels, lowest to highest severity. */
export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

/** Known-weak values refused as `security.jwtSecret` in production. */
export const WEAK_SECRETS = ["secret", "changeme", "change-me", "password", "warden", "jwtsecret", "test"];

/** Minimum length of `security.jwtSecret` in production. */
export const MIN_SECRET_LENGTH = 32;

/** The colours a risk level can take: each is a token of the theme (green = --ok, red = --sev-critical …). */
export const RISK_LEVEL_COLORS = ["green", "blue", "amber", "orange", "red", "grey"] as const;

/** A level colour of the risk matrix. */
export type RiskLevelColor = (typeof RISK_LEVEL_COLORS)[number];

/** Who may sign in with a password: everyone, only admins (break-glass beside single sign-on), or no one. */
export const LOCAL_SIGN_IN = ["everyone", "admins", "off"] as const;

/** True for a loopback host name or address (an identity provider may speak plain HTTP only there). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Builds the one schema of Warden's configuration. Every key is required here because
 * `config/default.json` is the lowest layer and carries every default; strict
 * objects make a misspelt key an error instead of a silently ignored setting.
 * Built for each load and reload and dropped after it: a running server does not hold its
 * ~0.9 MiB of zod objects.
 */
export function configSchema() {
  /** A whole number from `min` to `max`. */
  const intIn = (min: number, max: number) => z.number().int().min(min).max(max);
  const port = intIn(0, 65535);
  const nullableString = z.string().min(1).nullable();
  const rateGroup = z.strictObject({
    maxPerIp: z.number().int().min(1),
    maxPerUser: z.number().int().min(1),
  });
  const slaDays = intIn(1, 3650);
  const cidrEntry = z
    .string()
    .refine((entry) => parseCidr(entry) !== null, "must be an IP address or CIDR range");
  const riskLabels = z.array(z.string().trim().min(1).max(40)).min(2).max(10);
  const roleName = z.enum(ROLES);
  /** One OpenID Connect provider of `auth.oidc.providers`. */
  const oidcProviderSchema = z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "lower-case letters, digits and dashes, up to 32"),
    name: z.string().trim().min(1).max(60),
    issuer: z.url().refine((v) => {
      const url = new URL(v);
      return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
    }, "must be https:// (plain http only on a loopback address)"),
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().min(1).max(500).nullable().default(null),
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/))
      .min(1)
      .max(20)
      .refine((v) => v.includes("openid"), "must include openid")
      .default(["openid", "email", "profile"]),
    roleClaim: z.string().min(1).max(200).default("groups"),
    roles: z.record(z.string().min(1).max(200), roleName).default({}),
    defaultRole: roleName.nullable().default(null),
    allowedDomains: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "a domain such as example.com"),
      )
      .max(100)
      .default([]),
    createUsers: z.boolean().default(false),
    syncRole: z.boolean().default(false),
  });
  return z
    .strictObject({
      env: z.enum(["development", "production"]),
      server: z.strictObject({
        host: z.string().min(1),
        port,
        tls: z.strictObject({ cert: nullableString, key: nullableString }),
        bodyLimitBytes: intIn(1024, 1024 * 1024 * 1024),
        trustProxy: z.boolean(),
        trustedProxies: z.array(cidrEntry),
        allowedHosts: z
          .array(
            z
              .string()
              .regex(
                /^(\*|\.?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/,
                "must be a host name (no port), .example.com for it and its subdomains, or *",
              ),
          )
          .max(100),
        shutdownTimeoutMs: intIn(100, 120_000),
        jit: z.enum(["adaptive", "normal"]),
      }),
      dataDir: z.string().min(1),
      database: z.strictObject({
        url: z
          .string()
          .regex(
            /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/,
            "must start with file:, libsql://, http(s):// or ws(s)://",
          )
          .nullable(),
        authToken: nullableString,
        busyTimeoutMs: intIn(0, 600_000),
      }),
      log: z.strictObject({ level: z.enum(LOG_LEVELS), format: z.enum(["json", "pretty"]) }),
      security: z.strictObject({ jwtSecret: nullableString, accessTokenTtlSeconds: intIn(60, 86_400) }),
      auth: z.strictObject({
        allowRegistration: z.boolean(),
        passwordMinLength: intIn(8, 128),
        refreshTokenTtlDays: intIn(1, 365),
        loginAttemptsPerMinute: intIn(1, 1000),
        requireMfaFor: z.array(roleName),
        passkeys: z.strictObject({ rpId: z.string().min(1).max(253).nullable(), origins: z.array(z.url()) }),
        localSignIn: z.enum(LOCAL_SIGN_IN),
        oidc: z.strictObject({ providers: z.array(oidcProviderSchema).max(10) }),
      }),
      cors: z.strictObject({ origins: z.array(z.url()) }),
      rateLimit: z.strictObject({
        enabled: z.boolean(),
        windowMs: intIn(1000, 3_600_000),
        groups: z.strictObject({ auth: rateGroup, api: rateGroup, pages: rateGroup }),
      }),
      monitor: z.strictObject({
        intervalMs: intIn(250, 60_000),
        filesystemIntervalMs: intIn(1000, 3_600_000),
        processIntervalMs: intIn(500, 60_000),
        historyMinutes: intIn(1, 240),
        prometheus: z.boolean(),
        retention: z.strictObject({ minuteDays: intIn(1, 3650), hourDays: intIn(1, 36_500) }),
      }),
      desktop: z.strictObject({
        display: z.string().min(1).max(100).nullable(),
        xauthority: z.string().min(1).max(4096).nullable(),
      }),
      agent: z.strictObject({
        hub: z
          .string()
          .regex(/^(https?|wss?):\/\//, "must start with https://, wss://, or http:// or ws:// on loopback")
          .nullable(),
        token: nullableString,
        name: z.string().min(1).max(253).nullable(),
        bufferMinutes: intIn(1, 1440),
        reconnectMinMs: intIn(100, 60_000),
        reconnectMaxMs: intIn(1000, 600_000),
        pin: z.array(z.string().regex(PIN_PATTERN, PIN_FORMAT)).max(10),
        allow: z.array(z.enum(AGENT_ACTION_CLASSES)).max(AGENT_ACTION_CLASSES.length),
        scanTargets: z.array(cidrEntry),
      }),
      hosts: z.strictObject({
        staleAfterSeconds: intIn(2, 3600),
        downAfterSeconds: intIn(5, 86_400),
        sampleRetentionHours: intIn(1, 720),
        maxMessagesPerSecond: intIn(1, 1000),
      }),
      realtime: z.strictObject({ maxStreamsPerUser: intIn(1, 100), heartbeatMs: intIn(1000, 60_000) }),
      i18n: z.strictObject({ defaultLocale: z.string().min(2) }),
      alerts: z.strictObject({
        defaults: z.boolean(),
        rules: z.array(configRuleSchema).max(500),
        portIntervalMs: intIn(1000, 3_600_000),
      }),
      smtp: z.strictObject({
        host: z.string().min(1).max(255).nullable(),
        port,
        secure: z.boolean(),
        starttls: z.boolean(),
        user: nullableString,
        password: nullableString,
        from: z.string().min(3).max(320),
      }),
      notifications: z.strictObject({
        publicUrl: z.url().nullable(),
        pollIntervalMs: intIn(100, 600_000),
        concurrency: intIn(1, 32),
        maxAttempts: intIn(1, 50),
        backoffBaseMs: intIn(10, 3_600_000),
        backoffMaxMs: intIn(10, 86_400_000),
        timeoutMs: intIn(100, 120_000),
        overdueCheckMinutes: intIn(1, 10_080),
        retentionDays: intIn(1, 3650),
      }),
      webhooks: z.strictObject({
        allowedTargets: z.array(
          z.string().refine(isAllowlistEntry, `must be an IP address, a CIDR range or "${PUBLIC_ENTRY}"`),
        ),
      }),
      scanner: z.strictObject({
        allowedTargets: z.array(cidrEntry),
        concurrency: intIn(1, 10_000),
        maxConcurrency: intIn(1, 10_000),
        connectTimeoutMs: intIn(50, 30_000),
        bannerTimeoutMs: intIn(0, 5000),
        maxProbesPerScan: intIn(1, 4_294_967_296),
        maxConcurrentScans: intIn(1, 64),
        minScheduleIntervalSeconds: intIn(1, 86_400),
      }),
      vulnerabilities: z.strictObject({
        sla: z.strictObject({
          criticalDays: slaDays,
          highDays: slaDays,
          mediumDays: slaDays,
          lowDays: slaDays,
        }),
      }),
      risk: z.strictObject({
        matrix: z.strictObject({
          likelihood: riskLabels,
          impact: riskLabels,
          levels: z
            .array(
              z.strictObject({ name: z.string().trim().min(1).max(40), color: z.enum(RISK_LEVEL_COLORS) }),
            )
            .min(1)
            .max(10),
          grid: z.array(z.array(z.number().int().min(0))),
        }),
        appetite: z.number().int().min(0),
      }),
    })
    .superRefine((cfg, ctx) => {
      const issue: IssueAt = (path, message) => ctx.addIssue({ code: "custom", path, message });
      const { cert, key } = cfg.server.tls;
      if ((cert === null) !== (key === null))
        issue(
          ["server", "tls", cert === null ? "cert" : "key"],
          "server.tls.cert and server.tls.key must be set together",
        );
      const ruleIds = new Set<string>();
      cfg.alerts.rules.forEach((rule, i) => {
        if (ruleIds.has(rule.id) || rule.id.startsWith("default-"))
          issue(
            ["alerts", "rules", i, "id"],
            `rule id ${rule.id} is used twice (ids starting with default- belong to the shipped rules)`,
          );
        ruleIds.add(rule.id);
      });
      checkRiskMatrix(cfg.risk, issue);
      const providerIds = new Set<string>();
      cfg.auth.oidc.providers.forEach((provider, i) => {
        if (providerIds.has(provider.id))
          issue(["auth", "oidc", "providers", i, "id"], `provider id ${provider.id} is used twice`);
        providerIds.add(provider.id);
      });
      const secret = cfg.security.jwtSecret;
      if (cfg.env === "production" && secret !== null) {
        if (secret.length < MIN_SECRET_LENGTH || WEAK_SECRETS.includes(secret.toLowerCase()))
          issue(
            ["security", "jwtSecret"],
            `too weak for production: use at least ${MIN_SECRET_LENGTH} random characters, or leave it unset to have one generated`,
          );
      }
    });
}

/** Reports a problem of the configuration at a key path. */
type IssueAt = (path: (string | number)[], message: string) => void;

/**
 * The risk matrix must be whole: one grid row per likelihood, one cell per impact in each,
 * every cell and the appetite naming a level that exists.
 */
function checkRiskMatrix(risk: Config["risk"], issue: IssueAt): void {
  const { likelihood, impact, levels, grid } = risk.matrix;
  if (grid.length !== likelihood.length)
    issue(
      ["risk", "matrix", "grid"],
      `needs one row per likelihood (${likelihood.length}), has ${grid.length}`,
    );
  grid.forEach((row, l) => {
    if (row.length !== impact.length)
      issue(["risk", "matrix", "grid", l], `needs one cell per impact (${impact.length}), has ${row.length}`);
    row.forEach((level, i) => {
      if (level >= levels.length)
        issue(
          ["risk", "matrix", "grid", l, i],
          `level ${level} does not exist (levels 0 to ${levels.length - 1})`,
        );
    });
  });
  if (risk.appetite >= levels.length)
    issue(["risk", "appetite"], `level ${risk.appetite} does not exist (levels 0 to ${levels.length - 1})`);
}

/** The validated, frozen configuration every part of Warden receives. */
export type Config = Readonly<z.infer<ReturnType<typeof configSchema>>>;

/** A configured OpenID Connect provider. */
export type OidcProviderConfig = Config["auth"]["oidc"]["providers"][number];

/**
 * Key paths that cannot change while the server runs. A reload that changes one
 * keeps the running value and logs "restart required".
 */
export const RESTART_KEYS = [
  "env",
  "server.host",
  "server.port",
  "server.tls.cert",
  "server.tls.key",
  "dataDir",
  "database.url",
  "database.authToken",
  "database.busyTimeoutMs",
  "security.jwtSecret",
  "i18n.defaultLocale",
  "agent.hub",
  "agent.token",
  "agent.name",
  "agent.bufferMinutes",
  "agent.reconnectMinMs",
  "agent.reconnectMaxMs",
  "agent.pin",
  "agent.allow",
  "agent.scanTargets",
] as const;

/** Key paths whose values are secrets: masked wherever the config is shown. */
export const SECRET_KEYS = [
  "database.authToken",
  "security.jwtSecret",
  "smtp.password",
  "agent.token",
] as const;

/** Fields of objects inside lists (an OIDC provider's) whose values are secrets: masked the same way. */
export const SECRET_ITEM_FIELDS = ["clientSecret"] as const;
