/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { WEBHOOK_EVENTS } from "../../../src/modules/webhooks/events.ts";
import type { WebhookView } from "../../../src/modules/webhooks/service.ts";
import { DataTable, namedTable } from "../../components/data-table.tsx";
import { CheckGroup, type FormState } from "../../components/form-field.tsx";
import { textFields } from "../../components/form-fields.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { PanelForm } from "../../components/panel-form.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { StateBadge } from "../../components/state-badge.tsx";

/** What the webhook form holds, as typed; the chosen events come apart, as a list. */
export interface WebhookFormValues extends Record<string, string> {
  name: string;
  url: string;
  /** New webhooks: required (a random one is offered); edits: blank keeps the current one. */
  secret: string;
  /** `on` when enabled. */
  enabled: string;
}

/** Props of the webhook form. */
export interface WebhookFormProps {
  view: ViewContext;
  form: FormState<WebhookFormValues>;
  events: readonly string[];
  action: string;
  /** Editing: the secret may be left blank, and its last characters are shown. */
  secretHint?: string;
  testid: string;
}

/** Add or change a webhook: name, URL, signing secret, events, enabled. */
export function WebhookForm({ view, form, events, action, secretHint, testid }: WebhookFormProps) {
  const { t } = view;
  const { values, errors } = form;
  const text = textFields(view, "webhooks");
  return (
    <PanelForm
      action={action}
      testid={testid}
      title={t(secretHint ? "webhooks.editTitle" : "webhooks.createTitle")}
      form={form}
      fields={[
        text("name", { required: true, maxlength: 100, autocomplete: "off" }),
        text("url", {
          help: t("webhooks.field.urlHelp"),
          placeholder: "https://siem.example.org/hooks/warden",
          required: true,
          maxlength: 2000,
          spellcheck: false,
          autocomplete: "off",
        }),
        text("secret", {
          help: secretHint
            ? t("webhooks.field.secretKeep", { hint: secretHint })
            : t("webhooks.field.secretHelp"),
          required: !secretHint,
          maxlength: 200,
          spellcheck: false,
          autocomplete: "off",
        }),
      ]}
      submit={t(secretHint ? "webhooks.save" : "webhooks.create")}
      submitTestid={`${testid}-submit`}
    >
      <CheckGroup
        legend={t("webhooks.field.events")}
        name="events"
        options={WEBHOOK_EVENTS.map((event) => ({ value: event, label: event }))}
        checked={events}
        error={errors.events}
        mono
      />
      <label class="check-label">
        <input type="checkbox" name="enabled" checked={values.enabled === "on"} />
        {t("webhooks.field.enabled")}
      </label>
    </PanelForm>
  );
}

/** Props of the webhooks page. */
export interface WebhooksPageProps {
  view: ViewContext;
  hooks: WebhookView[];
  form: FormState<WebhookFormValues>;
  events: readonly string[];
  notice: string | null;
}

/** `/integrations/webhooks` (admins): the webhooks and the form adding one. */
export function WebhooksPage({ view, hooks, form, events, notice }: WebhooksPageProps) {
  const { t, fmt } = view;
  return (
    <>
      <PageHead
        title={t("webhooks.title")}
        subClass="num"
        sub={t("webhooks.count", { total: fmt.number(hooks.length) })}
      />
      <p class="page-intro">{t("webhooks.intro")}</p>
      <Message view={view} kind="success" testid="webhooks-notice">
        {notice}
      </Message>
      <DataTable
        {...namedTable(view, "webhooks", hooks.length, ["name", "url", "events", "status", "updated"])}
      >
        {hooks.map((hook) => (
          <tr>
            <td>
              <a class="cell-title" href={`/integrations/webhooks/${hook.id}`}>
                {hook.name}
              </a>
            </td>
            <td class="mono webhook-url">{hook.url}</td>
            <td class="mono webhook-events">{hook.events.join(", ")}</td>
            <td>
              <StateBadge ok={hook.enabled}>
                {t(hook.enabled ? "webhooks.enabled" : "webhooks.disabled")}
              </StateBadge>
            </td>
            <TimeCell view={view} ms={hook.updatedAt} />
          </tr>
        ))}
      </DataTable>
      <WebhookForm
        view={view}
        form={form}
        events={events}
        action="/integrations/webhooks"
        testid="create-webhook-form"
      />
    </>
  );
}
