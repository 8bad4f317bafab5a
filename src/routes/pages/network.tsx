/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { ConnectionRows, NetworkPage } from "../../../views/pages/network/index.tsx";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import type { FieldErrors } from "../../lib/errors.ts";
import { isHtmx, renderPage } from "../../lib/htmx.tsx";
import { fieldErrors } from "../../lib/validation.ts";
import { type ConnectionQuery, connectionQuerySchema, listConnections } from "../../services/network.ts";

/** Page paths this module serves (they light up in the navigation). */
export const NETWORK_PATHS = ["/network"];

/** How often the open page refreshes its rows. */
const REFRESH_MS = 5000;

function readFilters(query: Record<string, string>): { filters: ConnectionQuery; errors: FieldErrors } {
  const parsed = connectionQuerySchema.safeParse(query);
  if (parsed.success) return { filters: parsed.data, errors: {} };
  const errors = fieldErrors(parsed.error);
  const good = Object.fromEntries(Object.entries(query).filter(([k]) => !(k in errors)));
  return { filters: connectionQuerySchema.parse(good), errors };
}

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
    const { filters, errors } = readFilters(c.req.query());
    const view = c.get("view");
    const { items } = listConnections(actorOf(c), filters);
    return renderPage(c, {
      title: view.t("network.title"),
      content: (
        <NetworkPage view={view} filters={filters} errors={errors} items={items} refreshMs={REFRESH_MS} />
      ),
    });
  });
  router.get("/network/rows", (c) => {
    const { filters } = readFilters(c.req.query());
    if (!isHtmx(c)) return c.redirect(href(filters), 303);
    const { items } = listConnections(actorOf(c), filters);
    c.header("HX-Replace-Url", href(filters));
    c.header("Vary", "HX-Request", { append: true });
    return c.html(<ConnectionRows view={c.get("view")} items={items} />);
  });
  return router;
}
