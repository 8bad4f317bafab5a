/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ProcessFilters, processesHref } from "../../../views/pages/processes/filters.ts";
import { ProcessCounts, ProcessesPage, ProcessRows } from "../../../views/pages/processes/index.tsx";
import { ProcessPanel } from "../../../views/pages/processes/panel.tsx";
import type { AppDeps } from "../../deps.ts";
import { readFilters, readForm, refusalText } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { can } from "../../kit/rbac.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError, type FieldErrors, NotFound } from "../../lib/errors.ts";
import { isHtmx, liveRows, redirectAfterPost, renderViewPage } from "../../lib/htmx.tsx";
import type { Translate } from "../../lib/i18n.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { processQuerySchema } from "./query.ts";
import {
  getProcess,
  listProcesses,
  pidSchema,
  type SignalName,
  signalNamed,
  signalProcess,
  signalSchema,
} from "./service.ts";

/** The view in the URL; bad filters are reported beside their field and left out. */
function readView(query: Record<string, string>, t?: Translate) {
  const { filters, errors } = readFilters(processQuerySchema, query, t);
  const { offset: _offset, ...rest } = filters;
  const pid = pidSchema.safeParse({ pid: query.pid });
  return { filters: { ...rest, pid: pid.success ? pid.data.pid : null }, errors };
}

/**
 * The process pages (every role that reads processes; signals: admins):
 * - GET  /processes                  the live table; `?pid=` opens a process's panel,
 *                                    `&confirm=TERM|KILL` its confirmation (no JavaScript)
 * - GET  /processes/rows             the table's rows for a live refresh (htmx)
 * - GET  /processes/:pid/panel       a process's details panel (htmx)
 * - POST /processes/:pid/signal      send TERM or KILL, then back to the list
 */
export function processesPages(deps: AppDeps): Hono<AppEnv> {
  const svc = { db: deps.database.db, metrics: deps.metrics };
  const router = new Hono<AppEnv>();
  const refreshMs = () => deps.config.get().monitor.processIntervalMs;

  /** The panel's props for `pid`, or null when that process has ended. */
  const panelFor = async (
    c: Context<AppEnv>,
    pid: number,
    confirm: SignalName | null,
    error: string | null,
  ) => {
    try {
      const process = await getProcess(svc, actorOf(c), pid);
      return { process, canControl: can(actorOf(c), "control", "processes"), confirm, error };
    } catch (e) {
      if (e instanceof NotFound) return null;
      throw e;
    }
  };

  const show = async (
    c: Context<AppEnv>,
    filters: ProcessFilters,
    errors: FieldErrors,
    options: { confirm?: SignalName | null; error?: string | null; status?: ContentfulStatusCode } = {},
  ) => {
    const page = await listProcesses(svc, actorOf(c), { ...filters, offset: 0 });
    const panel =
      filters.pid === null
        ? null
        : await panelFor(c, filters.pid, options.confirm ?? null, options.error ?? null);
    const sentPid = Number(c.req.query("target"));
    const sentSignal = signalNamed(c.req.query("sent"));
    return renderViewPage(c, "processes.title", options.status, (view) => (
      <ProcessesPage
        view={view}
        filters={filters}
        errors={errors}
        page={page}
        panel={panel}
        gone={filters.pid !== null && panel === null ? filters.pid : null}
        sent={sentSignal && Number.isInteger(sentPid) ? { signal: sentSignal, pid: sentPid } : null}
        refreshMs={refreshMs()}
      />
    ));
  };

  router.get("/processes", (c) => {
    const { filters, errors } = readView(c.req.query(), c.get("view").t);
    return show(c, filters, errors, { confirm: signalNamed(c.req.query("confirm")) });
  });

  router.get("/processes/rows", (c) => {
    const { filters } = readView(c.req.query());
    return liveRows(c, processesHref(filters), async () => {
      const view = c.get("view");
      const page = await listProcesses(svc, actorOf(c), { ...filters, offset: 0 });
      return (
        <>
          <ProcessRows view={view} items={page.items} filters={filters} />
          <ProcessCounts view={view} filters={filters} page={page} oob />
        </>
      );
    });
  });

  router.get("/processes/:pid/panel", async (c) => {
    const { filters } = readView({ ...c.req.query(), pid: c.req.param("pid") });
    if (filters.pid === null) throw new NotFound();
    if (!isHtmx(c)) return c.redirect(processesHref(filters), 303);
    const panel = await panelFor(c, filters.pid, null, null);
    const view = c.get("view");
    c.header("Vary", "HX-Request", { append: true });
    if (!panel) return c.html(<p class="muted">{view.t("processes.gone", { pid: String(filters.pid) })}</p>);
    return c.html(<ProcessPanel view={view} filters={filters} {...panel} />);
  });

  router.post("/processes/:pid/signal", mayPost("control", "processes"), async (c) => {
    const { filters } = readView({ ...c.req.query(), pid: c.req.param("pid") });
    const form = await readForm(c);
    const signal = signalSchema.safeParse({ signal: form.signal });
    if (filters.pid === null) throw new NotFound();
    try {
      if (!signal.success)
        throw new AppError(422, "validation", "Invalid signal", c.get("view").t("processes.badSignal"));
      await signalProcess(svc, actorOf(c), filters.pid, signal.data.signal, requestFacts(c, deps.config));
      const back = processesHref(filters, { pid: null });
      return redirectAfterPost(
        c,
        `${back}${back.includes("?") ? "&" : "?"}sent=${signal.data.signal}&target=${filters.pid}`,
      );
    } catch (error) {
      // Refused (403 with the OS's reason, 404 gone, 422): the panel says why, nothing else changes.
      if (!(error instanceof AppError) || error.status === 401) throw error;
      if (error.status === 403 && !can(actorOf(c), "control", "processes")) throw error;
      return show(
        c,
        filters,
        {},
        { error: refusalText(error, c.get("view").t), status: error.status as ContentfulStatusCode },
      );
    }
  });

  return router;
}
