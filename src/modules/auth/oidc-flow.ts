import type { Context } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import * as oidc from "openid-client";
import type { OidcProviderConfig } from "../../config/schema.ts";
import type { AppDeps } from "../../deps.ts";
import { Unauthorized } from "../../lib/errors.ts";
import { ownOrigin } from "../../lib/own-origin.ts";
import { isSecureRequest } from "../../lib/session-cookies.ts";
import { secretOf } from "./sessions.ts";

/** The cookie that carries one sign-in attempt from its start to the provider's answer. */
const FLOW_COOKIE = "warden_oidc";
/** Where that cookie is sent: only the single sign-on paths. */
const FLOW_PATH = "/auth/oidc/";
/** How long a person may take at the provider, in seconds. */
const FLOW_SECONDS = 600;

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
function providerClient(provider: OidcProviderConfig): Promise<oidc.Configuration> {
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

/** What the server keeps of an attempt (signed, HttpOnly): the checks the answer must pass. */
interface Flow {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  expires: number;
}

/** Who the provider says signed in, with the values of the role claim. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** False only when the provider says the address is not verified. */
  emailVerified: boolean;
  name: string | null;
  username: string | null;
  /** The role claim's values (a string or a list at `roleClaim`, dotted paths allowed). */
  claimValues: string[];
  /** The id token, kept as the hint that ends the provider's session at sign-out. */
  idToken: string;
}

/** How this request's attempt is kept and answered: the cookie's key and flags, the callback address. */
function flowOf(c: Context, deps: Pick<AppDeps, "config">, provider: OidcProviderConfig) {
  const config = deps.config.get();
  return {
    // Its own key, derived: the flow cookie's signature never doubles as a token's.
    secret: `oidc-flow:${secretOf(deps)}`,
    secure: isSecureRequest(c, config),
    // The callback address registered at the provider.
    callback: `${ownOrigin(c, config.server.trustProxy)}${FLOW_PATH}${provider.id}/callback`,
  };
}

/**
 * Starts a sign-in at `provider`: authorization code with PKCE (S256), a fresh state and
 * nonce kept in a signed cookie for ten minutes. Answers the provider's authorization URL.
 */
export async function beginSignIn(
  c: Context,
  deps: Pick<AppDeps, "config">,
  provider: OidcProviderConfig,
  next: string,
): Promise<URL> {
  const options = flowOf(c, deps, provider);
  const config = await providerClient(provider);
  const flow: Flow = {
    provider: provider.id,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    verifier: oidc.randomPKCECodeVerifier(),
    next,
    expires: Date.now() + FLOW_SECONDS * 1000,
  };
  await setSignedCookie(c, FLOW_COOKIE, JSON.stringify(flow), options.secret, {
    httpOnly: true,
    secure: options.secure,
    sameSite: "Lax",
    path: FLOW_PATH,
    maxAge: FLOW_SECONDS,
  });
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.callback,
    scope: provider.scopes.join(" "),
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
}

/**
 * Completes a sign-in from the provider's answer on the callback: checks state, nonce and
 * PKCE, exchanges the code, and reads the identity from the id token (and the userinfo
 * endpoint when the token lacks the e-mail or the role claim). The attempt's cookie is
 * spent either way.
 * @throws Unauthorized when there is no live attempt for this provider or the answer fails a check.
 */
export async function completeSignIn(
  c: Context,
  deps: Pick<AppDeps, "config">,
  provider: OidcProviderConfig,
): Promise<{ identity: ProviderIdentity; next: string }> {
  const options = flowOf(c, deps, provider);
  const flow = await readFlow(c, options.secret);
  deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH, secure: options.secure });
  if (!flow || flow.provider !== provider.id || flow.expires < Date.now())
    throw new Unauthorized("This sign-in has expired. Start again.");
  const config = await providerClient(provider);
  const current = new URL(options.callback);
  current.search = new URL(c.req.url).search;
  const tokens = await oidc.authorizationCodeGrant(config, current, {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  const idToken = tokens.id_token;
  if (!claims || !idToken) throw new Unauthorized("The provider sent no identity.");
  let all: Record<string, unknown> = { ...claims };
  if (all.email === undefined || claimAt(all, provider.roleClaim) === undefined) {
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => null);
    if (info) all = { ...info, ...all };
  }
  return {
    identity: {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof all.email === "string" ? all.email.toLowerCase() : null,
      emailVerified: all.email_verified !== false,
      name: typeof all.name === "string" ? all.name : null,
      username: typeof all.preferred_username === "string" ? all.preferred_username : null,
      claimValues: claimValues(claimAt(all, provider.roleClaim)),
      idToken,
    },
    next: flow.next,
  };
}

/**
 * Where signing out of a session that began at a provider goes next: the provider's
 * end-session endpoint (which comes back to /login), or null when the provider has none, is
 * no longer configured or cannot be reached (the Warden session has ended either way).
 */
export async function providerLogout(
  c: Context,
  deps: Pick<AppDeps, "config" | "log">,
  session: { providerId: string; idToken: string },
): Promise<{ url: string; provider: string } | null> {
  const config = deps.config.get();
  const provider = config.auth.oidc.providers.find((p) => p.id === session.providerId);
  if (!provider) return null;
  try {
    const client = await providerClient(provider);
    if (!client.serverMetadata().end_session_endpoint) return null;
    const url = oidc.buildEndSessionUrl(client, {
      id_token_hint: session.idToken,
      post_logout_redirect_uri: `${ownOrigin(c, config.server.trustProxy)}/login`,
    });
    return { url: url.href, provider: provider.name };
  } catch (error) {
    deps.log.warn("single sign-on: no end-session address", {
      provider: provider.id,
      error: (error as Error).message,
    });
    return null;
  }
}

async function readFlow(c: Context, secret: string): Promise<Flow | null> {
  const raw = await getSignedCookie(c, secret, FLOW_COOKIE);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Flow;
  } catch {
    return null;
  }
}

/** The value at a dotted claim path (`realm_access.roles`), or undefined. */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function claimValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}
