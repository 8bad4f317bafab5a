import { createSelectSchema } from "drizzle-zod";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { pageOf } from "../../kit/record-schemas.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { getPreferences, preferencesSchema, updatePreferences } from "./preferences.ts";
import { notifications } from "./schema.ts";
import { countUnread, listNotifications, markAllRead, markRead, notificationQuerySchema } from "./service.ts";

/** A notification as the API returns it. */
export const notificationSchema = createSelectSchema(notifications).extend({
  link: z.string().nullable().describe("A path in Warden"),
});

const unreadSchema = z.object({ unread: z.number().int() });

/**
 * Preferences as GET answers them: with `emailEnabled`, a fact of the server that PUT takes
 * back unchanged (a client may send what it read) and ignores.
 */
const preferencesViewSchema = preferencesSchema.extend({
  emailEnabled: z.boolean().describe("Whether the server can send e-mail (read-only: PUT ignores it)"),
});

/**
 * The signed-in user's notifications (every role; a token reads its owner's):
 * - GET  /api/v1/notifications               mine, newest first (`unread=true`, `page`, `pageSize`)
 * - GET  /api/v1/notifications/unread-count  `{unread}`
 * - POST /api/v1/notifications/read-all      marks every one read
 * - POST /api/v1/notifications/:id/read      marks one read
 * - GET  /api/v1/notifications/preferences   per type: in-app, e-mail; alert severities
 * - PUT  /api/v1/notifications/preferences   replaces them
 */
export function notificationsApi(deps: AppDeps): ApiRouter {
  const svc = { db: deps.database.db, bus: deps.bus };
  const router = new ResourceRouter("/notifications", "Notifications", {
    svc,
    resource: "notifications",
    config: deps.config,
  });
  return router
    .read(
      "/",
      {
        summary: "List my notifications",
        query: notificationQuerySchema,
        ok: { description: "A page of notifications", schema: pageOf(notificationSchema) },
      },
      (svc, actor, { query }) => listNotifications(svc, actor, query),
    )
    .read(
      "/unread-count",
      { summary: "Count my unread notifications", ok: { description: "Count", schema: unreadSchema } },
      async (svc, actor) => ({ unread: await countUnread(svc, actor) }),
    )
    .post(
      "/read-all",
      {
        summary: "Mark all my notifications read",
        permission: router.may("update"),
        responses: {
          200: { description: "How many changed", schema: unreadSchema.extend({ marked: z.number().int() }) },
        },
      },
      async (c) => c.json(await markAllRead(svc, actorOf(c), router.facts(c))),
    )
    .read(
      "/preferences",
      {
        summary: "Read my notification preferences",
        ok: {
          description: "Preferences; `emailEnabled` says whether the server can send e-mail",
          schema: preferencesViewSchema,
        },
      },
      async (svc, actor) => ({
        ...(await getPreferences(svc.db, actor)),
        emailEnabled: deps.config.get().smtp.host !== null,
      }),
    )
    .put(
      "/preferences",
      {
        summary: "Replace my notification preferences",
        permission: router.may("update"),
        body: preferencesViewSchema.partial({ emailEnabled: true }),
        responses: { 200: { description: "Saved", schema: preferencesSchema } },
      },
      async (c, { body: { emailEnabled: _readOnly, ...preferences } }) =>
        c.json(await updatePreferences(svc.db, actorOf(c), preferences, router.facts(c))),
    )
    .act(
      "/:id/read",
      {
        summary: "Mark a notification read",
        ok: { description: "Read", schema: unreadSchema.extend({ notification: notificationSchema }) },
        refused: { 404: { description: "Not one of mine" } },
      },
      (svc, actor, id, _body, request) => markRead(svc, actor, id, request),
    );
}
