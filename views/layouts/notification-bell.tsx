/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import { Icon } from "../components/icon.tsx";

/**
 * The header's notification bell: a link to `/notifications`. The unread count comes
 * live from the event stream (public/js/app.js opens `notifications` on every page: its
 * first event is the count, then each new notification or read updates it); without
 * JavaScript the bell is a plain link. Once the count has arrived, the bell carries `data-counted`.
 */
export function NotificationBell({ view }: { view: ViewContext }) {
  const { t } = view;
  return (
    <a
      class="icon-button bell"
      href="/notifications"
      data-bell=""
      data-testid="bell"
      aria-label={t("shell.notifications")}
      title={t("shell.notifications")}
      data-label={t("shell.notifications")}
      data-label-unread={t("shell.notificationsUnread", { count: "{count}" })}
    >
      <Icon name="bell" sprite={view.asset("vendor/icons.svg")} />
      <span class="bell-count num" data-unread="" data-testid="bell-count" hidden>
        0
      </span>
    </a>
  );
}
