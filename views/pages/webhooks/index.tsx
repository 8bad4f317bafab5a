/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { WebhookView } from "../../../src/modules/webhooks/service.ts";
import { DataTable, namedTable } from "../../components/data-table.tsx";
import type { FormState } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { WebhookForm, type WebhookFormValues } from "./form.tsx";

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
