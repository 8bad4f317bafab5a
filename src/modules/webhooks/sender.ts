import { createHmac } from "node:crypto";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { addressRefusal, literalAddress, vettedLookup } from "./target.ts";

/** What one webhook call came back with. */
export interface CallResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/** How a call is made: its time limit and where it may go. */
export interface CallPolicy {
  timeoutMs: number;
  /** `webhooks.allowedTargets`, checked on the address the call connects to. */
  allowedTargets: readonly string[];
}

/**
 * `sha256=<hex>`: HMAC-SHA256 with the webhook's secret of `<timestamp>.<body>` — the
 * `X-Warden-Timestamp` value, a dot, then the exact body bytes — so a receiver that checks
 * the timestamp is recent can refuse a captured call replayed later.
 */
function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** POSTs and answers the status code; the connection goes only to addresses `lookup` vetted. */
function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  policy: CallPolicy,
  signal: AbortSignal,
) {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      url,
      { method: "POST", headers, signal, lookup: vettedLookup(policy.allowedTargets) },
      (response: IncomingMessage) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * POSTs `body` to `url`, signed with `secret` at the time of this attempt:
 * `X-Warden-Timestamp: <unix seconds>`, `X-Warden-Signature: sha256=<hex>` (see
 * `signPayload`), `X-Warden-Event`, `X-Warden-Delivery`. A retry carries the same body and
 * delivery id with a fresh timestamp and signature. Any 2xx is a success; anything else, a network
 * error, the timeout or an address outside `webhooks.allowedTargets` (refused before any
 * connection) is a failure to retry. Never throws. Redirects are not followed: a 3xx is the
 * result (a signed body goes only where it was configured to, never on to an address no one
 * checked).
 */
export async function callWebhook(
  target: { url: string; secret: string },
  call: { event: string; deliveryId: string; body: string },
  policy: CallPolicy,
): Promise<CallResult> {
  const url = new URL(target.url);
  const literal = literalAddress(url);
  // A literal address never goes through `lookup`: it is checked here.
  const refusal = literal ? addressRefusal(literal, policy.allowedTargets) : null;
  if (refusal) return { ok: false, statusCode: null, error: refusal };
  const signal = AbortSignal.timeout(policy.timeoutMs);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const headers = {
      "Content-Type": "application/json",
      "Content-Length": String(Buffer.byteLength(call.body)),
      "User-Agent": "Warden-Webhook",
      "X-Warden-Timestamp": String(timestamp),
      "X-Warden-Signature": signPayload(target.secret, timestamp, call.body),
      "X-Warden-Event": call.event,
      "X-Warden-Delivery": call.deliveryId,
    };
    const status = await post(url, headers, call.body, policy, signal);
    const ok = status >= 200 && status < 300;
    const error = ok
      ? null
      : status >= 300 && status < 400
        ? `HTTP ${status} (redirects are not followed)`
        : `HTTP ${status}`;
    return { ok, statusCode: status, error };
  } catch (error) {
    const { code, message: text } = error as Error & { code?: string };
    const message = signal.aborted
      ? `No answer within ${policy.timeoutMs} ms`
      : code === "ECONNREFUSED"
        ? "Connection refused"
        : text;
    return { ok: false, statusCode: null, error: message.slice(0, 500) };
  }
}
