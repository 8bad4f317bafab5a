/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HostFacts, HostPage } from "../../../views/pages/hosts/host-page.tsx";
import { HostPortsPage } from "../../../views/pages/hosts/host-ports.tsx";
import {
  type HostProcessActions,
  HostProcessesPage,
  HostProcessRows,
  type SelectedHostProcess,
} from "../../../views/pages/hosts/host-processes.tsx";
import { HostWindowsLive, HostWindowsPage } from "../../../views/pages/hosts/host-windows.tsx";
import { HostRows, HostsPage, type HostsPageProps } from "../../../views/pages/hosts/index.tsx";
import { WINDOW_ACTIONS } from "../../desktop/x11.ts";
import { parseForm, readForm, refusalText } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { can } from "../../kit/rbac.ts";
import { answerSecretForm } from "../../kit/secret-form.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError, NotFound } from "../../lib/errors.ts";
import { liveRows, redirectAfterPost, renderPage, renderViewPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import type { ModuleContext } from "../context.ts";
import { historyRange } from "../dashboard/pages.tsx";
import { pidSchema, reniceSchema, signalNamed, signalSchema } from "../processes/service.ts";
import { windowActionSchema, windowIdSchema } from "../windows/service.ts";
import type { ActionParams } from "./action-protocol.ts";
import { revokeHost } from "./agents.ts";
import {
  createEnrolmentToken,
  listEnrolmentTokens,
  newEnrolmentTokenSchema,
  revokeEnrolmentToken,
} from "./enrolment.ts";
import { actOnHost } from "./host-actions.ts";
import { getHost, type HostDetail, LOCAL_HOST_ID, listHosts } from "./host-reads.ts";
import { hostPorts, hostProcesses, hostWindows } from "./host-tables.ts";

type HostsState = Partial<Pick<HostsPageProps, "form" | "created">>;

/** Draws one agent host's page with `body` (the hosts pages' helper: `local` goes to its own page). */
type HostPageHandler = (
  local: string,
  body: (c: Context<AppEnv>, host: HostDetail) => Promise<Child> | Child,
) => (c: Context<AppEnv>) => Promise<Response>;

/**
 * The Hosts page (every role reads; admins enrol and revoke):
 * - GET  /hosts                               every host, live
 * - GET  /hosts/rows                          the rows (htmx live refresh)
 * - GET  /hosts/:id?history=1h|24h|7d|30d      a host's page (`local`: the dashboard)
 * - GET  /hosts/:id/processes…               its busiest processes, live, and actions on them (hostProcessPages)
 * - GET  /hosts/:id/windows…                 its desktop's windows, live, and actions on them (hostWindowPages)
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
        ports={await hostPorts({ db, gateway: ctx.hosts }, actorOf(c), host.id)}
      />
    )),
  );

  router.get("/hosts/:id/facts", async (c) => {
    const host = await getHost(deps, actorOf(c), c.req.param("id"));
    return c.html(<HostFacts view={c.get("view")} host={host} />);
  });

  router.post("/hosts/enrolment-tokens", mayPost("create", "hosts"), async (c) => {
    const { name = "", maxUses = "1", expiresInHours = "24" } = await readForm(c);
    const values = { name, maxUses: maxUses.trim(), expiresInHours: expiresInHours.trim() };
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

/**
 * An agent host's processes (every role reads; admins act when its agent allows):
 * - GET  /hosts/:id/processes                    live table; `?pid=` selects a process to act on,
 *                                                `&confirm=TERM|KILL` its confirmation (no JavaScript)
 * - GET  /hosts/:id/processes/rows               the rows (refresh every 2 s, which keeps the agent sending)
 * - POST /hosts/:id/processes/:pid/signal        send TERM or KILL through the agent, then back to the table
 * - POST /hosts/:id/processes/:pid/renice        change its nice value through the agent
 */
function hostProcessPages(router: Hono<AppEnv>, ctx: ModuleContext, hostPage: HostPageHandler): void {
  const gateway = ctx.hosts;
  const hostDeps = { db: ctx.deps.database.db, metrics: ctx.deps.metrics, gateway };

  const actionsFor = (c: Context<AppEnv>, hostId: string): HostProcessActions => {
    const may = can(actorOf(c), "control", "processes");
    return {
      signals: may && gateway.allows(hostId, "process.signal"),
      renice: may && gateway.allows(hostId, "process.renice"),
    };
  };

  /** The page, `state` saying which process is selected and what happened. */
  const page = (state: Partial<SelectedHostProcess> & { notice?: string | null }) =>
    hostPage("/processes", async (c, host) => {
      const table = await hostProcesses(hostDeps, actorOf(c), host.id);
      const pid = state.pid ?? null;
      const selected: SelectedHostProcess | null =
        pid === null
          ? null
          : {
              pid,
              row: table.processes.find((p) => p.pid === pid) ?? null,
              confirm: state.confirm ?? null,
              error: state.error ?? null,
              nice: state.nice ?? "0",
            };
      return (
        <HostProcessesPage
          view={c.get("view")}
          host={host}
          table={table}
          actions={actionsFor(c, host.id)}
          selected={selected}
          notice={state.notice ?? null}
        />
      );
    });

  router.get("/hosts/:id/processes", (c) => {
    const pid = pidSchema.safeParse({ pid: c.req.query("pid") });
    const { t } = c.get("view");
    const sent = signalNamed(c.req.query("sent"));
    const target = c.req.query("target") ?? "";
    const nice = c.req.query("nice");
    const notice = !/^\d+$/.test(target)
      ? null
      : sent
        ? t("processes.sent", { signal: `SIG${sent}`, pid: target })
        : nice && /^-?\d+$/.test(nice)
          ? t("hosts.processes.reniced", { pid: target, nice })
          : null;
    return page({
      pid: pid.success ? pid.data.pid : undefined,
      confirm: signalNamed(c.req.query("confirm")),
      notice,
    })(c);
  });

  router.get("/hosts/:id/processes/rows", async (c) => {
    const hostId = c.req.param("id");
    const table = await hostProcesses(hostDeps, actorOf(c), hostId);
    const { signals, renice } = actionsFor(c, hostId);
    return c.html(
      <HostProcessRows view={c.get("view")} table={table} selectable={signals || renice ? hostId : null} />,
    );
  });

  /**
   * Reads the form with `read` (null: invalid, said with the message `bad`), has the agent
   * carry out `kind` on the path's pid; back to the table saying so (`done` goes in its
   * query), or the panel saying why not, with its status.
   */
  const act = async <K extends "process.signal" | "process.renice">(
    c: Context<AppEnv>,
    kind: K,
    bad: string,
    read: (form: Record<string, string>) => { params: Omit<ActionParams<K>, "pid">; done: string } | null,
  ) => {
    const hostId = c.req.param("id") ?? "";
    const parsedPid = pidSchema.safeParse({ pid: c.req.param("pid") });
    if (!parsedPid.success) throw new NotFound();
    const { pid } = parsedPid.data;
    const form = await readForm(c);
    const { t } = c.get("view");
    try {
      const parsed = read(form);
      if (!parsed) throw new AppError(422, "validation", "Invalid input", t(bad));
      const params = { ...parsed.params, pid } as ActionParams<K>;
      await actOnHost(hostDeps, actorOf(c), hostId, kind, params, requestFacts(c, ctx.deps.config));
      return redirectAfterPost(c, `/hosts/${hostId}/processes?target=${pid}&${parsed.done}`);
    } catch (error) {
      // Refusals (the agent's config, its OS, offline, too old …): the panel says why, nothing else changes.
      if (!(error instanceof AppError) || error.status === 401) throw error;
      c.status(error.status as ContentfulStatusCode);
      return page({ pid, nice: form.nice ?? "0", error: refusalText(error, t) })(c);
    }
  };

  router.post("/hosts/:id/processes/:pid/signal", mayPost("control", "processes"), (c) =>
    act(c, "process.signal", "processes.badSignal", (form) => {
      const parsed = signalSchema.safeParse({ signal: form.signal });
      return parsed.success ? { params: parsed.data, done: `sent=${parsed.data.signal}` } : null;
    }),
  );

  router.post("/hosts/:id/processes/:pid/renice", mayPost("control", "processes"), (c) =>
    act(c, "process.renice", "hosts.processes.renice.bad", (form) => {
      const parsed = reniceSchema.safeParse({ nice: Number(form.nice ?? "") });
      return parsed.success ? { params: parsed.data, done: `nice=${parsed.data.nice}` } : null;
    }),
  );
}

/**
 * An agent host's desktop windows (every role that reads windows; admins act when its agent allows):
 * - GET  /hosts/:id/windows                           live list; `?close=<window>` opens that close
 *                                                     confirmation, `?done=<action>&id=<window>` says what was done
 * - GET  /hosts/:id/windows/live                      the list (refresh every 2 s, which keeps the agent sending)
 * - POST /hosts/:id/windows/:window/focus|minimize|close   through the agent, then back to the list
 */
function hostWindowPages(router: Hono<AppEnv>, ctx: ModuleContext, hostPage: HostPageHandler): void {
  const gateway = ctx.hosts;
  const hostDeps = { db: ctx.deps.database.db, gateway };

  const mayAct = (c: Context<AppEnv>, hostId: string) =>
    can(actorOf(c), "control", "windows") && gateway.allows(hostId, "window.action");

  /** The page, with what the last action did or why it failed. */
  const page = (error: string | null = null) =>
    hostPage("/windows", async (c, host) => {
      const { done, id, close } = c.req.query();
      const doneAction = windowActionSchema.safeParse({ id, action: done });
      return (
        <HostWindowsPage
          view={c.get("view")}
          host={host}
          list={await hostWindows(hostDeps, actorOf(c), host.id)}
          canControl={mayAct(c, host.id)}
          confirmClose={close ?? null}
          done={doneAction.success ? doneAction.data : null}
          error={error}
        />
      );
    });

  router.get("/hosts/:id/windows", (c) => page()(c));

  router.get("/hosts/:id/windows/live", async (c) => {
    const hostId = c.req.param("id");
    const list = await hostWindows(hostDeps, actorOf(c), hostId);
    return c.html(
      <HostWindowsLive
        view={c.get("view")}
        hostId={hostId}
        list={list}
        canControl={mayAct(c, hostId)}
        confirmClose={null}
      />,
    );
  });

  for (const action of WINDOW_ACTIONS)
    router.post(`/hosts/:id/windows/:window/${action}`, async (c) => {
      const hostId = c.req.param("id");
      const { t } = c.get("view");
      try {
        const window = windowIdSchema.safeParse({ id: c.req.param("window") });
        if (!window.success) throw new AppError(404, "not_found", "Not found", t("windows.unknown"));
        const params = { window: window.data.id, action };
        const facts = requestFacts(c, ctx.deps.config);
        await actOnHost(hostDeps, actorOf(c), hostId, "window.action", params, facts);
        return redirectAfterPost(c, `/hosts/${hostId}/windows?done=${action}&id=${window.data.id}`);
      } catch (error) {
        // Refusals (the agent's config, no desktop, offline, too old …): the page says why, nothing else changes.
        if (!(error instanceof AppError) || error.status === 401) throw error;
        if (error.status === 403 && !can(actorOf(c), "control", "windows")) throw error;
        c.status(error.status as ContentfulStatusCode);
        return page(refusalText(error, t))(c);
      }
    });
}
