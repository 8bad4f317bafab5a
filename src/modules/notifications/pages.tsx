/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import {
  NotificationItems,
  NotificationsPage,
  notificationsHref,
  UnreadCount,
} from "../../../views/pages/notifications/index.tsx";
import { PreferencesPage } from "../../../views/pages/notifications/preferences.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, parseForm, readForm, readFormLists } from "../../kit/forms.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import type { FieldErrors } from "../../lib/errors.ts";
import { liveRows, redirectAfterPost, renderViewPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import { getPreferences, preferencesSchema, updatePreferences } from "./preferences.ts";
import { NOTIFICATION_TYPES } from "./schema.ts";
import { countUnread, listNotifications, markAllRead, markRead, notificationQuerySchema } from "./service.ts";

/** A notification's link, if it is a path in Warden (never another site). */
function localPath(link: string | null): string | null {
  return link?.startsWith("/") && !link.startsWith("//") ? link : null;
}

/**
 * The signed-in user's notifications (every role):
 * - GET  /notifications                list (`?unread=true`, `?page=`); `?done=read-all` confirms
 * - GET  /notifications/items          the list's items (htmx, when one arrives or is read elsewhere)
 * - POST /notifications/read-all       mark all read
 * - POST /notifications/:id/read       mark one read
 * - POST /notifications/:id/open       mark one read and go to its record
 * - GET  /notifications/preferences    channels per type, alert severities
 * - POST /notifications/preferences    save them
 */
export function notificationsPages(deps: AppDeps): Hono<AppEnv> {
  const svc = { db: deps.database.db, bus: deps.bus };
  const facts = (c: Context<AppEnv>) => requestFacts(c, deps.config);
  const router = new Hono<AppEnv>();

  const queryOf = (c: Context<AppEnv>) => {
    const parsed = notificationQuerySchema.safeParse(c.req.query());
    return parsed.success ? parsed.data : notificationQuerySchema.parse({});
  };

  router.get("/notifications", async (c) => {
    const actor = actorOf(c);
    const query = queryOf(c);
    const page = await listNotifications(svc, actor, query);
    const unread = await countUnread(svc, actor);
    return renderViewPage(c, "notifications.title", undefined, (view) => (
      <NotificationsPage
        view={view}
        page={page}
        unreadOnly={query.unread}
        unread={unread}
        notice={c.req.query("done") === "read-all" ? view.t("notifications.allRead") : undefined}
      />
    ));
  });

  router.get("/notifications/items", (c) => {
    const view = c.get("view");
    const actor = actorOf(c);
    const query = queryOf(c);
    return liveRows(c, notificationsHref(query.unread, query.page), async () => (
      <>
        <NotificationItems
          view={view}
          page={await listNotifications(svc, actor, query)}
          unreadOnly={query.unread}
        />
        <UnreadCount view={view} unread={await countUnread(svc, actor)} oob />
      </>
    ));
  });

  router.post("/notifications/read-all", async (c) => {
    await markAllRead(svc, actorOf(c), facts(c));
    return redirectAfterPost(c, "/notifications?done=read-all");
  });

  router.post("/notifications/:id/read", async (c) => {
    const form = await readForm(c);
    await markRead(svc, actorOf(c), c.req.param("id"), facts(c));
    return redirectAfterPost(c, form.unread === "true" ? "/notifications?unread=true" : "/notifications");
  });

  router.post("/notifications/:id/open", async (c) => {
    const { notification } = await markRead(svc, actorOf(c), c.req.param("id"), facts(c));
    return redirectAfterPost(c, localPath(notification.link) ?? "/notifications");
  });

  const showPreferences = async (c: Context<AppEnv>, errors: FieldErrors = {}) => {
    const preferences = await getPreferences(svc.db, actorOf(c));
    const status = Object.keys(errors).length > 0 ? 422 : undefined;
    return renderViewPage(c, "notifications.preferencesTitle", status, (view) => (
      <PreferencesPage
        view={view}
        preferences={preferences}
        emailEnabled={deps.config.get().smtp.host !== null}
        errors={errors}
        saved={c.req.query("saved") === "1"}
      />
    ));
  };

  router.get("/notifications/preferences", (c) => showPreferences(c));

  router.post("/notifications/preferences", async (c) => {
    const actor = actorOf(c);
    const form = await readForm(c);
    const { severity } = await readFormLists(c, "severity");
    const emailEnabled = deps.config.get().smtp.host !== null;
    // Without e-mail the e-mail boxes are disabled (not posted): the saved choices stay.
    const current = emailEnabled ? null : await getPreferences(svc.db, actor);
    const types = Object.fromEntries(
      NOTIFICATION_TYPES.map((type) => [
        type,
        {
          inApp: form[`${type}.inApp`] === "on",
          email: current ? current.types[type].email : form[`${type}.email`] === "on",
        },
      ]),
    );
    try {
      const input = await parseForm(preferencesSchema, { types, alertSeverities: severity });
      await updatePreferences(svc.db, actor, input, facts(c));
    } catch (error) {
      return showPreferences(c, formErrors(error, c.get("view").t));
    }
    return redirectAfterPost(c, "/notifications/preferences?saved=1");
  });

  return router;
}
