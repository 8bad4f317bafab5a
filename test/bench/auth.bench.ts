// What authentication costs, against the binary over loopback:
//
//   bun test/bench/auth.bench.ts [--logins=30] [--workers=4] [--requests=2000] [--duration=3] [--rounds=3] [--no-build]
//
// (a) Sign-in latency: `logins` sequential `POST /api/v1/auth/login` with the right password
//     (one argon2id verification, a few database writes, a signed JWT), then as many with a
//     wrong password and with an unknown login, which must take as long (the server verifies
//     against a dummy hash so timing reveals nothing). Client-side min/median/p90/max and the
//     server's CPU time per attempt, from /proc.
// (b) Overhead per request: the same loads as http.bench.ts (bun fetch and wrk, best of
//     `rounds`, see load.ts) for
//       - GET /healthz anonymous (public, no database),
//       - GET /api/v1/auth/me with the access JWT, with a `wdn_` API token, and anonymous (401),
//       - GET /healthz with the JWT and with the API token (the authentication middleware
//         resolves a bearer on public paths too, so this isolates it: same handler, same answer).
//     The overhead of authentication in server CPU per request is derived twice: /me signed
//     in minus /me anonymous (the 401 runs the same stack up to the auth check; the signed-in
//     /me also reads the user once more in its handler) and /healthz with a bearer minus
//     /healthz without.
// Every answer must have the expected status (200, or 401 for the anonymous /me). The rate
// limiter and the failed-sign-in limit are lifted so no answer is a 429.
import { Database } from "bun:sqlite";
import { join } from "node:path";
import {
  BENCH_USER,
  ensureBinary,
  intOption,
  NO_RATE_LIMIT,
  postLogin,
  readCpuMs,
  type SignedInServer,
  startSignedInServer,
} from "./helpers.ts";
import {
  describe,
  type Generator,
  generatorLabel,
  headline,
  type LoadOptions,
  loadOptions,
  type Measurement,
  measure,
  type Target,
} from "./load.ts";
import { figure, formatStatuses, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

/** Sign-in attempts not counted, so the JIT, the dummy hash and the database are warm. */
const WARM_UP_LOGINS = 2;

/** One series of sequential sign-in attempts. */
interface LoginSeries {
  label: string;
  times: number[];
  /** Server CPU (user + system) per attempt, in milliseconds. */
  cpuMs: number;
  statuses: Map<number, number>;
}

/** `n` sequential sign-ins with `login`/`password`; throws unless each answers `expect`. */
async function loginSeries(
  server: SignedInServer,
  label: string,
  n: number,
  credentials: { login: string; password: string; expect: number },
): Promise<LoginSeries> {
  const { login, password, expect } = credentials;
  for (let i = 0; i < WARM_UP_LOGINS; i++) await postLogin(server.url, login, password);
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const cpuBefore = readCpuMs(server.pid);
  for (let i = 0; i < n; i++) {
    const attempt = await postLogin(server.url, login, password);
    times.push(attempt.ms);
    statuses.set(attempt.status, (statuses.get(attempt.status) ?? 0) + 1);
  }
  const cpuMs = (readCpuMs(server.pid) - cpuBefore) / n;
  if ([...statuses.keys()].some((status) => status !== expect))
    throw new Error(`${label}: expected only ${expect}, got ${formatStatuses(statuses)}`);
  return { label, times, cpuMs, statuses };
}

/** The argon2 parameters of the bench admin's stored hash (`m=65536,t=2,p=1`), read from the database. */
function hashParameters(server: SignedInServer): string {
  try {
    const db = new Database(join(server.workDir, "data", "warden.db"), { readonly: true });
    try {
      const row = db
        .query<{ hash: string }, [string]>("SELECT password_hash AS hash FROM users WHERE username = ?")
        .get(BENCH_USER.username);
      const [, algorithm, , parameters] = row?.hash.split("$") ?? [];
      return algorithm && parameters ? `${algorithm} ${parameters}` : "unknown";
    } finally {
      db.close();
    }
  } catch {
    return "unknown";
  }
}

/** Server CPU while nobody calls it (the monitor samples in the background), in ms per second. */
async function idleCpuMsPerSecond(pid: number, windowMs = 2_000): Promise<number> {
  const before = readCpuMs(pid);
  await Bun.sleep(windowMs);
  return ((readCpuMs(pid) - before) * 1000) / windowMs;
}

/** Creates a personal API token for the signed-in bench admin; returns its `wdn_…` secret. */
async function createApiToken(server: SignedInServer): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/tokens`, {
    method: "POST",
    headers: { ...server.auth, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "bench" }),
  });
  const body = (await response.json()) as { token?: unknown };
  if (response.status !== 201 || typeof body.token !== "string" || !body.token.startsWith("wdn_"))
    throw new Error(`POST /api/v1/tokens answered ${response.status}: ${JSON.stringify(body)}`);
  return body.token;
}

function loginRow(series: LoginSeries): [string, string] {
  const s = stats(series.times);
  return [
    series.label,
    `min ${ms(s.min)} · median ${ms(s.median)} · p90 ${ms(s.p90)} · max ${ms(s.max)} · server CPU ${ms(series.cpuMs)}/attempt  (n=${s.n}, ${formatStatuses(series.statuses)})`,
  ];
}

/** Microseconds of server CPU per request, signed: `+41 µs`. */
function deltaUs(msPerRequest: number): string {
  if (!Number.isFinite(msPerRequest)) return "n/a";
  const us = Math.round(msPerRequest * 1000);
  return `${us >= 0 ? "+" : "−"}${Math.abs(us)} µs`;
}

/** Names of the loads, used to find them again among the measurements. */
const LOAD = {
  healthz: "GET /healthz, anonymous",
  healthzJwt: "GET /healthz, JWT bearer",
  healthzToken: "GET /healthz, wdn_ API token",
  me: "GET /api/v1/auth/me, JWT bearer",
  meToken: "GET /api/v1/auth/me, wdn_ API token",
  meAnonymous: "GET /api/v1/auth/me, anonymous → 401",
} as const;

/** Server CPU per request of load `name` with `generator`, in ms (NaN when not measured). */
function cpuOf(results: Measurement[], name: string, generator: Generator): number {
  return (
    results.find((m) => m.name === name && m.generator === generator)?.result.cpuMsPerRequest ?? Number.NaN
  );
}

/** The two derived overheads (JWT, API token) for one generator. */
function overheads(results: Measurement[], generator: Generator) {
  const me = cpuOf(results, LOAD.meAnonymous, generator);
  const healthz = cpuOf(results, LOAD.healthz, generator);
  return {
    meJwt: cpuOf(results, LOAD.me, generator) - me,
    meToken: cpuOf(results, LOAD.meToken, generator) - me,
    healthzJwt: cpuOf(results, LOAD.healthzJwt, generator) - healthz,
    healthzToken: cpuOf(results, LOAD.healthzToken, generator) - healthz,
  };
}

function generatorsOf(options: LoadOptions): Generator[] {
  return options.wrk ? ["wrk", "fetch"] : ["fetch"];
}

runBench(async () => {
  const logins = intOption("logins", "BENCH_LOGINS", 30);
  const options = loadOptions();
  heading(`auth (binary, loopback; ${logins} sequential sign-ins; loads best of ${options.rounds} rounds)`);
  await printMachine();
  await ensureBinary();
  if (!options.wrk) console.log("  wrk not installed (apt-get install wrk): bun fetch figures only");

  const server = await startSignedInServer("binary", {
    env: { ...NO_RATE_LIMIT, WARDEN_AUTH_LOGINATTEMPTSPERMINUTE: "1000" },
  });
  const series: LoginSeries[] = [];
  const results: Measurement[] = [];
  let idleCpu: number;
  let hash: string;
  try {
    hash = hashParameters(server);
    idleCpu = await idleCpuMsPerSecond(server.pid);

    const { username, password } = BENCH_USER;
    series.push(
      await loginSeries(server, "sign-in, right password → 200", logins, {
        login: username,
        password,
        expect: 200,
      }),
      await loginSeries(server, "wrong password → 401", logins, {
        login: username,
        password: `${password}-wrong`,
        expect: 401,
      }),
      await loginSeries(server, "unknown login → 401", logins, {
        login: "nobody-here",
        password,
        expect: 401,
      }),
    );

    const jwt = server.auth;
    const apiToken = { Authorization: `Bearer ${await createApiToken(server)}` };
    const healthz = `${server.url}/healthz`;
    const me = `${server.url}/api/v1/auth/me`;
    const loads: [string, Target][] = [
      [LOAD.healthz, { url: healthz }],
      [LOAD.me, { url: me, headers: jwt }],
      [LOAD.meToken, { url: me, headers: apiToken }],
      [LOAD.meAnonymous, { url: me, expect: 401 }],
      [LOAD.healthzJwt, { url: healthz, headers: jwt }],
      [LOAD.healthzToken, { url: healthz, headers: apiToken }],
    ];
    for (const [name, target] of loads) results.push(...(await measure(name, target, server.pid, options)));
  } finally {
    await server.stop();
  }

  console.log(`\nsign-in (POST /api/v1/auth/login, ${hash}; server idle CPU ${idleCpu.toFixed(1)} ms/s)`);
  printRows(series.map(loginRow));

  console.log("\nper-request load");
  printRows(results.map(({ label, result }) => [label, describe(result)]));

  console.log("\noverhead of authentication, server CPU per request");
  const rows: [string, string][] = [];
  for (const generator of generatorsOf(options)) {
    const o = overheads(results, generator);
    const label = generatorLabel(generator, options);
    rows.push(
      [`/me JWT − /me anonymous 401, ${label}`, deltaUs(o.meJwt)],
      [`/me wdn_ token − /me anonymous 401, ${label}`, deltaUs(o.meToken)],
      [`/healthz JWT − /healthz anonymous, ${label}`, deltaUs(o.healthzJwt)],
      [`/healthz wdn_ token − /healthz anonymous, ${label}`, deltaUs(o.healthzToken)],
    );
  }
  printRows(rows);

  console.log("");
  const [right, wrong, unknown] = series;
  if (right) {
    const s = stats(right.times);
    figure(
      `Sign-in, POST /api/v1/auth/login, ${hash} (median / p90 / max of ${s.n})`,
      `${ms(s.median)} / ${ms(s.p90)} / ${ms(s.max)} · server CPU ${ms(right.cpuMs)}/sign-in`,
    );
  }
  if (wrong && unknown)
    figure(
      "Failed sign-in: wrong password / unknown login (median; server CPU)",
      `${ms(stats(wrong.times).median)} / ${ms(stats(unknown.times).median)} (${ms(wrong.cpuMs)} / ${ms(unknown.cpuMs)})`,
    );
  const [primary, secondary] = generatorsOf(options) as [Generator, Generator?];
  for (const name of [LOAD.healthz, LOAD.me, LOAD.meToken, LOAD.meAnonymous]) {
    const m = results.find((r) => r.name === name && r.generator === primary);
    if (m) figure(m.label, headline(m.result));
  }
  const pair = (generator: Generator, jwt: number, token: number) =>
    `JWT ${deltaUs(jwt)} · wdn_ token ${deltaUs(token)} (${generatorLabel(generator, options)})`;
  const main = overheads(results, primary);
  const other = secondary ? overheads(results, secondary) : undefined;
  /** One overhead figure: the JWT's and the wdn_ token's, per load generator. */
  const overheadFigure = (name: string, route: "me" | "healthz") => {
    const [jwt, token] = [`${route}Jwt`, `${route}Token`] as const;
    const pairs = [pair(primary, main[jwt], main[token])];
    if (other && secondary) pairs.push(pair(secondary, other[jwt], other[token]));
    figure(name, pairs.join("; "));
  };
  overheadFigure("Authentication overhead, server CPU/request: signed-in /me − anonymous 401 /me", "me");
  overheadFigure("Authentication overhead, server CPU/request: /healthz with bearer − without", "healthz");
});
