import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import { connect, type PeerCertificate } from "node:tls";
import type { WebSocketOptions, WebSocketOptionsTLS } from "bun";
import type { Logger } from "../../lib/log.ts";
import { certificatePin, PIN_FORMAT, PIN_PATTERN } from "../../lib/spki-pin.ts";
import { CommandFailed } from "../args.ts";

/** How long the certificate probe waits for the hub's TLS handshake. */
const PROBE_TIMEOUT_MS = 10_000;

/** The TLS options of the agent's WebSocket. */
export type SocketTls = NonNullable<WebSocketOptionsTLS["tls"]>;

/** Bun's WebSocket constructor with its options (the DOM library's type knows only subprotocols). */
const BunWebSocket = WebSocket as unknown as new (url: string, options?: WebSocketOptions) => WebSocket;

/** A WebSocket to `url`, with `tls` (a pinned hub's) when given. */
export function openSocket(url: URL, tls?: SocketTls): WebSocket {
  return new BunWebSocket(url.href, tls ? { tls } : undefined);
}

/** The hub presented a certificate whose key is not pinned: the agent did not connect. */
export class PinMismatch extends Error {
  override name = "PinMismatch";
  constructor(readonly presented: string) {
    super(`the hub's certificate key ${presented} matches no agent.pin`);
  }
}

/** The hub's leaf certificate as the probe saw it. */
interface Probed {
  pem: string;
  pin: string;
  /** Whether the system's CAs vouch for it (its name aside). */
  authorized: boolean;
  /** Whether it is signed by its own key (it can then be its own trust anchor). */
  selfSigned: boolean;
}

/**
 * Public-key pinning of the hub (`agent.pin`, `--pin`): the agent talks to a hub only if the
 * leaf certificate it presents has the SubjectPublicKeyInfo of one of the pins, with or without
 * a CA (a self-signed hub certificate is accepted when its key is pinned; the pin stands in for
 * the CA and for the name check).
 *
 * Each connection is two TLS handshakes. A probe (`tls.connect`, nothing sent but the
 * handshake) reads the leaf certificate: a key that is not pinned is refused there, logged with
 * the expected and presented pins. Otherwise the WebSocket opens with that certificate as its
 * trust anchor when no system CA vouches for it, and with a `checkServerIdentity` that checks
 * the pin again on the WebSocket's own handshake: Bun calls it before the upgrade request (which
 * carries nothing secret either; the token goes in the first message), so a key swapped between
 * the probe and the connection is refused on that connection. The probe is needed because Bun
 * enforces `checkServerIdentity` only once the chain verifies: a self-signed certificate has to
 * be learnt before it can be trusted.
 */
export class HubPin {
  constructor(
    private readonly pins: readonly string[],
    private readonly log: Logger,
  ) {}

  /**
   * The TLS options of the next WebSocket to `url`, after probing the hub's certificate.
   * @throws PinMismatch when the hub's key is not pinned; Error when the probe fails (no hub …)
   */
  async tls(url: URL): Promise<SocketTls> {
    const probed = await probe(url);
    if (!this.pins.includes(probed.pin)) {
      this.#mismatch(url, probed.pin);
      throw new PinMismatch(probed.pin);
    }
    if (!probed.authorized && !probed.selfSigned)
      throw new Error(
        "the hub's certificate is pinned but issued by a CA this system does not trust: add that CA (NODE_EXTRA_CA_CERTS) or give the hub a self-signed certificate",
      );
    return {
      // An explicit true: NODE_TLS_REJECT_UNAUTHORIZED=0 would make the check below advisory.
      rejectUnauthorized: true,
      ...(probed.authorized ? {} : { ca: probed.pem }),
      checkServerIdentity: (_host: string, cert: PeerCertificate) => {
        const presented = certificatePin(cert.raw);
        if (this.pins.includes(presented)) return undefined;
        this.#mismatch(url, presented);
        return new PinMismatch(presented);
      },
    };
  }

  #mismatch(url: URL, presented: string): void {
    this.log.error("hub certificate matches no agent.pin: not connecting", {
      hub: url.origin,
      expected: this.pins,
      presented,
    });
  }
}

/**
 * The pinning of the hub at `url`, or null when no pin is given.
 * @throws CommandFailed when a pin is malformed, or the hub is not reached over TLS (nothing to pin)
 */
export function hubPin(url: URL, pins: readonly string[], log: Logger): HubPin | null {
  if (pins.length === 0) return null;
  const bad = pins.find((pin) => !PIN_PATTERN.test(pin));
  if (bad !== undefined) throw new CommandFailed(`--pin/agent.pin "${bad}" ${PIN_FORMAT}`);
  if (url.protocol !== "wss:")
    throw new CommandFailed(`a pinned hub needs TLS: use https:// or wss:// for ${url.host}, not plain text`);
  return new HubPin(pins, log);
}

/** Reads the leaf certificate `url`'s server presents, verifying nothing and sending nothing else. */
function probe(url: URL): Promise<Probed> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
      // `authorized` then says whether a CA vouches for the chain, the name aside (the pin replaces it).
      checkServerIdentity: () => undefined,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TLS handshake within ${PROBE_TIMEOUT_MS / 1000} s`));
    }, PROBE_TIMEOUT_MS);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      const { raw } = socket.getPeerCertificate();
      const authorized = socket.authorized;
      socket.destroy();
      if (!raw) return reject(new Error("the hub presented no certificate"));
      const leaf = new X509Certificate(raw);
      resolve({
        pem: leaf.toString(),
        pin: certificatePin(raw),
        authorized,
        selfSigned: leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey),
      });
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
