import { beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "../helpers/build.ts";
import { runWarden, startWarden } from "../helpers/process.ts";

// No Docker engine runs where these tests run: they read the Dockerfile and compose.yaml and run
// what the image runs (the same commands and environment) without a container.

const root = join(import.meta.dir, "../..");
const binary = join(root, "dist/warden");

beforeAll(() => build(), 120_000);

/** One Dockerfile instruction: its keyword and its arguments (continuation lines joined). */
interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's stages in order, each with its instructions (FROM first). */
function dockerfileStages(text: string): Instruction[][] {
  const lines = text
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const stages: Instruction[][] = [];
  for (const line of lines) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === "FROM") stages.push([instruction]);
    else stages.at(-1)?.push(instruction);
  }
  return stages;
}

const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
const stages = dockerfileStages(dockerfile);
const [builder, runtime] = stages as [Instruction[], Instruction[]];
const all = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword);
const one = (stage: Instruction[], keyword: string) => {
  const found = all(stage, keyword);
  expect(found.length).toBe(1);
  return (found[0] as Instruction).args;
};
/** The ENV of the runtime stage: what the server and its health check run with. */
const imageEnv: Record<string, string> = Object.fromEntries(
  all(runtime, "ENV").flatMap((i) => [...i.args.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])),
);

describe("Dockerfile", () => {
  test("two stages: Bun (pinned to the version the tests use) builds, distroless runs", () => {
    expect(stages.length).toBe(2);
    const bunVersion = /^BUN_VERSION=(\S+)$/m.exec(
      readFileSync(join(root, "scripts/install-test-deps.sh"), "utf8"),
    );
    expect(dockerfile).toContain(`ARG BUN_VERSION=${bunVersion?.[1]}`);
    expect(builder[0]?.args).toBe(`oven/bun:$\{BUN_VERSION} AS build`);
    const runs = all(builder, "RUN").map((i) => i.args);
    expect(runs).toContain("bun install --frozen-lockfile --ignore-scripts");
    expect(runs.some((r) => r.startsWith("bun scripts/build.ts && ./dist/warden --version"))).toBe(true);
    expect(runtime[0]?.args).toBe("gcr.io/distroless/cc-debian12:nonroot AS runtime");
  });

  test("the runtime stage holds the binary only, runs it as a non-root user, keeps data in a volume", () => {
    expect(all(runtime, "COPY").map((i) => i.args)).toEqual([
      "--from=build /src/dist/warden /usr/local/bin/warden",
      "--from=build --chown=65532:65532 /out/data /data",
    ]);
    expect(all(runtime, "RUN")).toEqual([]);
    const user = one(runtime, "USER");
    expect(user).toBe("65532:65532");
    expect(user.split(":")[0]).not.toBe("0");
    expect(JSON.parse(one(runtime, "VOLUME"))).toEqual([imageEnv.WARDEN_DATADIR]);
    expect(JSON.parse(one(runtime, "ENTRYPOINT"))).toEqual(["/usr/local/bin/warden"]);
    expect(JSON.parse(one(runtime, "CMD"))).toEqual(["serve"]);
    expect(one(runtime, "EXPOSE")).toBe(imageEnv.WARDEN_SERVER_PORT as string);
  });

  test("HEALTHCHECK runs the binary's own probe (distroless has no curl)", () => {
    const check = one(runtime, "HEALTHCHECK");
    expect(check).toMatch(/^--interval=\d+s --timeout=\d+s --start-period=\d+s --retries=\d+ CMD /);
    expect(JSON.parse(check.slice(check.indexOf("CMD ") + 4))).toEqual(["/usr/local/bin/warden", "health"]);
  });

  test(".dockerignore keeps everything the build stage needs in the context", () => {
    const ignored = readFileSync(join(root, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"));
    for (const needed of [
      "src",
      "views",
      "public",
      "config",
      "migrations",
      "locales",
      "scripts",
      "package.json",
      "bun.lock",
    ])
      expect(ignored).not.toContain(needed);
    for (const left of ["node_modules", "dist", "data", ".git"]) expect(ignored).toContain(left);
  });

  test("the image's environment is a valid production configuration with the data in the volume", () => {
    const { code, stdout } = runWarden(["config", "check"], {
      env: { ...imageEnv, WARDEN_ENV: "production" },
    });
    expect(code).toBe(0);
    expect(stdout).toMatch(/dataDir\s+"\/data"\s+env WARDEN_DATADIR/);
    expect(stdout).toMatch(/server\.host\s+"0\.0\.0\.0"\s+env WARDEN_SERVER_HOST/);
  });
});

describe("compose.yaml", () => {
  test("runs Warden alone from this Dockerfile with its data in a named volume", () => {
    const compose = Bun.YAML.parse(readFileSync(join(root, "compose.yaml"), "utf8")) as {
      services: Record<string, { build: string; ports: string[]; volumes: string[]; cap_drop: string[] }>;
      volumes: Record<string, unknown>;
    };
    expect(Object.keys(compose.services)).toEqual(["warden"]);
    const warden = compose.services.warden;
    expect(warden?.build).toBe(".");
    expect(warden?.ports).toEqual([`127.0.0.1:8000:${imageEnv.WARDEN_SERVER_PORT}`]);
    expect(warden?.volumes).toEqual([`warden-data:${imageEnv.WARDEN_DATADIR}`]);
    expect(Object.keys(compose.volumes)).toEqual(["warden-data"]);
    expect(warden?.cap_drop).toEqual(["ALL"]);
  });
});

describe("warden health (the HEALTHCHECK command) against a running server", () => {
  test("the binary: exit 0 with the /readyz answer while it serves as the image runs it; exit 1 once it stopped", async () => {
    // As in the image: the production binary, every address, data in its own directory.
    const image = { ...imageEnv, WARDEN_ENV: "", WARDEN_DATADIR: "data" };
    const server = await startWarden({ command: [binary], env: image });
    const env = { ...image, WARDEN_SERVER_PORT: new URL(server.url).port };
    const health = () => runWarden(["health"], { cwd: server.cwd, env, command: [binary] });
    try {
      const ready = health();
      expect(ready.stderr).toBe("");
      expect(ready.code).toBe(0);
      expect(ready.stdout).toContain(`http://127.0.0.1:${env.WARDEN_SERVER_PORT}/readyz: `);
      expect(ready.stdout).toContain('"status":"ready"');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const down = health();
    expect(down.code).toBe(1);
    expect(down.stderr).toStartWith(`warden: http://127.0.0.1:${env.WARDEN_SERVER_PORT}/readyz: no answer`);
  }, 30_000);
});
