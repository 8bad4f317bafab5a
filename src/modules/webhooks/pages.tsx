/** @jsxImportSource hono/jsx */
import { randomBytes } from "node:crypto";
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { emptyForm, type FormState } from "../../../views/components/form-field.tsx";
import { WebhookPage } from "../../../views/pages/webhooks/detail.tsx";
import { type WebhookFormValues, WebhooksPage } from "../../../views/pages/webhooks/index.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, parseForm, readForm, readFormLists } from "../../kit/forms.ts";
import { noticeReader } from "../../kit/record-pages.tsx";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { redirectAfterPost, renderPage, renderViewPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import * as service from "./service.ts";

/** The form's values as posted, and the events chosen. */
async function readWebhookForm(c: Context<AppEnv>) {
  const form = await readForm(c);
  const { events } = await readFormLists(c, "events");
  const { name = "", url = "", secret = "" } = form;
  const values: WebhookFormValues = { name, url, secret, enabled: form.enabled === "on" ? "on" : "" };
  return { values, events, input: { ...values, enabled: values.enabled === "on", events } };
}

/**
 * Outgoing webhooks (admins; the services refuse everyone else with 403):
 * - GET  /integrations/webhooks              list and the form adding one; `?notice=` confirms
 * - POST /integrations/webhooks              add one
 * - GET  /integrations/webhooks/:id          its form, "send test", delivery log (`?page=`); `?tested=<delivery>`
 * - POST /integrations/webhooks/:id          change it (a blank secret keeps the current one)
 * - POST /integrations/webhooks/:id/test     send a signed ping now, then show how it went
 * - POST /integrations/webhooks/:id/delete   remove it and its log
 */
export function webhooksPages(deps: AppDeps): Hono<AppEnv> {
  const svc = { db: deps.database.db, worker: deps.notifier.worker, config: deps.config };
  const facts = (c: Context<AppEnv>) => requestFacts(c, deps.config);
  const router = new Hono<AppEnv>();
  const noticeOf = noticeReader("webhooks");

  const showList = async (
    c: Context<AppEnv>,
    form: FormState<WebhookFormValues>,
    events: readonly string[],
    status?: ContentfulStatusCode,
  ) => {
    const hooks = await service.listWebhooks(svc, actorOf(c));
    return renderViewPage(c, "webhooks.title", status, (view) => (
      <WebhooksPage view={view} hooks={hooks} form={form} events={events} notice={noticeOf(c)} />
    ));
  };

  const showHook = async (
    c: Context<AppEnv>,
    id: string,
    edit?: { form: FormState<WebhookFormValues>; events: readonly string[] },
    status?: ContentfulStatusCode,
  ) => {
    const view = c.get("view");
    const actor = actorOf(c);
    const hook = await service.getWebhook(svc, actor, id);
    const page = service.deliveryQuerySchema.safeParse({ page: c.req.query("page") });
    const query = page.success ? page.data : service.deliveryQuerySchema.parse({});
    const deliveries = await service.listDeliveries(svc, actor, id, query);
    const stored = { name: hook.name, url: hook.url, enabled: hook.enabled ? "on" : "" };
    const testedId = c.req.query("tested");
    return renderPage(c, {
      title: hook.name,
      status,
      content: (
        <WebhookPage
          view={view}
          hook={hook}
          form={edit?.form ?? emptyForm<WebhookFormValues>(stored)}
          events={edit?.events ?? hook.events}
          deliveries={deliveries}
          tested={testedId ? deliveries.items.find((d) => d.id === testedId) : undefined}
          notice={noticeOf(c)}
        />
      ),
    });
  };

  // A new webhook's form offers a random signing secret.
  router.get("/integrations/webhooks", (c) => {
    const secret = `whsec_${randomBytes(24).toString("base64url")}`;
    return showList(c, emptyForm<WebhookFormValues>({ secret, enabled: "on" }), []);
  });

  router.post("/integrations/webhooks", async (c) => {
    const { values, events, input } = await readWebhookForm(c);
    try {
      const created = await parseForm(service.newWebhookSchema, input);
      const hook = await service.createWebhook(svc, actorOf(c), created, facts(c));
      return redirectAfterPost(c, `/integrations/webhooks/${hook.id}?notice=created`);
    } catch (error) {
      return showList(c, { values, errors: formErrors(error, c.get("view").t) }, events, 422);
    }
  });

  router.get("/integrations/webhooks/:id", (c) => showHook(c, c.req.param("id")));

  router.post("/integrations/webhooks/:id", async (c) => {
    const id = c.req.param("id");
    const { values, events, input } = await readWebhookForm(c);
    try {
      const patch = await parseForm(service.webhookPatchSchema, {
        ...input,
        secret: input.secret || undefined,
      });
      await service.updateWebhook(svc, actorOf(c), id, patch, facts(c));
      return redirectAfterPost(c, `/integrations/webhooks/${id}?notice=saved`);
    } catch (error) {
      return showHook(c, id, { form: { values, errors: formErrors(error, c.get("view").t) }, events }, 422);
    }
  });

  router.post("/integrations/webhooks/:id/test", async (c) => {
    const id = c.req.param("id");
    const delivery = await service.testWebhook(svc, actorOf(c), id, facts(c));
    return redirectAfterPost(c, `/integrations/webhooks/${id}?tested=${delivery.id}`);
  });

  router.post("/integrations/webhooks/:id/delete", async (c) => {
    await service.deleteWebhook(svc, actorOf(c), c.req.param("id"), facts(c));
    return redirectAfterPost(c, "/integrations/webhooks?notice=deleted");
  });

  return router;
}
