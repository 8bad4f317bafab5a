import type { Context } from "hono";
import type { AppDeps } from "../../deps.ts";
import type { AppEnv } from "../../lib/context.ts";
import { endSessionUrl } from "./oidc-flow.ts";

/**
 * Where signing out of a session that began at a provider goes next: the provider's
 * end-session endpoint (which comes back to /login), or null when the provider has none, is
 * no longer configured or cannot be reached (the Warden session has ended either way).
 */
export async function providerLogout(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, "config" | "log">,
  session: { providerId: string; idToken: string },
): Promise<{ url: string; provider: string } | null> {
  const config = deps.config.get();
  const provider = config.auth.oidc.providers.find((p) => p.id === session.providerId);
  if (!provider) return null;
  try {
    const url = await endSessionUrl(c, provider, session.idToken, config.server.trustProxy);
    return url ? { url: url.href, provider: provider.name } : null;
  } catch (error) {
    deps.log.warn("single sign-on: no end-session address", {
      provider: provider.id,
      error: (error as Error).message,
    });
    return null;
  }
}
