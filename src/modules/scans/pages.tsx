/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { emptyForm, type FormState } from "../../../views/components/form-field.tsx";
import { ScanLive, ScanPage, type ScanPageData, scanPageHref } from "../../../views/pages/scans/detail.tsx";
import { ScanRows, ScansPage, scansHref } from "../../../views/pages/scans/index.tsx";
import {
  type ScanFieldValues,
  scanFieldInput,
  scanFieldValues,
} from "../../../views/pages/scans/scan-fields.ts";
import { type ScheduleFormValues, SchedulesPage } from "../../../views/pages/scans/schedules.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, parseForm, readFilters, readForm, refusalText } from "../../kit/forms.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import type { FieldErrors } from "../../lib/errors.ts";
import { liveRows, redirectAfterPost, renderPage, renderViewPage } from "../../lib/htmx.tsx";
import type { Translate } from "../../lib/i18n.ts";
import { MAX_PAGE_SIZE } from "../../lib/list-query.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { newScanSchema, scanQuerySchema, scheduleSchema } from "./input.ts";
import { listScanHosts, listScanPorts, scanResultsQuerySchema } from "./results.ts";
import {
  createSchedule,
  deleteSchedule,
  getSchedule,
  listSchedules,
  setScheduleEnabled,
} from "./schedules.ts";
import { cancelScan, getScan, listScans, type ScanDeps, startScan } from "./service.ts";
import { TargetRefused } from "./targets.ts";

/** A refused target is shown beside the target field (403); other problems as `formErrors` reads them. */
function scanFormErrors(error: unknown, t: Translate): { errors: FieldErrors; status: ContentfulStatusCode } {
  if (error instanceof TargetRefused) return { errors: { target: refusalText(error, t) }, status: 403 };
  return { errors: formErrors(error, t), status: 422 };
}

/** New scans start with the ports most worth a look and host discovery on. */
const NEW_SCAN: Partial<ScanFieldValues> = { ports: "top1000", hostDiscovery: "on" };

/**
 * Network scans (admins only):
 * - GET  /network/scans                          the new-scan form and the scans, live
 * - POST /network/scans                          start a scan, then its page
 * - GET  /network/scans/rows                     the list's rows (htmx live refresh)
 * - GET  /network/scans/schedules                recurring scans and the form to add one
 * - POST /network/scans/schedules                create a schedule
 * - POST /network/scans/schedules/:id/toggle     enable or disable a schedule
 * - POST /network/scans/schedules/:id/delete     delete a schedule
 * - GET  /network/scans/:id                      one scan: progress, results (`?page=`), hosts × ports, diff
 * - GET  /network/scans/:id/live                 that page's live part (htmx)
 * - POST /network/scans/:id/cancel               cancel it
 */
export function scansPages(deps: AppDeps, svc: ScanDeps): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  const facts = (c: Context<AppEnv>) => requestFacts(c, deps.config);

  /** The scan, the first hosts (for the matrix) and the page of open ports `?page=` asks for, pages as large as a list answers. */
  const scanPageData = async (c: Context<AppEnv>, id: string): Promise<ScanPageData> => {
    const actor = actorOf(c);
    const first = { page: 1, pageSize: MAX_PAGE_SIZE };
    const asked = scanResultsQuerySchema.safeParse({ ...first, page: c.req.query("page") });
    const [detail, hosts, ports] = await Promise.all([
      getScan(svc.db, actor, id),
      listScanHosts(svc.db, actor, id, first),
      listScanPorts(svc.db, actor, id, asked.success ? asked.data : first),
    ]);
    return { ...detail, hosts, ports };
  };

  const showList = async (
    c: Context<AppEnv>,
    form: FormState<ScanFieldValues>,
    status?: ContentfulStatusCode,
  ) => {
    const { filters, errors } = readFilters(scanQuerySchema, c.req.query(), c.get("view").t);
    const page = await listScans(svc.db, actorOf(c), filters);
    return renderViewPage(c, "scans.title", status, (view) => (
      <ScansPage view={view} page={page} form={form} filters={filters} filterErrors={errors} />
    ));
  };

  const showSchedules = async (
    c: Context<AppEnv>,
    form: FormState<ScheduleFormValues>,
    status?: ContentfulStatusCode,
  ) => {
    const schedules = await listSchedules(svc, actorOf(c));
    return renderViewPage(c, "scans.schedules.title", status, (view) => (
      <SchedulesPage view={view} schedules={schedules} form={form} />
    ));
  };

  router.get("/network/scans", (c) => showList(c, emptyForm(NEW_SCAN)));

  router.post("/network/scans", async (c) => {
    const values = scanFieldValues(await readForm(c));
    try {
      const input = await parseForm(newScanSchema, scanFieldInput(values));
      const scan = await startScan(svc, actorOf(c), input, { request: facts(c) });
      return redirectAfterPost(c, `/network/scans/${scan.id}`);
    } catch (error) {
      const { errors, status } = scanFormErrors(error, c.get("view").t);
      return showList(c, { values, errors }, status);
    }
  });

  router.get("/network/scans/rows", (c) => {
    const { filters } = readFilters(scanQuerySchema, c.req.query());
    return liveRows(c, scansHref(filters, filters.page), async () => (
      <ScanRows view={c.get("view")} items={(await listScans(svc.db, actorOf(c), filters)).items} />
    ));
  });

  router.get("/network/scans/schedules", (c) =>
    showSchedules(c, emptyForm<ScheduleFormValues>({ ...NEW_SCAN, ports: "top100" })),
  );

  router.post("/network/scans/schedules", async (c) => {
    const form = await readForm(c);
    const { name = "", cron = "" } = form;
    const values: ScheduleFormValues = { ...scanFieldValues(form), name, cron };
    try {
      const input = await parseForm(scheduleSchema, { ...scanFieldInput(values), name, cron, enabled: true });
      await createSchedule(svc, actorOf(c), input, facts(c));
      return redirectAfterPost(c, "/network/scans/schedules");
    } catch (error) {
      const { errors, status } = scanFormErrors(error, c.get("view").t);
      return showSchedules(c, { values, errors }, status);
    }
  });

  router.post("/network/scans/schedules/:id/toggle", async (c) => {
    const actor = actorOf(c);
    const schedule = await getSchedule(svc, actor, c.req.param("id"));
    await setScheduleEnabled(svc, actor, schedule.id, !schedule.enabled, facts(c));
    return redirectAfterPost(c, "/network/scans/schedules");
  });

  router.post("/network/scans/schedules/:id/delete", async (c) => {
    await deleteSchedule(svc, actorOf(c), c.req.param("id"), facts(c));
    return redirectAfterPost(c, "/network/scans/schedules");
  });

  router.get("/network/scans/:id", async (c) => {
    const view = c.get("view");
    const detail = await scanPageData(c, c.req.param("id"));
    return renderPage(c, {
      title: view.t("scans.pageTitle", { target: detail.scan.target }),
      content: <ScanPage view={view} detail={detail} />,
    });
  });

  router.get("/network/scans/:id/live", async (c) => {
    const id = c.req.param("id");
    const detail = await scanPageData(c, id);
    return liveRows(c, scanPageHref(id, detail.ports.page), () => (
      <ScanLive view={c.get("view")} detail={detail} />
    ));
  });

  router.post("/network/scans/:id/cancel", async (c) => {
    const id = c.req.param("id");
    await cancelScan(svc, actorOf(c), id, facts(c));
    return redirectAfterPost(c, `/network/scans/${id}`);
  });

  return router;
}
