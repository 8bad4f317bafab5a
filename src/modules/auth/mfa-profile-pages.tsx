/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { RecoveryCodes } from "../../../views/pages/auth/recovery-codes.tsx";
import { SecurityPage, type SecurityPageProps } from "../../../views/pages/auth/security.tsx";
import type { AppDeps } from "../../deps.ts";
import type { UserActor } from "../../kit/actor.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { formErrors, parseForm, readForm } from "../../kit/forms.ts";
import { noticeReader } from "../../kit/record-pages.tsx";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { Forbidden, Validation } from "../../lib/errors.ts";
import { redirectAfterPost, renderViewPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import { getSelf } from "../users/service.ts";
import { closeChallenge, findChallenge, openChallenge } from "./mfa-challenges.ts";
import { clearChallengeCookie, readChallengeCookie, setChallengeCookie } from "./mfa-cookie.ts";
import { codeError, newPasskeySchema, noStore, passkeyNameSchema } from "./mfa-pages.tsx";
import {
  confirmPerson,
  confirmTotp,
  disableTotp,
  mfaStatus,
  pendingTotp,
  regenerateRecoveryCodes,
} from "./mfa-service.ts";
import { mfaRequired } from "./mfa-sign-in.ts";
import {
  deletePasskey,
  listPasskeys,
  registerPasskey,
  registrationOptions,
  relyingParty,
  renamePasskey,
} from "./passkeys-service.ts";

/** The person behind the request, signed in through the browser (not an API token). */
function personOf(c: Context<AppEnv>): UserActor & { type: "user" } {
  const actor = actorOf(c);
  if (actor.type !== "user") throw new Forbidden("Manage two-factor sign-in from a browser session.");
  return actor;
}

/**
 * The signed-in user's second factors (any role, browser session only):
 * - GET  /profile/security                        authenticator app, recovery codes, passkeys
 * - GET  /profile/security/totp                   set up the authenticator app (QR code drawn here)
 * - POST /profile/security/totp                   confirm it with a first code → recovery codes, shown once
 * - POST /profile/security/totp/disable           turn it off (a current code is asked)
 * - POST /profile/security/recovery               new recovery codes (a current code is asked)
 * - POST /profile/security/passkeys/options       WebAuthn options to create a passkey (JSON), after
 *                                                 the password or a current code (`confirm`)
 * - POST /profile/security/passkeys               store the new passkey with its name (JSON)
 * - POST /profile/security/passkeys/:id/name      rename a passkey
 * - POST /profile/security/passkeys/:id/delete    delete a passkey
 */
export function mfaProfilePages(deps: AppDeps): Hono<AppEnv> {
  const svc = coreDeps(deps);
  const router = new Hono<AppEnv>();
  router.use("/profile/security/*", noStore);

  const show = async (
    c: Context<AppEnv>,
    state: Pick<SecurityPageProps, "enrolment" | "errors" | "notice"> = {},
    status?: ContentfulStatusCode,
  ) => {
    const actor = personOf(c);
    const factors = await mfaStatus(svc.db, actor.id);
    const keys = await listPasskeys(svc.db, actor.id);
    return renderViewPage(c, "mfa.security.title", status, (view) => (
      <SecurityPage
        view={view}
        totp={factors.totp}
        recoveryLeft={factors.recoveryLeft}
        passkeys={keys}
        required={mfaRequired(svc, actor.role)}
        {...state}
      />
    ));
  };

  const showCodes = (c: Context<AppEnv>, codes: string[]) =>
    renderViewPage(c, "mfa.recovery.title", undefined, (view) => (
      <RecoveryCodes view={view} codes={codes} next="/profile/security" />
    ));

  const enrolment = async (c: Context<AppEnv>) => pendingTotp(svc, await getSelf(svc, personOf(c)));

  router.get("/profile/security", (c) => show(c, { notice: noticeReader("mfa")(c) }));

  const totpOn = async (c: Context<AppEnv>) => (await mfaStatus(svc.db, personOf(c).id)).totp;

  // With an app on, there is nothing to set up: another app needs the current one turned off first.
  router.get("/profile/security/totp", async (c) =>
    (await totpOn(c)) ? c.redirect("/profile/security") : show(c, { enrolment: await enrolment(c) }),
  );

  router.post("/profile/security/totp", async (c) => {
    const actor = personOf(c);
    const form = await readForm(c);
    try {
      return showCodes(c, await confirmTotp(svc, actor, form.code ?? "", requestFacts(c, deps.config)));
    } catch (error) {
      const message = codeError(error, c.get("view").t);
      // An app turned on meanwhile (another tab): the message goes beside "Turn off".
      if (await totpOn(c)) return show(c, { errors: { disable: message } }, 422);
      return show(c, { enrolment: await enrolment(c), errors: { enrol: message } }, 422);
    }
  });

  router.post("/profile/security/totp/disable", async (c) => {
    const form = await readForm(c);
    try {
      await disableTotp(svc, personOf(c), form.code ?? "", requestFacts(c, deps.config));
      return redirectAfterPost(c, "/profile/security?notice=disabled");
    } catch (error) {
      return show(c, { errors: { disable: codeError(error, c.get("view").t) } }, 422);
    }
  });

  router.post("/profile/security/recovery", async (c) => {
    const form = await readForm(c);
    try {
      return showCodes(
        c,
        await regenerateRecoveryCodes(svc, personOf(c), form.code ?? "", requestFacts(c, deps.config)),
      );
    } catch (error) {
      return show(c, { errors: { recovery: codeError(error, c.get("view").t) } }, 422);
    }
  });

  router.post("/profile/security/passkeys/options", async (c) => {
    const actor = personOf(c);
    // The person confirms, not only their session: a stolen session must not add a passkey.
    const { confirm } = ((await c.req.json().catch(() => null)) ?? {}) as { confirm?: unknown };
    try {
      const secret = typeof confirm === "string" ? confirm : "";
      await confirmPerson(svc, actor, secret, requestFacts(c, deps.config));
    } catch (error) {
      return c.json({ error: formErrors(error, c.get("view").t).confirm }, 422);
    }
    const me = await getSelf(svc, actor);
    const options = await registrationOptions(svc.db, me, relyingParty(c, deps));
    const token = await openChallenge(svc.db, {
      purpose: "passkey-register",
      userId: actor.id,
      challenge: options.challenge,
    });
    setChallengeCookie(c, token, deps.config.get());
    return c.json(options);
  });

  router.post("/profile/security/passkeys", async (c) => {
    const actor = personOf(c);
    const view = c.get("view");
    const challenge = await findChallenge(svc.db, readChallengeCookie(c), ["passkey-register"]);
    if (!challenge?.challenge || challenge.userId !== actor.id)
      return c.json({ error: view.t("mfa.passkey.expired") }, 409);
    clearChallengeCookie(c);
    await closeChallenge(svc.db, challenge.id);
    const body = newPasskeySchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: view.t("mfa.passkey.badName") }, 422);
    try {
      // The schema checked the shape the library reads; the library checks the rest.
      const response = body.data.response as unknown as Parameters<typeof registerPasskey>[2]["response"];
      const ceremony = { challenge: challenge.challenge, response, name: body.data.name };
      const rp = relyingParty(c, deps);
      await registerPasskey(svc, actor, ceremony, rp, requestFacts(c, deps.config));
      return c.json({ next: "/profile/security?notice=added" });
    } catch (error) {
      if (!(error instanceof Validation)) throw error;
      return c.json({ error: view.t("mfa.passkey.notVerified") }, 422);
    }
  });

  router.post("/profile/security/passkeys/:id/name", async (c) => {
    const id = c.req.param("id");
    const form = await readForm(c);
    try {
      const { name } = await parseForm(z.object({ name: passkeyNameSchema }), { name: form.name ?? "" });
      await renamePasskey(svc, personOf(c), id, name, requestFacts(c, deps.config));
      return redirectAfterPost(c, "/profile/security?notice=renamed");
    } catch (error) {
      const message = Object.values(formErrors(error, c.get("view").t))[0];
      if (!message) throw error;
      return show(c, { errors: { [`passkey-${id}`]: message } }, 422);
    }
  });

  router.post("/profile/security/passkeys/:id/delete", async (c) => {
    await deletePasskey(svc, personOf(c), c.req.param("id"), requestFacts(c, deps.config));
    return redirectAfterPost(c, "/profile/security?notice=deleted");
  });

  return router;
}
