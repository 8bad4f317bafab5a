import { SIGNATURE_HEADER, signBody } from "./webhook-signature.ts";

/** What one webhook call came back with. */
export interface CallResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
}

/**
 * POSTs `body` to `url`, signed with `secret`: `X-Warden-Signature: sha256=<hex>`,
 * `X-Warden-Event`, `X-Warden-Delivery`. Any 2xx is a success; anything else, a network
 * error or the timeout is a failure to retry. Never throws. Redirects are not followed
 * (a signed body goes only where it was configured to).
 */
export async function callWebhook(
  target: { url: string; secret: string },
  call: { event: string; deliveryId: string; body: string },
  timeoutMs: number,
): Promise<CallResult> {
  try {
    const response = await fetch(target.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Warden-Webhook",
        [SIGNATURE_HEADER]: signBody(target.secret, call.body),
        "X-Warden-Event": call.event,
        "X-Warden-Delivery": call.deliveryId,
      },
      body: call.body,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const { name, code, message: text } = error as Error & { code?: string };
    const message =
      name === "TimeoutError"
        ? `No answer within ${timeoutMs} ms`
        : code === "ECONNREFUSED"
          ? "Connection refused"
          : text;
    return { ok: false, statusCode: null, error: message.slice(0, 500) };
  }
}
