import { createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

/** A mail the local SMTP server accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | null;
}

/** A real SMTP server on 127.0.0.1 (a free port), without TLS, keeping what it receives. */
export async function startSmtpServer(auth?: {
  user: string;
  password: string;
}): Promise<{ port: number; mails: ReceivedMail[]; refusedLogins: number; stop(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const state = { refusedLogins: 0 };
  const options: SMTPServerOptions = {
    secure: false,
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(credentials, _session, callback) {
      if (credentials.username === auth?.user && credentials.password === auth?.password)
        return callback(null, { user: credentials.username });
      state.refusedLogins++;
      return callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          user: (session.user as string | undefined) ?? null,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    get refusedLogins() {
      return state.refusedLogins;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Config letting webhooks reach the loopback receivers of the tests (webhooks may call public
 * addresses only by default).
 */
export const LOOPBACK_ALLOWED = { webhooks: { allowedTargets: ["127.0.0.0/8", "::1"] } };

/** A request a webhook receiver got. */
export interface ReceivedCall {
  headers: Headers;
  body: string;
}

/**
 * Verifies a call the way the README tells receivers to: HMAC-SHA256 of
 * `<X-Warden-Timestamp>.<body>` with the secret, compared in constant time, and a timestamp
 * within five minutes of now. Written apart from Warden's signing code on purpose.
 */
export function verifiesAsReceiver(secret: string, call: ReceivedCall, nowMs = Date.now()): boolean {
  const timestamp = call.headers.get("x-warden-timestamp") ?? "";
  const signature = call.headers.get("x-warden-signature") ?? "";
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > 300) return false;
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${call.body}`).digest("hex")}`;
  return (
    signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  );
}

/**
 * A real HTTP receiver on 127.0.0.1 (a free port): answers `failures` calls with 500,
 * then 204, keeping every call.
 */
export function startReceiver(failures = 0): { url: string; calls: ReceivedCall[]; stop(): void } {
  const calls: ReceivedCall[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      calls.push({ headers: req.headers, body: await req.text() });
      return new Response(null, { status: calls.length <= failures ? 500 : 204 });
    },
  });
  return { url: `http://127.0.0.1:${server.port}/hook`, calls, stop: () => void server.stop(true) };
}

/** A loopback port nothing listens on (a server is opened there and closed again). */
export function closedPort(): number {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = server.port ?? 0;
  server.stop(true);
  return port;
}
