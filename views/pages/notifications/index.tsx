/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import type { Notification, NotificationPriority } from "../../../src/modules/notifications/schema.ts";
import { LiveTopic } from "../../components/live-rows.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";

/** Props of the notifications page: plain data, loaded by the route. */
export interface NotificationsPageProps {
  view: ViewContext;
  page: Page<Notification>;
  unreadOnly: boolean;
  unread: number;
  notice?: string;
}

/** Badge classes by priority: urgent and high stand out, the rest stay neutral. */
const PRIORITY_CLASS: Record<NotificationPriority, string> = {
  urgent: "badge is-danger",
  high: "badge sev sev-high",
  normal: "badge",
  low: "badge",
};

/** The URL of a view of the list (unread only or all, a page): the page, or with `path` its items fragment. */
export function notificationsHref(unreadOnly: boolean, page = 1, path = "/notifications"): string {
  const query = new URLSearchParams();
  if (unreadOnly) query.set("unread", "true");
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * `/notifications`: the signed-in user's notifications, newest first; each opens its
 * record (and is marked read on the way) or is marked read where it stands.
 */
export function NotificationsPage({ view, page, unreadOnly, unread, notice }: NotificationsPageProps) {
  const { t } = view;
  return (
    <>
      <PageHead title={t("notifications.title")} below={<UnreadCount view={view} unread={unread} />}>
        <div class="head-actions">
          <a class={buttonClass("secondary")} href="/notifications/preferences">
            {t("notifications.preferences")}
          </a>
          {unread > 0 ? (
            <form method="post" action="/notifications/read-all">
              <SubmitButton testid="read-all">{t("notifications.readAll")}</SubmitButton>
            </form>
          ) : null}
        </div>
      </PageHead>
      <Message view={view} kind="success" testid="notifications-notice">
        {notice}
      </Message>
      <nav class="segmented notification-tabs" aria-label={t("notifications.show")}>
        <a href={notificationsHref(false)} aria-current={unreadOnly ? undefined : "true"}>
          {t("notifications.all")}
        </a>
        <a href={notificationsHref(true)} aria-current={unreadOnly ? "true" : undefined}>
          {t("notifications.unread")}
        </a>
      </nav>
      <div
        id="notification-items"
        hx-get={notificationsHref(unreadOnly, page.page, "/notifications/items")}
        hx-trigger="notifications-changed from:body"
        hx-target="this"
        hx-swap="innerMorph"
        data-live-pause="#notification-items"
      >
        <NotificationItems view={view} page={page} unreadOnly={unreadOnly} />
      </div>
      <LiveTopic view={view} topic="notifications" events="notification.created notification.read" />
      <Pagination view={view} of={page} hrefFor={(n) => notificationsHref(unreadOnly, n)} />
    </>
  );
}

/** "3 unread" under the title; a live refresh swaps it out of band. */
export function UnreadCount({ view, unread, oob }: { view: ViewContext; unread: number; oob?: boolean }) {
  return (
    <p
      class="page-sub num"
      id="unread-count"
      data-testid="unread-count"
      hx-swap-oob={oob ? "true" : undefined}
    >
      {view.t("notifications.unreadCount", { count: view.fmt.number(unread) })}
    </p>
  );
}

/**
 * The notifications of one page (or the empty state): on the page, and alone as the
 * fragment a live refresh morphs in when one arrives or is read elsewhere.
 */
export function NotificationItems({
  view,
  page,
  unreadOnly,
}: Pick<NotificationsPageProps, "view" | "page" | "unreadOnly">) {
  const { t } = view;
  return page.items.length === 0 ? (
    <div class="empty-state" data-testid="notifications-empty">
      <p>{t(unreadOnly ? "notifications.noneUnread" : "notifications.none")}</p>
    </div>
  ) : (
    <ul class="notification-list" data-testid="notifications">
      {page.items.map((n) => (
        <li class={`notification${n.readAt === null ? " is-unread" : ""}`} data-testid="notification">
          <span class="notification-dot" aria-hidden="true" />
          <div class="notification-body">
            <div class="notification-title">
              {n.link ? (
                <form method="post" action={`/notifications/${n.id}/open`} class="inline-form">
                  <button type="submit" class="link-button">
                    {n.title}
                  </button>
                </form>
              ) : (
                <span>{n.title}</span>
              )}
              {n.priority === "normal" ? null : (
                <span class={PRIORITY_CLASS[n.priority]}>{t(`notifications.priority.${n.priority}`)}</span>
              )}
            </div>
            {n.message ? <p class="notification-message">{n.message}</p> : null}
            <p class="notification-meta muted">
              {t(`notifications.type.${n.type}`)} · <RelativeTime view={view} ms={n.createdAt} />
              {n.readAt === null ? <span class="visually-hidden"> · {t("notifications.unread")}</span> : null}
            </p>
          </div>
          {n.readAt === null ? (
            <form method="post" action={`/notifications/${n.id}/read`} class="notification-action">
              <input type="hidden" name="unread" value={unreadOnly ? "true" : ""} />
              <SubmitButton variant="secondary" small testid="mark-read">
                {t("notifications.markRead")}
              </SubmitButton>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
