import { LiveConfig } from "../config/live.ts";
import { createLogger } from "../lib/log.ts";
import { listeningPorts, processReport, windowReport } from "../modules/hosts/agent-reports.ts";
import { type Hello, PROTOCOL_VERSION } from "../modules/hosts/protocol.ts";
import { readDesktopWindows } from "../modules/windows/service.ts";
import { hostAddresses, machineKey } from "../monitor/host-identity.ts";
import { MetricsHub } from "../monitor/hub.ts";
import type { FilesystemUsage, HostInfo, Sample } from "../monitor/sample.ts";
import { Bus } from "../realtime/bus.ts";
import { VERSION } from "../version.ts";
import { readCredential, writeCredential } from "./agent/credential-file.ts";
import { agentSocketUrl, HubLink } from "./agent/hub-link.ts";
import { hubPin } from "./agent/pin.ts";
import { RemoteActions } from "./agent/remote-actions.ts";
import { SampleBuffer } from "./agent/sample-buffer.ts";
import { WatchedTable } from "./agent/watched-table.ts";
import { type CommandArgs, CommandFailed, UsageError } from "./args.ts";
import { loadCommandConfig } from "./bootstrap.ts";

/** Shortest pause between two window lists sent to the hub. */
const WINDOWS_EVERY_MS = 2000;

/**
 * `warden agent`: samples this host with the same sampler worker as `serve` and streams the
 * samples to a hub over one outbound WebSocket. Carries out the hub's remote actions that its
 * own `agent.allow` enables. Keeps no database and serves nothing; its files are its
 * credential and its audit file in the data dir. Resolves when stopped (SIGTERM/SIGINT).
 * @throws CommandFailed when there is no hub or no way to authenticate, or the hub refuses for good.
 */
export async function agentCommand({ flags, agent }: CommandArgs): Promise<void> {
  const { loaded, load } = loadCommandConfig(flags, "read");
  const log = createLogger(() => loaded.config.log);
  const live = new LiveConfig(loaded, load, log);
  const config = live.get();
  const hub = agent.hub ?? config.agent.hub;
  if (!hub) throw new CommandFailed("no hub: pass --hub URL or set agent.hub");
  const url = givenOnCommandLine(agent.hub !== undefined, () => agentSocketUrl(hub));
  const pin = givenOnCommandLine(agent.pin !== undefined, () =>
    hubPin(url, agent.pin ?? config.agent.pin, log),
  );
  const stored = readCredential(config.dataDir);
  let credential = stored && stored.hub === url.origin ? stored : null;
  const token = agent.token ?? config.agent.token;
  if (!credential && !token)
    throw new CommandFailed(
      `not enrolled with ${url.origin}: pass --token with an enrolment token an admin created on the hub`,
    );

  const bus = new Bus();
  const metrics = new MetricsHub({ bus, config: live, log });
  const buffer = new SampleBuffer(
    Math.ceil((config.agent.bufferMinutes * 60_000) / config.monitor.intervalMs),
  );
  const host = await new Promise<HostInfo>((resolve) => {
    const stop = metrics.onHost((facts) => {
      resolve(facts);
      queueMicrotask(() => stop());
    });
    metrics.start();
  });
  const name = config.agent.name;
  const key = machineKey(host.hostname, undefined, name);
  const hello = (): Hello => ({
    type: "hello",
    protocol: PROTOCOL_VERSION,
    agentVersion: VERSION,
    machineKey: key,
    clock: Date.now(),
    host: { ...host, hostname: name ?? host.hostname, ipAddresses: hostAddresses() },
    ...(credential
      ? { credential: { id: credential.id, secret: credential.secret } }
      : { enrol: { token: token ?? "" } }),
    allow: [...live.get().agent.allow],
  });
  const actions = new RemoteActions(live, log);

  let failure: string | null = null;
  const { promise: done, resolve: finish } = Promise.withResolvers<void>();
  // While the hub watches this host's processes: the busiest of them every tick; its windows
  // every tick too, but not more often than every 2 s (each listing runs the desktop tools).
  const processes = new WatchedTable(
    async () => {
      const table = await metrics.processes();
      link.sendNow({
        type: "processes",
        at: table.at,
        total: table.processes.length,
        processes: processReport(table.processes),
      });
    },
    config.monitor.intervalMs,
    (error) => log.warn("could not read the process table", { error }),
  );
  const windows = new WatchedTable(
    async () => {
      const at = Date.now();
      const list = await readDesktopWindows(live);
      link.sendNow({ type: "windows", at, ...windowReport(list) });
    },
    Math.max(WINDOWS_EVERY_MS, config.monitor.intervalMs),
    (error) => log.warn("could not list the desktop's windows", { error }),
  );
  const link = new HubLink({
    url,
    hello,
    buffer,
    log,
    reconnect: { minMs: config.agent.reconnectMinMs, maxMs: config.agent.reconnectMaxMs },
    pin,
    events: {
      enrolled: (given) => {
        credential = { hub: url.origin, ...given };
        writeCredential(config.dataDir, credential);
        log.info("enrolled with the hub", { hub: url.origin, hostId: given.id });
      },
      watch: (change) => {
        processes.set(change.processes);
        windows.set(change.windows);
      },
      action: (request) => {
        actions.run(request).then((result) => link.sendNow(result));
      },
      refused: (message) => {
        failure = `the hub ${url.origin} refused this agent: ${message}`;
        finish();
      },
    },
  });
  let warnedFull = false;
  // The slow cadence: filesystem usage (the protocol's fields only: the hub refuses others),
  // then the listening ports (read at the same moment).
  const sendSlow = (filesystems: FilesystemUsage[]) => {
    link.sendLatest({
      type: "filesystems",
      filesystems: filesystems.map(({ mount, fs, type, size, used, usePercent }) => ({
        mount,
        fs,
        type,
        size,
        used,
        usePercent,
      })),
    });
    link.sendLatest({ type: "ports", ports: listeningPorts() });
  };
  const unsubscribe = bus.subscribe(["metrics"], (event) => {
    if (event.name === "metrics.tick") {
      if (buffer.push(event.data as Sample) > 0 && !warnedFull) {
        warnedFull = true;
        log.warn("agent buffer full: dropping the oldest samples", { capacity: buffer.size });
      }
      link.pump();
    } else if (event.name === "metrics.filesystems")
      sendSlow((event.data as { filesystems: FilesystemUsage[] }).filesystems);
  });
  // The first slow reading may have come before the subscription: it would wait a minute.
  const { filesystems } = metrics.snapshot();
  if (filesystems.length > 0) sendSlow(filesystems);
  link.start();
  log.info("warden agent started", {
    hub: url.origin,
    version: VERSION,
    enrolled: credential !== null,
    pinned: pin !== null,
  });

  const onSignal = (signal: string) => {
    log.info("signal received", { signal });
    finish();
  };
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => onSignal(signal));
  await done;
  processes.stop();
  windows.stop();
  link.stop();
  unsubscribe();
  metrics.stop();
  live.close();
  if (failure) throw new CommandFailed(failure);
  log.info("warden agent stopped", { unsent: buffer.size, dropped: buffer.dropped });
}

/**
 * Checks a value the command line may have given (`given`): when it came from there, the check's
 * refusal is a wrong command line (UsageError: exit 2 with the usage), else a failure of the
 * configuration (CommandFailed: exit 1).
 */
function givenOnCommandLine<T>(given: boolean, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (given && error instanceof CommandFailed) throw new UsageError(error.message, "agent");
    throw error;
  }
}
