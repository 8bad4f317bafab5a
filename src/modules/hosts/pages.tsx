/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { EnrolmentValues } from "../../../views/pages/hosts/enrolment-panel.tsx";
import { HostFacts, HostPage } from "../../../views/pages/hosts/host-page.tsx";
import { HostPortsPage } from "../../../views/pages/hosts/host-ports.tsx";
import { HostRows, HostsPage, type HostsPageProps } from "../../../views/pages/hosts/index.tsx";
import { parseForm, readForm } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { can } from "../../kit/rbac.ts";
import { answerSecretForm } from "../../kit/secret-form.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { liveRows, redirectAfterPost, renderPage, renderViewPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import type { ModuleContext } from "../context.ts";
import { historyRange } from "../dashboard/pages.tsx";
import { revokeHost } from "./agents.ts";
import {
  createEnrolmentToken,
  listEnrolmentTokens,
  newEnrolmentTokenSchema,
  revokeEnrolmentToken,
} from "./enrolment.ts";
import { getHost, LOCAL_HOST_ID, listHosts } from "./host-reads.ts";
import { hostPorts } from "./host-tables.ts";
import { type HostPageHandler, hostProcessPages } from "./process-pages.tsx";
import { hostWindowPages } from "./window-pages.tsx";

type HostsState = Partial<Pick<HostsPageProps, "form" | "created">>;

/**
 * The Hosts page (every role reads; admins enrol and revoke):
 * - GET  /hosts                               every host, live
 * - GET  /hosts/rows                          the rows (htmx live refresh)
 * - GET  /hosts/:id?history=1h|24h|7d|30d      a host's page (`local`: the dashboard)
 * - GET  /hosts/:id/processes…               its busiest processes, live, and actions on them (process-pages.tsx)
 * - GET  /hosts/:id/windows…                 its desktop's windows, live, and actions on them (window-pages.tsx)
 * - GET  /hosts/:id/ports                     its listening ports as its agent last reported them
 * - GET  /hosts/:id/facts                     its facts (refreshed when its agent comes or goes)
 * - POST /hosts/enrolment-tokens              create an enrolment token; the answer shows its secret once
 * - POST /hosts/enrolment-tokens/:id/revoke   revoke an enrolment token
 * - POST /hosts/:id/revoke                    revoke an agent (its socket closes at once)
 */
export function hostsPages(ctx: ModuleContext): Hono<AppEnv> {
  const { deps } = ctx;
  const db = deps.database.db;
  const router = new Hono<AppEnv>();

  const show = async (c: Context<AppEnv>, state: HostsState, status?: ContentfulStatusCode) => {
    const actor = actorOf(c);
    const canManage = can(actor, "create", "hosts");
    const [hosts, tokens] = await Promise.all([
      listHosts(deps, actor),
      canManage ? listEnrolmentTokens(db, actor) : Promise.resolve([]),
    ]);
    return renderViewPage(c, "hosts.title", status, (view) => (
      <HostsPage
        view={view}
        hosts={hosts}
        canManage={canManage}
        tokens={tokens}
        now={Date.now()}
        hubUrl={new URL(c.req.url).origin}
        form={state.form ?? { values: { name: "", maxUses: "1", expiresInHours: "24" }, errors: {} }}
        created={state.created}
      />
    ));
  };

  router.get("/hosts", (c) => show(c, {}));

  router.get("/hosts/rows", (c) =>
    liveRows(c, "/hosts", async () => {
      const actor = actorOf(c);
      const hosts = await listHosts(deps, actor);
      return <HostRows view={c.get("view")} hosts={hosts} canManage={can(actor, "create", "hosts")} />;
    }),
  );

  /** A page of one agent host, drawn by `body`; the local host's own page is at `local`. */
  const hostPage: HostPageHandler = (local, body) => async (c) => {
    const id = c.req.param("id") ?? "";
    if (id === LOCAL_HOST_ID) return c.redirect(local, 302);
    const host = await getHost(deps, actorOf(c), id);
    return renderPage(c, { title: host.hostname, content: await body(c, host) });
  };

  router.get(
    "/hosts/:id",
    hostPage("/", (c, host) => (
      <HostPage view={c.get("view")} host={host} range={historyRange(c.req.query("history"))} />
    )),
  );

  hostProcessPages(router, ctx, hostPage);
  hostWindowPages(router, ctx, hostPage);

  router.get(
    "/hosts/:id/ports",
    hostPage("/network", async (c, host) => (
      <HostPortsPage
        view={c.get("view")}
        host={host}
        ports={await hostPorts({ db, reported: ctx.hosts.ports }, actorOf(c), host.id)}
      />
    )),
  );

  router.get("/hosts/:id/facts", async (c) => {
    const host = await getHost(deps, actorOf(c), c.req.param("id"));
    return c.html(<HostFacts view={c.get("view")} host={host} />);
  });

  router.post("/hosts/enrolment-tokens", mayPost("create", "hosts"), async (c) => {
    const { name = "", maxUses = "1", expiresInHours = "24" } = await readForm(c);
    const values: EnrolmentValues = { name, maxUses: maxUses.trim(), expiresInHours: expiresInHours.trim() };
    return answerSecretForm(c, values, show, async () => {
      const input = await parseForm(newEnrolmentTokenSchema, {
        name,
        maxUses: Number(values.maxUses || "1"),
        expiresInHours: Number(values.expiresInHours || "24"),
      });
      return createEnrolmentToken(db, actorOf(c), input, requestFacts(c, deps.config));
    });
  });

  router.post("/hosts/enrolment-tokens/:id/revoke", async (c) => {
    await revokeEnrolmentToken({ db }, actorOf(c), c.req.param("id"), requestFacts(c, deps.config));
    return redirectAfterPost(c, "/hosts");
  });

  router.post("/hosts/:id/revoke", async (c) => {
    await revokeHost({ db, bus: deps.bus }, actorOf(c), c.req.param("id"), requestFacts(c, deps.config));
    return redirectAfterPost(c, "/hosts");
  });

  return router;
}
