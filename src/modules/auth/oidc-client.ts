import * as oidc from "openid-client";
import type { OidcProviderConfig } from "../../config/schema.ts";

/** How long discovery and token requests to a provider may take, in seconds. */
const REQUEST_TIMEOUT_SECONDS = 10;

/** Discovered providers, by id, with the settings each was discovered with. */
const discovered = new Map<string, { settings: string; config: Promise<oidc.Configuration> }>();

/**
 * The openid-client configuration of `provider`: its discovery document, read once and kept
 * until the provider's settings change (a config reload) or discovery fails (tried again on
 * the next sign-in). Plain HTTP is allowed only for issuers on loopback (the config schema
 * refuses any other `http://` issuer).
 */
export function providerClient(provider: OidcProviderConfig): Promise<oidc.Configuration> {
  const settings = JSON.stringify(provider);
  const hit = discovered.get(provider.id);
  if (hit?.settings === settings) return hit.config;
  const issuer = new URL(provider.issuer);
  const auth = provider.clientSecret ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.None();
  const config = oidc.discovery(issuer, provider.clientId, undefined, auth, {
    timeout: REQUEST_TIMEOUT_SECONDS,
    ...(issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  config.catch(() => {
    if (discovered.get(provider.id)?.config === config) discovered.delete(provider.id);
  });
  discovered.set(provider.id, { settings, config });
  return config;
}
