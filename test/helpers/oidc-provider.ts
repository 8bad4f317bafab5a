/**
 * A real OpenID provider for the single sign-on tests: the npm package oidc-provider (the
 * certified Node.js implementation) on a free loopback port, with one confidential client
 * for Warden and a handful of accounts. Its development sign-in page takes any login (the
 * account id) with any password; the accounts below give the claims.
 */
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** The accounts the provider knows, by login: their e-mail and groups. */
export const OIDC_ACCOUNTS: Record<string, { email: string; name: string; groups: string[] }> = {
  alice: { email: "alice@example.test", name: "Alice Analyst", groups: ["soc-analysts"] },
  mallory: { email: "mallory@evil.test", name: "Mallory", groups: ["soc-analysts"] },
  nobody: { email: "nobody@example.test", name: "No Groups", groups: [] },
};

/** The client Warden is registered as. */
export const OIDC_CLIENT = { id: "warden", secret: "a-test-client-secret-of-some-length" };

/** A provider listening, and the means to finish its set-up once Warden's address is known. */
export interface TestProvider {
  issuer: string;
  /** Registers Warden at `wardenUrl` (its callback and post-logout addresses) and starts answering. */
  start(wardenUrl: string, providerId: string): void;
  stop(): Promise<void>;
}

/**
 * Listens on a free port first (so the issuer is known before Warden starts with it in its
 * config) and answers 503 until {@link TestProvider.start} builds the provider.
 */
export async function listenProvider(): Promise<TestProvider> {
  let handler: RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    start(wardenUrl, providerId) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT.id,
            client_secret: OIDC_CLIENT.secret,
            redirect_uris: [`${wardenUrl}/auth/oidc/${providerId}/callback`],
            post_logout_redirect_uris: [`${wardenUrl}/login`],
          },
        ],
        claims: {
          openid: ["sub"],
          email: ["email", "email_verified"],
          profile: ["name", "preferred_username", "groups"],
        },
        async findAccount(_ctx, id) {
          const account = OIDC_ACCOUNTS[id];
          if (!account) return undefined;
          return {
            accountId: id,
            claims: async () => ({
              sub: id,
              email: account.email,
              email_verified: true,
              name: account.name,
              preferred_username: id,
              groups: account.groups,
            }),
          };
        },
      });
      handler = provider.callback();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
