import { Hono } from "hono";
import { assertCan } from "../kit/rbac.ts";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { Validation } from "../lib/errors.ts";
import { isTopic, TOPIC_RESOURCE, TOPICS, type Topic } from "./bus.ts";
import { credentialOf } from "./ended-credentials.ts";
import type { SseStreams } from "./sse.ts";

/**
 * The live event stream (cookie session or bearer token, like every route):
 * - GET /events?topics=metrics,…&since=   Server-Sent Events; `Last-Event-ID` resumes, `since`
 *   (the bus id a page was rendered at) replays what came after it
 */
export function eventsRoutes(streams: SseStreams): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/events", (c) => {
    const actor = actorOf(c);
    const requested = (c.req.query("topics") ?? "metrics")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
    const unknown = requested.filter((t) => !isTopic(t));
    if (unknown.length > 0 || requested.length === 0)
      throw new Validation({ topics: `Unknown topic ${unknown.join(", ")}; known: ${TOPICS.join(", ")}.` });
    const since = c.req.query("since");
    if (since !== undefined && !(/^\d{1,16}$/.test(since) && Number.isSafeInteger(Number(since))))
      throw new Validation({ since: "Must be an event id: a whole number, 0 or more." });
    const topics = [...new Set(requested)] as Topic[];
    for (const topic of topics) assertCan(actor, "read", TOPIC_RESOURCE[topic]);
    return streams.respond(c, credentialOf(actor), topics, since === undefined ? undefined : Number(since));
  });
  return router;
}
