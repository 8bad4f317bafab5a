import { type CommandArgs, CommandFailed, UsageError } from "./args.ts";
import { loadCommandConfig } from "./bootstrap.ts";

/** How long the probe waits for an answer. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * `warden health`: asks the server configured like this command (same config files,
 * WARDEN_* variables, --host/--port) for GET /readyz, through loopback when it listens on every
 * address, and exits 0 when it is ready, 1 otherwise. It is the container HEALTHCHECK: the
 * runtime image has no curl.
 */
export async function healthCommand({ flags, positionals }: CommandArgs): Promise<void> {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, "health");
  // `serve --port 0` takes any free port; a probe cannot find that one.
  if (flags.port === 0)
    throw new UsageError('--port must be a whole number from 1 to 65535, got "0"', "health");
  const { host, port, tls } = loadCommandConfig(flags, "read").loaded.config.server;
  const scheme = tls.cert && tls.key ? "https" : "http";
  const target = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  const url = `${scheme}://${target.includes(":") ? `[${target}]` : target}:${port}/readyz`;
  if (!URL.canParse(url)) {
    if (flags.host !== undefined)
      throw new UsageError(`--host must be a host name or an IP address, got "${host}"`, "health");
    throw new CommandFailed(`server.host must be a host name or an IP address, got "${host}"`);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      // The probe checks the server is ready, not who it is: its own (possibly self-signed)
      // certificate, reached by a loopback address rather than the certificate's name.
      tls: { rejectUnauthorized: false },
    });
  } catch (error) {
    throw new CommandFailed(`${url}: no answer (${(error as Error).message})`);
  }
  const body = await response.text();
  if (response.status !== 200) throw new CommandFailed(`${url}: ${response.status} ${body}`);
  console.log(`${url}: ${body}`);
}
