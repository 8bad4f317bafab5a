/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type {
  HostProcessActions,
  SelectedHostProcess,
} from "../../../views/pages/hosts/host-process-panel.tsx";
import { HostProcessesPage, HostProcessRows } from "../../../views/pages/hosts/host-processes.tsx";
import { readForm, refusalText } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { can } from "../../kit/rbac.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError, NotFound } from "../../lib/errors.ts";
import { redirectAfterPost } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import type { ModuleContext } from "../context.ts";
import { pidSchema, reniceSchema, signalNamed, signalSchema } from "../processes/service.ts";
import type { ActionParams } from "./action-protocol.ts";
import { actOnHost } from "./host-actions.ts";
import type { HostDetail } from "./host-reads.ts";
import { hostProcesses } from "./host-tables.ts";

/** Draws one agent host's page with `body` (the hosts pages' helper: `local` goes to its own page). */
export type HostPageHandler = (
  local: string,
  body: (c: Context<AppEnv>, host: HostDetail) => Promise<Child> | Child,
) => (c: Context<AppEnv>) => Promise<Response>;

/**
 * An agent host's processes (every role reads; admins act when its agent allows):
 * - GET  /hosts/:id/processes                    live table; `?pid=` selects a process to act on,
 *                                                `&confirm=TERM|KILL` its confirmation (no JavaScript)
 * - GET  /hosts/:id/processes/rows               the rows (refresh every 2 s, which keeps the agent sending)
 * - POST /hosts/:id/processes/:pid/signal        send TERM or KILL through the agent, then back to the table
 * - POST /hosts/:id/processes/:pid/renice        change its nice value through the agent
 */
export function hostProcessPages(router: Hono<AppEnv>, ctx: ModuleContext, hostPage: HostPageHandler): void {
  const db = ctx.deps.database.db;
  const gateway = ctx.hosts;
  const processDeps = { db, metrics: ctx.deps.metrics, watch: gateway.processes };
  const actionDeps = { db, gateway };

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
      const table = await hostProcesses(processDeps, actorOf(c), host.id);
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
    const table = await hostProcesses(processDeps, actorOf(c), hostId);
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
      await actOnHost(actionDeps, actorOf(c), hostId, kind, params, requestFacts(c, ctx.deps.config));
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
