import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { certificatePin } from "../lib/spki-pin.ts";
import { type CommandArgs, CommandFailed, UsageError } from "./args.ts";
import { loadCommandConfig } from "./bootstrap.ts";

/**
 * `warden pin [--cert FILE]`: prints the pin of a certificate's key (the value of an agent's
 * `agent.pin` / `--pin`) alone on stdout, and which certificate it is on stderr. Without
 * `--cert` it reads the hub's own `server.tls.cert`. Of a chain (fullchain.pem) it pins the
 * first certificate, the server's own.
 * @throws CommandFailed when there is no certificate to read or the file holds none
 */
export function pinCommand({ flags, cert, positionals }: CommandArgs): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, "pin");
  const file = cert ?? loadCommandConfig(flags, "read").loaded.config.server.tls.cert;
  if (!file) throw new CommandFailed("no certificate: pass --cert FILE or set server.tls.cert");
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (error) {
    throw new CommandFailed(`cannot read ${file}: ${(error as Error).message}`);
  }
  let pin: string;
  try {
    pin = certificatePin(pem);
  } catch {
    throw new CommandFailed(`${file} holds no PEM certificate`);
  }
  const { subject, validTo } = new X509Certificate(pem);
  process.stderr.write(`${file}: ${subject.replaceAll("\n", ", ")}, valid until ${validTo}\n`);
  console.log(pin);
}
