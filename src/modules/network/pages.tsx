/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { ConnectionRows, NetworkPage } from "../../../views/pages/network/index.tsx";
import { readFilters } from "../../kit/forms.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { liveRows, renderViewPage } from "../../lib/htmx.tsx";
import { type ConnectionQuery, connectionQuerySchema, listConnections } from "./service.ts";

/** How often the open page refreshes its rows. */
const REFRESH_MS = 5000;

function href(filters: ConnectionQuery): string {
  const query = new URLSearchParams();
  if (filters.q) query.set("q", filters.q);
  if (filters.state !== "all") query.set("state", filters.state);
  if (filters.protocol !== "all") query.set("protocol", filters.protocol);
  const text = query.toString();
  return text ? `/network?${text}` : "/network";
}

/**
 * The network page (every role that reads network data):
 * - GET /network        listening sockets and connections with their processes
 * - GET /network/rows   the rows for a live refresh (htmx)
 */
export function networkPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/network", (c) => {
    const { filters, errors } = readFilters(connectionQuerySchema, c.req.query(), c.get("view").t);
    const { items } = listConnections(actorOf(c), filters);
    return renderViewPage(c, "network.title", undefined, (view) => (
      <NetworkPage view={view} filters={filters} errors={errors} items={items} refreshMs={REFRESH_MS} />
    ));
  });
  router.get("/network/rows", (c) => {
    const { filters } = readFilters(connectionQuerySchema, c.req.query());
    return liveRows(c, href(filters), () => (
      <ConnectionRows view={c.get("view")} items={listConnections(actorOf(c), filters).items} />
    ));
  });
  return router;
}
