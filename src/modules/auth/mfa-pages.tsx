/** @jsxImportSource hono/jsx */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { MfaEnrolPage, MfaPrompt } from "../../../views/pages/auth/mfa-prompt.tsx";
import { RecoveryCodes } from "../../../views/pages/auth/recovery-codes.tsx";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { formErrors, readForm } from "../../kit/forms.ts";
import type { AppEnv } from "../../lib/context.ts";
import { Unauthorized, Validation } from "../../lib/errors.ts";
import { renderViewPage } from "../../lib/htmx.tsx";
import type { Translate } from "../../lib/i18n.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { setSessionCookies } from "../../lib/session-cookies.ts";
import { safeNext } from "../../middleware/auth.ts";
import { findChallenge, openChallenge, setCeremonyChallenge } from "./mfa-challenges.ts";
import { clearChallengeCookie, readChallengeCookie, setChallengeCookie } from "./mfa-cookie.ts";
import type { ChallengePurpose } from "./mfa-schema.ts";
import { mfaStatus, pendingTotp } from "./mfa-service.ts";
import { challengeUser, codeStep, enrolPasskeyStep, enrolStep, passkeyStep } from "./mfa-sign-in.ts";
import { authenticationOptions, registrationOptions, relyingParty } from "./passkeys-service.ts";

/** A WebAuthn answer as the browser library posts it (checked in depth by @simplewebauthn/server). */
export const webauthnResponseSchema = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(65_536) }),
});

/** The name of a passkey. */
export const passkeyNameSchema = z.string().trim().min(1, "Give the passkey a name.").max(60);

/** A new passkey as the browser script posts it: its name and the WebAuthn answer. */
export const newPasskeySchema = z.object({ name: passkeyNameSchema, response: webauthnResponseSchema });

/** The message of a refused code; anything else is not a form problem and goes on. */
export function codeError(error: unknown, t: Translate): string {
  const message = formErrors(error, t).code;
  if (!message) throw error;
  return message;
}

/** Marks an answer as never to be cached (it shows a secret, or belongs to one sign-in). */
export const noStore: MiddlewareHandler = async function noStore(c, next) {
  c.header("Cache-Control", "no-store");
  await next();
};

/**
 * The steps of a sign-in after the password, and passwordless sign-in with a passkey.
 * None of them is a session: the challenge cookie only opens the next step.
 * - GET  /login/mfa                    the code prompt (authenticator or recovery code, or a passkey)
 * - POST /login/mfa                    check the code → session, or the prompt again (401)
 * - POST /login/mfa/passkey/options    WebAuthn options for the account's passkeys (JSON)
 * - POST /login/mfa/passkey            check the passkey → session (JSON: where to go)
 * - GET  /login/enrol                  set up an authenticator app (role requires a second factor)
 * - POST /login/enrol                  confirm it with a first code → recovery codes, session
 * - POST /login/enrol/passkey/options  or a passkey instead: WebAuthn options to create one (JSON)
 * - POST /login/enrol/passkey          store it → session (JSON: where to go)
 * - POST /login/passkey/options        passwordless: WebAuthn options for any passkey of this site (JSON)
 * - POST /login/passkey                passwordless: check the passkey → session (JSON)
 */
export function mfaSignInPages(deps: AppDeps): Hono<AppEnv> {
  const svc = coreDeps(deps);
  const router = new Hono<AppEnv>();
  // Secrets, recovery codes and half-finished sign-ins: never kept in a cache.
  router.use("/login/*", noStore);

  const challengeOf = (c: Context<AppEnv>, purposes: readonly ChallengePurpose[]) =>
    findChallenge(svc.db, readChallengeCookie(c), purposes);

  /** The code posted (authenticator or recovery code), at most 64 characters of it. */
  const codeOf = async (c: Context<AppEnv>) => ((await readForm(c)).code ?? "").slice(0, 64);

  const showPrompt = async (
    c: Context<AppEnv>,
    userId: string,
    status?: ContentfulStatusCode,
    error?: string,
  ) => {
    const factors = await mfaStatus(svc.db, userId);
    return renderViewPage(c, "mfa.prompt.title", status, (view) => (
      <MfaPrompt view={view} totp={factors.totp} passkeys={factors.passkeys > 0} error={error} />
    ));
  };

  const showEnrol = async (c: Context<AppEnv>, user: { id: string; username: string }, error?: string) => {
    const enrolment = await pendingTotp(svc, user);
    return renderViewPage(c, "mfa.enrol.title", error ? 422 : undefined, (view) => (
      <MfaEnrolPage view={view} enrolment={enrolment} error={error} />
    ));
  };

  router.get("/login/mfa", async (c) => {
    const challenge = await challengeOf(c, ["second-factor"]);
    if (!challenge?.userId) return c.redirect("/login", 303);
    return showPrompt(c, challenge.userId);
  });

  router.post("/login/mfa", async (c) => {
    const challenge = await challengeOf(c, ["second-factor"]);
    if (!challenge?.userId) return c.redirect("/login", 303);
    const outcome = await codeStep(svc, challenge, await codeOf(c), requestFacts(c, deps.config));
    if (outcome.kind === "session") {
      clearChallengeCookie(c);
      setSessionCookies(c, outcome.pair, deps.config.get());
      return c.redirect(challenge.next, 303);
    }
    if (!outcome.retry) {
      clearChallengeCookie(c);
      return c.redirect("/login?mfa=expired", 303);
    }
    return showPrompt(c, challenge.userId, 401, c.get("view").t("mfa.prompt.refused"));
  });

  router.get("/login/enrol", async (c) => {
    const challenge = await challengeOf(c, ["enrol"]);
    if (!challenge) return c.redirect("/login", 303);
    return showEnrol(c, await challengeUser(svc, challenge));
  });

  router.post("/login/enrol", async (c) => {
    const challenge = await challengeOf(c, ["enrol"]);
    if (!challenge) return c.redirect("/login", 303);
    const user = await challengeUser(svc, challenge);
    const code = await codeOf(c);
    try {
      const done = await enrolStep(svc, challenge, code, requestFacts(c, deps.config));
      clearChallengeCookie(c);
      setSessionCookies(c, done.pair, deps.config.get());
      return renderViewPage(c, "mfa.recovery.title", undefined, (view) => (
        <RecoveryCodes view={view} codes={done.recoveryCodes} next={challenge.next} />
      ));
    } catch (error) {
      return showEnrol(c, user, codeError(error, c.get("view").t));
    }
  });

  router.post("/login/enrol/passkey/options", async (c) => {
    const challenge = await challengeOf(c, ["enrol"]);
    if (!challenge) return c.json({ error: c.get("view").t("mfa.passkey.expired") }, 401);
    const user = await challengeUser(svc, challenge);
    const options = await registrationOptions(svc.db, user, relyingParty(c, deps));
    await setCeremonyChallenge(svc.db, challenge.id, options.challenge);
    return c.json(options);
  });

  router.post("/login/enrol/passkey", async (c) => {
    const challenge = await challengeOf(c, ["enrol"]);
    const view = c.get("view");
    if (!challenge) return c.json({ error: view.t("mfa.passkey.expired") }, 401);
    const body = newPasskeySchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: view.t("mfa.passkey.badName") }, 422);
    try {
      // The schema checked the shape the library reads; the library checks the rest.
      const passkey = body.data as unknown as Parameters<typeof enrolPasskeyStep>[2];
      const rp = relyingParty(c, deps);
      const pair = await enrolPasskeyStep(svc, challenge, passkey, rp, requestFacts(c, deps.config));
      clearChallengeCookie(c);
      setSessionCookies(c, pair, deps.config.get());
      return c.json({ next: challenge.next });
    } catch (error) {
      if (!(error instanceof Validation)) throw error;
      return c.json({ error: view.t("mfa.passkey.notVerified") }, 422);
    }
  });

  // The passkey as second factor: options for the account's own passkeys, then the answer.
  router.post("/login/mfa/passkey/options", async (c) => {
    const challenge = await challengeOf(c, ["second-factor"]);
    if (!challenge?.userId) return c.json({ error: c.get("view").t("mfa.passkey.expired") }, 401);
    const options = await authenticationOptions(svc.db, relyingParty(c, deps), challenge.userId);
    await setCeremonyChallenge(svc.db, challenge.id, options.challenge);
    return c.json(options);
  });

  // Passwordless: a ceremony of its own for any passkey of this site.
  router.post("/login/passkey/options", async (c) => {
    const options = await authenticationOptions(svc.db, relyingParty(c, deps), null);
    const next = safeNext(c.req.query("next"));
    const token = await openChallenge(svc.db, {
      purpose: "passkey-sign-in",
      challenge: options.challenge,
      next,
    });
    setChallengeCookie(c, token, deps.config.get());
    return c.json(options);
  });

  const finishPasskey = (purpose: ChallengePurpose) => async (c: Context<AppEnv>) => {
    const challenge = await challengeOf(c, [purpose]);
    const view = c.get("view");
    if (!challenge) return c.json({ error: view.t("mfa.passkey.expired") }, 401);
    const body = webauthnResponseSchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: view.t("mfa.passkey.refused") }, 422);
    clearChallengeCookie(c);
    try {
      // The schema checked the shape the library reads; the library checks the rest.
      const response = body.data as unknown as Parameters<typeof passkeyStep>[2];
      const rp = relyingParty(c, deps);
      const pair = await passkeyStep(svc, challenge, response, rp, requestFacts(c, deps.config));
      setSessionCookies(c, pair, deps.config.get());
      return c.json({ next: challenge.next });
    } catch (error) {
      if (!(error instanceof Unauthorized)) throw error;
      return c.json({ error: view.t("mfa.passkey.refused") }, 401);
    }
  };
  router.post("/login/mfa/passkey", finishPasskey("second-factor"));
  router.post("/login/passkey", finishPasskey("passkey-sign-in"));

  return router;
}
