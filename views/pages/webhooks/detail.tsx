/** @jsxImportSource hono/jsx */

import type { Page } from "../../../src/lib/list-query.ts";
import type { DeliveryStatus } from "../../../src/modules/notifications/deliveries-schema.ts";
import type { DeliveryView, WebhookView } from "../../../src/modules/webhooks/service.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { RelativeTime, TimeCell } from "../../components/relative-time.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";
import { WebhookForm, type WebhooksPageProps } from "./index.tsx";

/** Props of one webhook's page. */
export interface WebhookPageProps extends Omit<WebhooksPageProps, "hooks"> {
  hook: WebhookView;
  deliveries: Page<DeliveryView>;
  /** The delivery a "send test" just made, to report how it went. */
  tested?: DeliveryView;
}

const STATUS_CLASS: Record<DeliveryStatus, string> = {
  sent: "badge is-ok",
  failed: "badge is-danger",
  pending: "badge",
  sending: "badge",
};

/** The outcome of one attempt: the HTTP status, else the error. */
function outcome(d: { statusCode: number | null; error: string | null }): string {
  if (d.statusCode !== null) return `HTTP ${d.statusCode}`;
  return d.error ?? "";
}

/** `/integrations/webhooks/:id` (admins): change it, send a test, read its delivery log. */
export function WebhookPage({ view, hook, form, events, deliveries, tested, notice }: WebhookPageProps) {
  const { t, fmt } = view;
  return (
    <>
      <PageHead title={hook.name} subClass="mono" sub={hook.url}>
        <div class="head-actions">
          <form method="post" action={`/integrations/webhooks/${hook.id}/test`}>
            <SubmitButton variant="secondary" small testid="send-test">
              {t("webhooks.sendTest")}
            </SubmitButton>
          </form>
          <ConfirmAction
            view={view}
            id={`delete-${hook.id}`}
            action={`/integrations/webhooks/${hook.id}/delete`}
            trigger={t("webhooks.delete")}
            title={t("webhooks.deleteDialog.title", { name: hook.name })}
            body={t("webhooks.deleteDialog.body")}
            confirm={t("webhooks.deleteDialog.confirm", { name: hook.name })}
            testid="delete-webhook"
          />
        </div>
      </PageHead>
      <Message view={view} kind="success" testid="webhook-notice">
        {notice}
      </Message>
      {tested ? (
        <Message view={view} kind={tested.status === "sent" ? "success" : "error"} testid="test-result">
          {t(tested.status === "sent" ? "webhooks.testSent" : "webhooks.testFailed", {
            outcome: outcome({ statusCode: tested.lastStatusCode, error: tested.lastError }),
          })}
        </Message>
      ) : null}
      <WebhookForm
        view={view}
        form={form}
        events={events}
        action={`/integrations/webhooks/${hook.id}`}
        secretHint={hook.secretHint}
        testid="edit-webhook-form"
      />
      <section class="panel" aria-labelledby="delivery-log">
        <h2 class="panel-title" id="delivery-log">
          {t("webhooks.log")} <span class="muted num">{fmt.number(deliveries.total)}</span>
        </h2>
        <DataTable
          label={t("webhooks.log")}
          testid="deliveries-table"
          rowCount={deliveries.items.length}
          empty={<p>{t("webhooks.logEmpty")}</p>}
          columns={columnsOf(view, "webhooks.col", [
            "when",
            "event",
            "status",
            { name: "attempts", numeric: true },
            "outcome",
            "next",
          ])}
        >
          {deliveries.items.map((d) => (
            <tr>
              <TimeCell view={view} ms={d.createdAt} />
              <td class="mono">{d.event}</td>
              <td>
                <span class={STATUS_CLASS[d.status]}>{t(`webhooks.status.${d.status}`)}</span>
              </td>
              <td class="is-num num">{fmt.number(d.attempts)}</td>
              <td class="delivery-outcome" title={d.attemptLog.map((a) => outcome(a)).join(" · ")}>
                {d.attempts === 0 ? "—" : outcome({ statusCode: d.lastStatusCode, error: d.lastError })}
              </td>
              <td class="nowrap">
                {d.status === "pending" ? <RelativeTime view={view} ms={d.nextAttemptAt} /> : "—"}
              </td>
            </tr>
          ))}
        </DataTable>
        <Pagination
          view={view}
          of={deliveries}
          hrefFor={(n) => `/integrations/webhooks/${hook.id}?page=${n}`}
        />
      </section>
      <p>
        <a class={buttonClass("secondary")} href="/integrations/webhooks">
          {t("webhooks.back")}
        </a>
      </p>
    </>
  );
}
