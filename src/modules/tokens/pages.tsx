/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { emptyForm } from "../../../views/components/form-field.tsx";
import { type NewTokenValues, TokensPage, type TokensPageProps } from "../../../views/pages/tokens/index.tsx";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { parseForm, readForm } from "../../kit/forms.ts";
import { answerSecretForm } from "../../kit/secret-form.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { redirectAfterPost, renderViewPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import { createApiToken, listApiTokens, newApiTokenSchema, revokeApiToken } from "./service.ts";

type TokensState = Partial<Pick<TokensPageProps, "form" | "created">> & { revokedId?: string };

/**
 * Personal API tokens of the signed-in user (any role):
 * - GET  /tokens              the list and the create form; `?revoked=<id>` confirms a revocation
 * - POST /tokens              create one; the answer (201) shows its secret, this once
 * - POST /tokens/:id/revoke   revoke one
 */
export function tokensPages(deps: AppDeps): Hono<AppEnv> {
  const svc = coreDeps(deps);
  const router = new Hono<AppEnv>();

  const show = async (c: Context<AppEnv>, state: TokensState, status?: ContentfulStatusCode) => {
    const tokens = await listApiTokens(svc, actorOf(c));
    return renderViewPage(c, "tokens.title", status, (view) => (
      <TokensPage
        view={view}
        tokens={tokens}
        now={Date.now()}
        form={state.form ?? emptyForm<NewTokenValues>()}
        created={state.created}
        revoked={state.revokedId ? tokens.find((token) => token.id === state.revokedId)?.name : undefined}
      />
    ));
  };

  router.get("/tokens", (c) => show(c, { revokedId: c.req.query("revoked") }));

  router.post("/tokens", async (c) => {
    const form = await readForm(c);
    const days = (form.expiresInDays ?? "").trim();
    const values: NewTokenValues = { name: form.name ?? "", expiresInDays: days };
    return answerSecretForm(c, values, show, async () => {
      const whole = days === "" || /^\d+$/.test(days);
      const input = await parseForm(
        newApiTokenSchema,
        { name: values.name, expiresInDays: days === "" || !whole ? null : Number(days) },
        whole ? {} : { expiresInDays: c.get("view").t("tokens.badDays") },
      );
      return createApiToken(svc, actorOf(c), input, requestFacts(c, deps.config));
    });
  });

  router.post("/tokens/:id/revoke", async (c) => {
    const id = c.req.param("id");
    await revokeApiToken(svc, actorOf(c), id, requestFacts(c, deps.config));
    return redirectAfterPost(c, `/tokens?revoked=${encodeURIComponent(id)}`);
  });

  return router;
}
